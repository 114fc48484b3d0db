import type { KeyboardEvent } from 'react';

/**
 * Arrow keys in a tab list (WAI-ARIA tabs pattern, roving tabindex): Left/Right (and Up/Down)
 * move to the previous or next tab, Home and End to the first and last; the tab reached is
 * focused and chosen. Tabs are the `[role="tab"]` elements inside the list.
 */
export function onTabListKey(e: KeyboardEvent<HTMLElement>, choose: (tab: HTMLElement) => void): void {
  const keys = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'];
  if (!keys.includes(e.key)) return;
  const tabs = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]:not([disabled])'));
  const at = tabs.indexOf(document.activeElement as HTMLElement);
  if (tabs.length === 0 || at < 0) return;
  e.preventDefault();
  const next = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : (at + (e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 1) + tabs.length) % tabs.length;
  tabs[next].focus();
  choose(tabs[next]);
}
