import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../../src-main/common/contract-pages';

/** Rows asked for at a time: more than a screen, few enough that a page is a small message. */
export const PAGE_ROWS = 100;

/** A paged result on the server: `key` names it with its search, `meta` is its summary. */
export interface PageSource<S, T> {
  key: string;
  meta: S;
  load(offset: number, limit: number): Promise<Page<T>>;
}

export interface PagedRows<S, T> {
  /** The summary of the rows shown: it changes together with the rows, never before them. */
  meta: S | null;
  /** Rows matching the source's search, on the server. */
  total: number;
  /** Row `index`, or undefined while its page is on its way (then it is asked for). */
  row(index: number): T | undefined;
  /** The first loaded row that `pred` accepts. */
  find(pred: (row: T) => boolean): T | undefined;
}

interface Committed<S, T> {
  source: PageSource<S, T>;
  pages: Map<number, T[]>;
  total: number;
}

/**
 * The rows of a server-side result, a page at a time, for a virtualized table (issue 16): a view
 * asks for the rows it draws and never holds or parses the whole result. A new source (a re-check,
 * another search) replaces the shown one only once its first pages and the pages in view arrived,
 * so the summary and the rows always change together and the table never blinks empty.
 */
export function usePagedRows<S, T>(source: PageSource<S, T> | null, onError: (e: Error) => void): PagedRows<S, T> {
  const [committed, setCommitted] = useState<Committed<S, T> | null>(null);
  const current = useRef<Committed<S, T> | null>(null);
  current.current = committed;
  const inflight = useRef(new Set<string>());
  /** The last row drawn: the new source's pages around it are loaded before it is shown. */
  const lastDrawn = useRef(0);
  const errors = useRef(onError);
  errors.current = onError;

  useEffect(() => {
    if (!source) return;
    let live = true;
    const at = Math.floor(lastDrawn.current / PAGE_ROWS);
    const wanted = [...new Set([0, Math.max(0, at - 1), at])];
    Promise.all(wanted.map((p) => source.load(p * PAGE_ROWS, PAGE_ROWS))).then(
      (pages) => {
        if (!live) return;
        const loaded = new Map<number, T[]>();
        pages.forEach((page, i) => page.rows.length > 0 && loaded.set(wanted[i], page.rows));
        setCommitted({ source, pages: loaded, total: pages[0].total });
      },
      (e: Error) => live && errors.current(e),
    );
    return () => {
      live = false;
    };
  }, [source]);

  const loadPage = useCallback((from: Committed<S, T>, page: number) => {
    const id = `${from.source.key}\0${page}`;
    if (inflight.current.has(id)) return;
    inflight.current.add(id);
    from.source.load(page * PAGE_ROWS, PAGE_ROWS).then(
      (result) => {
        inflight.current.delete(id);
        setCommitted((c) => (c && c.source === from.source ? { ...c, pages: new Map(c.pages).set(page, result.rows), total: result.total } : c));
      },
      (e: Error) => {
        inflight.current.delete(id);
        errors.current(e);
      },
    );
  }, []);

  /** Pages asked for by this render's rows, loaded together once it is done (a render only reads). */
  const wanted = useRef<{ from: Committed<S, T>; pages: Set<number> } | null>(null);
  const row = useCallback(
    (index: number): T | undefined => {
      const c = current.current;
      if (!c) return undefined;
      lastDrawn.current = index;
      const page = Math.floor(index / PAGE_ROWS);
      const rows = c.pages.get(page);
      if (rows) return rows[index - page * PAGE_ROWS];
      if (wanted.current?.from !== c) {
        const batch = { from: c, pages: new Set<number>() };
        wanted.current = batch;
        queueMicrotask(() => {
          if (wanted.current === batch) wanted.current = null;
          for (const p of batch.pages) loadPage(c, p);
        });
      }
      wanted.current.pages.add(page);
      return undefined;
    },
    // `committed` too: a new function per commit, so memoized tables draw again when a page arrives.
    [committed, loadPage],
  );

  const find = useCallback(
    (pred: (r: T) => boolean): T | undefined => {
      for (const rows of committed?.pages.values() ?? []) {
        const hit = rows.find(pred);
        if (hit) return hit;
      }
      return undefined;
    },
    [committed],
  );

  return { meta: committed?.source.meta ?? null, total: committed?.total ?? 0, row, find };
}
