import { useEffect, useRef, useState, type FocusEvent, type JSX, type KeyboardEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import './virtual.css';

export interface VirtualGridProps {
  /** The grid's accessible name. */
  label: string;
  testId?: string;
  rowCount: number;
  colCount: number;
  rowHeight: number;
  colWidth: number;
  /** The sticky first column (the row headers). */
  rowHeaderWidth: number;
  headerHeight: number;
  corner: ReactNode;
  colHeader(col: number): ReactNode;
  /** A column header's tooltip (its full text when it is cut short). */
  colTitle?(col: number): string;
  rowHeader(row: number): ReactNode;
  cell(row: number, col: number): ReactNode;
  rowKey(row: number): string;
  colKey(col: number): string;
  /** data-* attributes of a row. */
  rowAttrs?(row: number): Record<string, string>;
  /** Extra class names of a row. */
  rowClass?(row: number): string;
  /** Enter on a cell (col -1: the row header). */
  onActivate?(row: number, col: number): void;
  /** The scroll box's largest height (CSS). */
  maxHeight?: string;
}

type Cell = { row: number; col: number };

/**
 * A two-way virtualized grid (rows and columns; only what is in view is in the DOM) with a sticky
 * header row and a sticky first column, ARIA grid semantics (aria-rowcount / aria-colcount and an
 * index on every row and cell, so a screen reader knows where it is in the whole grid), and one
 * tab stop: the arrow keys, Home / End (Ctrl for the corners) and PageUp / PageDown move the focus
 * from cell to cell, scrolling it into view; Enter activates the cell.
 */
export function VirtualGrid(props: VirtualGridProps): JSX.Element {
  const { rowCount, colCount, rowHeight, colWidth, rowHeaderWidth, headerHeight } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
    overscan: 6,
  });
  const cols = useVirtualizer({
    horizontal: true,
    count: colCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => colWidth,
    paddingStart: rowHeaderWidth,
    scrollPaddingStart: rowHeaderWidth,
    overscan: 3,
  });
  const [active, setActive] = useState<Cell>({ row: 0, col: -1 });
  const focusPending = useRef(false);
  // Keep the tab stop inside the grid when it shrinks (a filter).
  const at: Cell = { row: Math.min(active.row, rowCount - 1), col: Math.min(active.col, colCount - 1) };

  useEffect(() => {
    if (!focusPending.current) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-vcell="${at.row}:${at.col}"]`);
    if (el) {
      focusPending.current = false;
      el.focus({ preventScroll: true });
    }
  });

  const move = (to: Cell) => {
    const next = { row: Math.max(-1, Math.min(rowCount - 1, to.row)), col: Math.max(-1, Math.min(colCount - 1, to.col)) };
    if (next.row >= 0) rows.scrollToIndex(next.row, { align: 'auto' });
    if (next.col >= 0) cols.scrollToIndex(next.col, { align: 'auto' });
    else if (scrollRef.current) scrollRef.current.scrollLeft = 0;
    focusPending.current = true;
    setActive(next);
  };
  const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 600) - headerHeight) / rowHeight) - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-vcell]');
    if (!cell) return;
    const [row, col] = (cell.dataset.vcell as string).split(':').map(Number);
    const keys: Record<string, () => Cell> = {
      ArrowUp: () => ({ row: row - 1, col }),
      ArrowDown: () => ({ row: row + 1, col }),
      ArrowLeft: () => ({ row, col: col - 1 }),
      ArrowRight: () => ({ row, col: col + 1 }),
      PageUp: () => ({ row: row - page, col }),
      PageDown: () => ({ row: row + page, col }),
      Home: () => (e.ctrlKey ? { row: 0, col: -1 } : { row, col: -1 }),
      End: () => (e.ctrlKey ? { row: rowCount - 1, col: colCount - 1 } : { row, col: colCount - 1 }),
    };
    if (keys[e.key]) {
      e.preventDefault();
      move(keys[e.key]());
    } else if (e.key === 'Enter' && row >= 0 && props.onActivate) {
      e.preventDefault();
      props.onActivate(row, col);
    }
  };
  const tab = (row: number, col: number) => (row === at.row && col === at.col ? 0 : -1);
  const track = (row: number, col: number) => () => setActive({ row, col });
  const totalWidth = cols.getTotalSize();
  const virtualCols = cols.getVirtualItems();
  const virtualRows = rows.getVirtualItems();
  // The tab stop scrolled out of the DOM: the grid itself takes the focus and hands it to the first row in view.
  const stopDrawn = (at.row === -1 || virtualRows.some((r) => r.index === at.row)) && (at.col === -1 || virtualCols.some((c) => c.index === at.col));
  const onGridFocus = (e: FocusEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || stopDrawn || virtualRows.length === 0) return;
    const top = (scrollRef.current?.scrollTop ?? 0) + headerHeight;
    move({ row: (virtualRows.find((r) => r.start >= top) ?? virtualRows[0]).index, col: -1 });
  };

  return (
    <div className="vgrid" role="grid" aria-label={props.label} aria-rowcount={rowCount + 1} aria-colcount={colCount + 1} data-testid={props.testId} ref={scrollRef} style={{ maxHeight: props.maxHeight ?? '70vh' }} tabIndex={stopDrawn ? -1 : 0} onFocus={onGridFocus} onKeyDown={onKeyDown}>
      <div className="vgrid-canvas" style={{ width: totalWidth, height: rows.getTotalSize() }}>
        <div className="vgrid-head" role="row" aria-rowindex={1} style={{ height: headerHeight, width: totalWidth }}>
          <div className="vgrid-corner" role="columnheader" aria-colindex={1} style={{ width: rowHeaderWidth, height: headerHeight }} data-vcell="-1:-1" tabIndex={tab(-1, -1)} onFocus={track(-1, -1)}>
            {props.corner}
          </div>
          {virtualCols.map((c) => (
            <div key={props.colKey(c.index)} className="vgrid-colhead" role="columnheader" aria-colindex={c.index + 2} title={props.colTitle?.(c.index)} style={{ left: c.start, width: c.size, height: headerHeight }} data-vcell={`-1:${c.index}`} tabIndex={tab(-1, c.index)} onFocus={track(-1, c.index)}>
              {props.colHeader(c.index)}
            </div>
          ))}
        </div>
        {virtualRows.map((r) => (
          <div key={props.rowKey(r.index)} {...props.rowAttrs?.(r.index)} className={`vgrid-row ${props.rowClass?.(r.index) ?? ''}`} role="row" aria-rowindex={r.index + 2} data-row={r.index} style={{ top: r.start, height: r.size, width: totalWidth }}>
            <div className="vgrid-rowhead" role="rowheader" aria-colindex={1} style={{ width: rowHeaderWidth, height: r.size }} data-vcell={`${r.index}:-1`} tabIndex={tab(r.index, -1)} onFocus={track(r.index, -1)}>
              {props.rowHeader(r.index)}
            </div>
            {virtualCols.map((c) => (
              <div key={props.colKey(c.index)} className="vgrid-cell" role="gridcell" aria-colindex={c.index + 2} style={{ left: c.start, width: c.size, height: r.size }} data-vcell={`${r.index}:${c.index}`} tabIndex={tab(r.index, c.index)} onFocus={track(r.index, c.index)}>
                {props.cell(r.index, c.index)}
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
