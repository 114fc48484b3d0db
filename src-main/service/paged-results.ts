import { WorkbenchError } from '../common/contract';
import type { Page, PageParams } from '../common/contract-pages';

interface Entry<T> {
  rows: readonly T[];
  /** The texts a search looks in, lower case, one per row. */
  haystack: (row: T) => string;
  /** The haystacks, made on the first search. */
  texts?: string[];
  /** The last search's matches, so scrolling a filtered list does not filter it again per page. */
  search?: { needle: string; rows: readonly T[] };
}

/**
 * Whole results the views read in pages (issue 16): each kept under an id until `keep` newer ones
 * replace it. A view asks for the rows of one id, so the rows always belong to the summary it
 * drew; an id that is gone answers `stale` and the view asks for a fresh summary.
 */
export class PagedResults<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private next = 1;

  constructor(
    private readonly prefix: string,
    private readonly keep = 4,
  ) {}

  put(rows: readonly T[], haystack: (row: T) => string): string {
    const id = `${this.prefix}${this.next++}`;
    this.entries.set(id, { rows, haystack });
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.keep) break;
      this.entries.delete(key);
    }
    return id;
  }

  /** Whether a result is still kept (a summary remembered by its producer may have been replaced). */
  has(id: string): boolean {
    return this.entries.has(id);
  }

  page(params: PageParams): Page<T> {
    const entry = this.entries.get(params.id);
    if (!entry) throw new WorkbenchError('stale', `the result ${params.id} is no longer kept: ask for the view's summary again`);
    const rows = this.matching(entry, (params.search ?? '').trim().toLowerCase());
    const offset = Math.min(params.offset, rows.length);
    return { id: params.id, offset, total: rows.length, rows: rows.slice(offset, offset + params.limit) };
  }

  private matching(entry: Entry<T>, needle: string): readonly T[] {
    if (!needle) return entry.rows;
    if (entry.search?.needle !== needle) {
      const texts = (entry.texts ??= entry.rows.map(entry.haystack));
      entry.search = { needle, rows: entry.rows.filter((_, i) => texts[i].includes(needle)) };
    }
    return entry.search.rows;
  }
}
