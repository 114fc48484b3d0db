import { useEffect, type RefObject } from 'react';
import { isTypingTarget } from '../../components/typing-target';

/**
 * The Graph view's window keys: `/` focuses the search; Esc closes the export menu, then the edge
 * explanation, then clears search and focus (left alone in the editor pane and in other inputs).
 */
export function useGraphKeys(
  searchRef: RefObject<HTMLInputElement | null>,
  exportRef: RefObject<HTMLDetailsElement | null>,
  closeExplanation: () => boolean,
  clearSearchAndFocus: () => void,
): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const editable = isTypingTarget(target);
      if (e.key === '/' && !editable && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (e.key === 'Escape' && !e.defaultPrevented) {
        if (target?.closest('.editor-pane') || (editable && target !== searchRef.current)) return;
        if (exportRef.current?.open) {
          exportRef.current.open = false;
          return;
        }
        if (closeExplanation()) return;
        clearSearchAndFocus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clearSearchAndFocus]);
}
