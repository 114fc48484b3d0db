import './dialog.css';
import { useEffect, useId, useRef, type JSX, type KeyboardEvent, type ReactNode } from 'react';

/**
 * A modal dialog over the editor pane or a view (it covers its nearest positioned ancestor). Escape or the backdrop cancels; focus goes to the first
 * button and stays inside while it is open; it returns to where it was when the dialog closes.
 */
export function Dialog(props: { title: string; children: ReactNode; onCancel(): void; tone?: 'warning' | 'danger'; testId?: string }): JSX.Element {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const onCancel = useRef(props.onCancel);
  onCancel.current = props.onCancel;

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    (ref.current?.querySelector<HTMLElement>('[data-autofocus]') ?? ref.current?.querySelector<HTMLElement>('button'))?.focus();
    return () => {
      if (before && document.contains(before)) before.focus();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onCancel.current();
      return;
    }
    if (e.key !== 'Tab') return;
    const focusable = Array.from(ref.current?.querySelectorAll<HTMLElement>('button:not([disabled]), a[href]') ?? []);
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="mwb-dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onCancel()}>
      <div ref={ref} className={`mwb-dialog ${props.tone ?? ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={props.testId} onKeyDown={onKeyDown}>
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

/** One choice in a dialog: a button and a line on what it does. */
export function Choice(props: { label: string; detail: string; onClick(): void; tone?: 'primary' | 'danger'; autoFocus?: boolean; disabled?: boolean }): JSX.Element {
  return (
    <div className="mwb-choice">
      <button className={props.tone ?? ''} onClick={props.onClick} data-autofocus={props.autoFocus ? '' : undefined} disabled={props.disabled}>
        {props.label}
      </button>
      <span className="muted">{props.detail}</span>
    </div>
  );
}
