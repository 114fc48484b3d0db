import { useCallback, useMemo, useRef, useState } from 'react';
import type { OpenFileRequest } from '../../state/workbench-context';

/** One open file in the editor pane. */
export interface EditorTab {
  request: OpenFileRequest;
  dirty: boolean;
  /** Raised to ask the tab's editor to close (it asks first when there are unsaved edits). */
  closeSignal: number;
}

export interface EditorTabs {
  tabs: readonly EditorTab[];
  active: string | null;
  /** Opens a file in a tab (or brings its tab to the front), optionally revealing a line. */
  open(path: string, line?: number, column?: number, keepFocus?: boolean): void;
  activate(path: string): void;
  /** Asks a tab to close: closes at once when clean, asks when not. */
  requestClose(path: string): void;
  /** A tab's editor has closed: the tab goes, its neighbour comes to the front. */
  closed(path: string): void;
  setDirty(path: string, dirty: boolean): void;
}

/** The files open in the editor pane, as tabs (as in VS Code): one editor per file, the last opened in front. */
export function useEditorTabs(): EditorTabs {
  const [tabs, setTabs] = useState<EditorTab[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const nonce = useRef(0);

  const open = useCallback((path: string, line?: number, column?: number, keepFocus?: boolean) => {
    const request: OpenFileRequest = { path, line, column, keepFocus, nonce: ++nonce.current };
    setTabs((list) => (list.some((t) => t.request.path === path) ? list.map((t) => (t.request.path === path ? { ...t, request } : t)) : [...list, { request, dirty: false, closeSignal: 0 }]));
    setActive(path);
  }, []);

  const requestClose = useCallback((path: string) => {
    setTabs((list) => list.map((t) => (t.request.path === path ? { ...t, closeSignal: t.closeSignal + 1 } : t)));
    setActive(path);
  }, []);

  const closed = useCallback((path: string) => {
    setTabs((list) => {
      const at = list.findIndex((t) => t.request.path === path);
      if (at < 0) return list;
      const next = list.filter((t) => t.request.path !== path);
      setActive((current) => (current === path || current === null ? (next[Math.min(at, next.length - 1)]?.request.path ?? null) : current));
      return next;
    });
  }, []);

  const setDirty = useCallback((path: string, dirty: boolean) => {
    setTabs((list) => (list.some((t) => t.request.path === path && t.dirty !== dirty) ? list.map((t) => (t.request.path === path ? { ...t, dirty } : t)) : list));
  }, []);

  return useMemo(() => ({ tabs, active, open, activate: setActive, requestClose, closed, setDirty }), [tabs, active, open, requestClose, closed, setDirty]);
}
