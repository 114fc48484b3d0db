import './module-list.css';
import { useEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent } from 'react';
import type { ModuleRecord } from '../../../../src-main/common/model';
import type { GroupAssignment } from './graph-groups';
import type { ProblemCounts } from './graph-model';

/** Row height in pixels: fixed, so that only the rows in view are rendered (5,000 rows cost ~40). */
export const ROW = 26;
const OVERSCAN = 8;

export type ListRow = { kind: 'group'; id: string; label: string; count: number } | { kind: 'module'; module: ModuleRecord; grouped: boolean };

const byName = (a: ModuleRecord, b: ModuleRecord) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The rows of the list: the modules drawn (filters applied) that match the search, by name, under
 * a header per group when the graph is grouped (groups by name, modules not in a group last).
 */
export function listRows(modules: readonly ModuleRecord[], drawn: ReadonlySet<string>, matches: ReadonlySet<string> | null, assignment: GroupAssignment): ListRow[] {
  const shown = modules.filter((m) => drawn.has(m.name) && (!matches || matches.has(m.name))).sort(byName);
  if (assignment.groups.size === 0) return shown.map((module) => ({ kind: 'module', module, grouped: false }));
  const byGroup = new Map<string, ModuleRecord[]>();
  const loose: ModuleRecord[] = [];
  for (const m of shown) {
    const gid = assignment.groupOf.get(m.name);
    if (gid === undefined) loose.push(m);
    else if (byGroup.has(gid)) byGroup.get(gid)!.push(m);
    else byGroup.set(gid, [m]);
  }
  const rows: ListRow[] = [];
  const groups = [...byGroup.keys()].map((id) => assignment.groups.get(id)!).sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  for (const g of groups) {
    const members = byGroup.get(g.id)!;
    rows.push({ kind: 'group', id: g.id, label: g.label, count: members.length });
    for (const module of members) rows.push({ kind: 'module', module, grouped: true });
  }
  for (const module of loose) rows.push({ kind: 'module', module, grouped: false });
  return rows;
}

export interface ModuleListProps {
  rows: readonly ListRow[];
  total: number;
  selected: string | null;
  expanded: ReadonlySet<string>;
  problems: ReadonlyMap<string, ProblemCounts>;
  onSelect(name: string): void;
  onToggleGroup(id: string, open: boolean): void;
}

/**
 * The modules beside the canvas, as Nx lists its projects: filtered by the graph's search and
 * filters, a click or Enter selects (and centres) a module, a group header expands or collapses its
 * group on the canvas. A listbox: arrows, Home, End, Page keys; only the rows in view are rendered.
 */
export function ModuleList({ rows, total, selected, expanded, problems, onSelect, onToggleGroup }: ModuleListProps): JSX.Element {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  const indexOf = useMemo(() => {
    const map = new Map<string, number>();
    rows.forEach((r, i) => map.set(r.kind === 'group' ? r.id : r.module.name, i));
    return map;
  }, [rows]);

  const scrollTo = (i: number) => {
    const el = scrollRef.current;
    if (!el) return;
    if (i * ROW < el.scrollTop) el.scrollTop = i * ROW;
    else if ((i + 1) * ROW > el.scrollTop + el.clientHeight) el.scrollTop = (i + 1) * ROW - el.clientHeight;
  };

  // The selection (from the canvas, the details panel or the URL) shows in the list.
  useEffect(() => {
    const i = selected ? indexOf.get(selected) : undefined;
    if (i === undefined) return;
    setActive(i);
    scrollTo(i);
  }, [selected, indexOf]);

  const activeIndex = Math.min(active, rows.length - 1);
  const move = (i: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, i));
    setActive(next);
    scrollTo(next);
  };
  const activate = (row: ListRow) => {
    if (row.kind === 'group') onToggleGroup(row.id, !expanded.has(row.id));
    else onSelect(row.module.name);
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(height / ROW) - 1);
    const row = rows[activeIndex];
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      PageDown: () => move(activeIndex + page),
      PageUp: () => move(activeIndex - page),
      Enter: () => row && activate(row),
      ' ': () => row && activate(row),
      ArrowRight: () => row?.kind === 'group' && onToggleGroup(row.id, true),
      ArrowLeft: () => row?.kind === 'group' && onToggleGroup(row.id, false),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    action();
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);
  const visible: JSX.Element[] = [];
  for (let i = first; i < last; i++) {
    const row = rows[i];
    const style = { top: i * ROW, height: ROW };
    const cls = `module-list-row${i === activeIndex ? ' active' : ''}`;
    if (row.kind === 'group') {
      const open = expanded.has(row.id);
      visible.push(
        <div key={row.id} id={`module-list-${i}`} role="option" aria-selected={false} aria-expanded={open} className={`${cls} group`} style={style} data-testid="module-list-row" data-group={row.id} onClick={() => { setActive(i); activate(row); }}>
          <span className="module-list-toggle" aria-hidden="true">{open ? '▾' : '▸'}</span>
          <span className="module-list-name">{row.label}</span>
          <span className="module-list-count">{row.count}</span>
        </div>,
      );
      continue;
    }
    const m = row.module;
    const p = problems.get(m.name);
    visible.push(
      <div key={m.name} id={`module-list-${i}`} role="option" aria-selected={m.name === selected} className={`${cls}${row.grouped ? ' member' : ''}${m.name === selected ? ' selected' : ''}`} style={style} data-testid="module-list-row" data-module={m.name} title={`${m.name} ${m.version ?? ''}, ${m.tier}`} onClick={() => { setActive(i); onSelect(m.name); }}>
        <span className={`module-list-dot tier-${m.tier}${m.status !== 'ok' ? ' alert' : ''}`} aria-hidden="true" />
        <span className="module-list-name">{m.name}</span>
        {p && p.errors > 0 && <span className="module-list-errors" aria-label={`${p.errors} errors`}>{p.errors}</span>}
      </div>,
    );
  }

  const modules = rows.reduce((n, r) => n + (r.kind === 'module' ? 1 : 0), 0);
  return (
    <nav className="module-list" aria-label="Module list" data-testid="module-list">
      <div className="module-list-head" aria-live="polite">
        {modules === total ? `${total} modules` : `${modules} of ${total} modules`}
      </div>
      <div
        ref={scrollRef}
        className="module-list-scroll"
        role="listbox"
        aria-label="Modules"
        tabIndex={0}
        aria-activedescendant={rows.length > 0 ? `module-list-${activeIndex}` : undefined}
        onKeyDown={onKey}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="module-list-spacer" style={{ height: rows.length * ROW }}>
          {visible}
        </div>
      </div>
    </nav>
  );
}
