import { useEffect, useImperativeHandle, useRef, type CSSProperties, type JSX, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import './virtual.css';

export interface VirtualRow {
  key: string;
  /** Cells, one per column; or `full`: one cell across every column (a group heading); or `raw`: children placed in the row's grid by the caller. */
  cells?: ReactNode[];
  full?: ReactNode;
  raw?: ReactNode;
  className?: string;
  style?: CSSProperties;
  /** Extra attributes of the row element: data-*, aria-*, title, tabIndex, handlers. */
  attrs?: Record<string, unknown>;
}

export interface VirtualTableHandle {
  /** Scrolls a row into view (and focuses it once it is drawn, when `focus`). */
  reveal(index: number, focus?: boolean): void;
}

export interface VirtualTableProps {
  label: string;
  testId?: string;
  className?: string;
  /** One CSS grid track per column ("120px", "minmax(0, 1fr)", "auto" is not allowed: rows are separate grids). */
  columns: { header: ReactNode; width: string }[];
  count: number;
  row(index: number): VirtualRow;
  /**
   * A row's key without drawing it: the virtualizer asks for the key of every row, so a table of
   * rows read in pages gives one here (else `row(i).key`), and `row` is called for drawn rows only.
   */
  rowKey?(index: number): string;
  /** A first guess of a row's height; rows are measured once drawn. */
  estimateHeight?: number;
  maxHeight?: string;
  handle?: Ref<VirtualTableHandle>;
}

/**
 * A table whose rows are virtualized (only the rows in view are in the DOM, each measured once
 * drawn, so rows of any height work), with a sticky header row and ARIA table semantics
 * (aria-rowcount and aria-rowindex, so a screen reader knows the size of the whole table).
 * Focusable rows (tabIndex in `attrs`) can be walked with the arrow keys, Home and End.
 */
export function VirtualTable(props: VirtualTableProps): JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null);
  const header = 30;
  const rows = useVirtualizer({
    count: props.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => props.estimateHeight ?? 30,
    paddingStart: header,
    scrollPaddingStart: header,
    overscan: 8,
    getItemKey: (i) => (props.rowKey ? props.rowKey(i) : props.row(i).key),
  });
  const focusIndex = useRef<number | null>(null);
  useEffect(() => {
    if (focusIndex.current === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusIndex.current}"]`);
    if (el) {
      focusIndex.current = null;
      el.focus({ preventScroll: true });
    }
  });
  const reveal = (index: number, focus = false) => {
    if (index < 0 || index >= props.count) return;
    rows.scrollToIndex(index, { align: 'auto' });
    if (!focus) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (el) el.focus({ preventScroll: true });
    else focusIndex.current = index;
  };
  useImperativeHandle(props.handle, () => ({ reveal }));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = e.target as HTMLElement;
    if (!el.matches('[data-index][tabindex]')) return;
    const at = Number(el.dataset.index);
    const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? props.count - 1 : null;
    if (to === null) return;
    e.preventDefault();
    reveal(Math.max(0, Math.min(props.count - 1, to)), true);
  };
  const template = props.columns.map((c) => c.width).join(' ');

  return (
    <div
      className={`vtable ${props.className ?? ''}`}
      role="table"
      aria-label={props.label}
      aria-rowcount={props.count + 1}
      data-testid={props.testId}
      ref={scrollRef}
      style={{ maxHeight: props.maxHeight ?? '70vh' }}
      onKeyDown={onKeyDown}
    >
      <div className="vtable-canvas" style={{ height: rows.getTotalSize() }}>
        <div className="vtable-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, height: header }}>
          {props.columns.map((c, i) => (
            <div key={i} role="columnheader">
              {c.header}
            </div>
          ))}
        </div>
        {rows.getVirtualItems().map((v) => {
          const r = props.row(v.index);
          return (
            <div
              key={v.key}
              ref={rows.measureElement}
              data-index={v.index}
              role="row"
              aria-rowindex={v.index + 2}
              className={`vtable-row ${r.className ?? ''}`}
              {...r.attrs}
              style={{ transform: `translateY(${v.start}px)`, gridTemplateColumns: template, ...r.style }}
            >
              {r.raw !== undefined ? (
                r.raw
              ) : r.full !== undefined ? (
                <div role="cell" className="vtable-full">
                  {r.full}
                </div>
              ) : (
                r.cells?.map((c, i) => (
                  <div key={i} role="cell">
                    {c}
                  </div>
                ))
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
