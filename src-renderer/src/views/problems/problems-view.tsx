import { useEffect, useMemo, useRef, useState, type JSX, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { VirtualTable, type VirtualTableHandle } from '../../components/virtual-table';
import { DEFAULT_MAX_PER_RULE, type Diagnostic, type Severity } from '../../../../src-main/common/diagnostic';
import { isTypingTarget } from '../../components/typing-target';
import { useWorkbench } from '../../state/workbench-context';
import { guiMessage } from '../../shared/gui-wording';
import './problems.css';

/** The findings of one file (or of none: platform-wide findings), in the order of the list. */
export interface FileGroup {
  file: string | null;
  rows: Diagnostic[];
}

/** Groups findings by file, files in path order (findings without a file last), each file's findings by line. */
export function groupByFile(rows: readonly Diagnostic[]): FileGroup[] {
  const groups = new Map<string | null, Diagnostic[]>();
  for (const d of rows) {
    const key = d.file ?? null;
    const list = groups.get(key) ?? [];
    list.push(d);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([file, list]) => ({ file, rows: list.sort((x, y) => (x.line ?? 0) - (y.line ?? 0) || (x.column ?? 0) - (y.column ?? 0)) }));
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * Every diagnostic, grouped by file (each group collapsible), filterable by severity, rule and
 * module; a row opens the file at its line; F8 / Shift+F8 go to the next and previous finding
 * (showing it in the editor, the focus staying in the list).
 */
export function ProblemsView(): JSX.Element {
  const { snapshot, openFile, ruleDocUrl } = useWorkbench();
  const [shown, setShown] = useState<Record<Severity, boolean>>({ error: true, warning: true, info: true });
  const [rule, setRule] = useState('');
  const [module, setModule] = useState('');
  const [text, setText] = useState('');
  const diagnostics = snapshot?.diagnostics ?? [];
  const rules = useMemo(() => [...new Set(diagnostics.map((d) => d.rule))].sort(), [diagnostics]);
  const modules = useMemo(() => [...new Set(diagnostics.map((d) => d.module).filter((m): m is string => !!m))].sort(), [diagnostics]);
  const rows = useMemo(() => {
    const needle = text.toLowerCase();
    return diagnostics.filter(
      (d) => shown[d.severity] && (!rule || d.rule === rule) && (!module || d.module === module) && (!needle || `${d.message} ${d.file ?? ''}`.toLowerCase().includes(needle)),
    );
  }, [diagnostics, shown, rule, module, text]);
  const counts = useMemo(() => {
    const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const d of diagnostics) c[d.severity]++;
    return c;
  }, [diagnostics]);
  const count = (s: Severity) => counts[s];
  const open = (d: Diagnostic, keepFocus = false) => d.file && openFile(d.file, d.line, d.column, keepFocus);
  const groups = useMemo(() => groupByFile(rows), [rows]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [current, setCurrent] = useState<Diagnostic | null>(null);
  const tableRef = useRef<VirtualTableHandle>(null);
  const groupKey = (g: FileGroup) => g.file ?? '';
  const toggle = (key: string) => setCollapsed((c) => (c.has(key) ? new Set([...c].filter((k) => k !== key)) : new Set([...c, key])));

  // F8 / Shift+F8: the next / previous finding in list order (a collapsed file opens to show it).
  const order = useMemo(() => groups.flatMap((g) => g.rows), [groups]);
  // The list as drawn: a heading per file, then its findings unless the file is collapsed.
  const items = useMemo(() => {
    const list: ({ kind: 'file'; group: FileGroup } | { kind: 'row'; d: Diagnostic; i: number })[] = [];
    for (const g of groups) {
      list.push({ kind: 'file', group: g });
      if (!collapsed.has(g.file ?? '')) g.rows.forEach((d, i) => list.push({ kind: 'row', d, i }));
    }
    return list;
  }, [groups, collapsed]);
  const step = useRef((_back: boolean) => undefined as void);
  step.current = (back: boolean) => {
    if (order.length === 0) return;
    const at = current ? order.indexOf(current) : -1;
    const next = order[at < 0 ? (back ? order.length - 1 : 0) : (at + (back ? -1 : 1) + order.length) % order.length];
    setCurrent(next);
    setCollapsed((c) => (c.has(next.file ?? '') ? new Set([...c].filter((k) => k !== (next.file ?? ''))) : c));
    open(next, true);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F8' || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      e.preventDefault();
      step.current(e.shiftKey);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (!current) return;
    const at = items.findIndex((it) => it.kind === 'row' && it.d === current);
    if (at >= 0) tableRef.current?.reveal(at, true);
    // Only when the current finding changes (F8, a click), not on every new list.
  }, [current]);

  return (
    <div className="view-pad" data-testid="problems-view">
      <h2 className="view-title">Problems</h2>
      <div className="toolbar">
        {SEVERITIES.map((s) => (
          <label key={s}>
            <input type="checkbox" checked={shown[s]} onChange={(e) => setShown({ ...shown, [s]: e.target.checked })} /> <span className={`badge ${s}`}>{count(s)}</span> {s}s
          </label>
        ))}
        <select aria-label="Filter by rule" value={rule} onChange={(e) => setRule(e.target.value)}>
          <option value="">all rules</option>
          {rules.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <select aria-label="Filter by module" value={module} onChange={(e) => setModule(e.target.value)}>
          <option value="">all modules</option>
          {modules.map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <input type="search" aria-label="Filter problems" placeholder="Filter text" value={text} onChange={(e) => setText(e.target.value)} />
        <span className="muted">
          {rows.length} of {diagnostics.length} in {groups.length} file{groups.length === 1 ? '' : 's'} · F8 next, Shift+F8 previous
          {snapshot && snapshot.summary.waived > 0 ? `, ${snapshot.summary.waived} waived in platform.yaml` : ''}
          {snapshot && snapshot.omitted.length > 0
            ? `; not listed: ${snapshot.omitted.map((o) => `${o.count} more ${o.rule}`).join(', ')} (at most ${DEFAULT_MAX_PER_RULE} per rule)`
            : ''}
        </span>
      </div>
      {diagnostics.length === 0 ? (
        <div className="empty">No problems. Every rule passes for profile {snapshot?.profile}.</div>
      ) : (
        <VirtualTable
          label="Problems"
          className="problems-grid"
          handle={tableRef}
          columns={[
            { header: 'Severity', width: '86px' },
            { header: 'Message', width: 'minmax(0, 3fr)' },
            { header: 'Module', width: 'minmax(0, 1fr)' },
            { header: 'Location', width: 'minmax(0, 1.6fr)' },
            { header: 'Rule', width: 'minmax(0, 1.2fr)' },
          ]}
          count={items.length}
          maxHeight="max(320px, calc(100vh - 200px))"
          row={(index) => {
            const it = items[index];
            if (it.kind === 'file') {
              const key = groupKey(it.group);
              const open_ = !collapsed.has(key);
              return {
                key: `file:${key}`,
                className: 'problems-file',
                attrs: { 'data-testid': 'problem-file', 'data-file': key },
                full: (
                  <button type="button" aria-expanded={open_} onClick={() => toggle(key)} title={open_ ? 'Collapse' : 'Expand'}>
                    <span className="problems-chevron" aria-hidden="true">
                      {open_ ? '▾' : '▸'}
                    </span>
                    <span className="mono">{it.group.file ?? 'platform-wide'}</span> <span className="badge">{it.group.rows.length}</span>
                  </button>
                ),
              };
            }
            const d = it.d;
            return {
              key: `${d.file}:${d.line}:${d.rule}:${it.i}`,
              className: d === current ? 'current' : '',
              attrs: {
                'aria-current': d === current ? 'true' : undefined,
                tabIndex: 0,
                'data-testid': 'problem-row',
                'data-rule': d.rule,
                'data-file': d.file ?? '',
                onClick: () => (setCurrent(d), open(d)),
                onKeyDown: (e: ReactKeyboardEvent) => e.key === 'Enter' && open(d),
                title: d.file ? `Open ${d.file}${d.line ? ` at line ${d.line}` : ''}` : undefined,
              },
              cells: [
                <span className={`badge ${d.severity}`}>{d.severity}</span>,
                <>
                  {guiMessage(d)}
                  {d.related?.map((r, j) => (
                    <div key={j} className="muted">
                      ↳ {r.message}
                      {r.file && (
                        <>
                          {' '}
                          (
                          <a
                            href="#"
                            onClick={(e) => {
                              e.preventDefault();
                              e.stopPropagation();
                              openFile(r.file as string, r.line, r.column);
                            }}
                          >
                            {r.file}
                            {r.line ? `:${r.line}` : ''}
                          </a>
                          )
                        </>
                      )}
                    </div>
                  ))}
                </>,
                d.module ?? '',
                <span className="mono">{d.file ? `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}` : ''}</span>,
                <a href={ruleDocUrl(d.rule)} target="_blank" rel="noreferrer" onClick={(e) => e.stopPropagation()} className="mono">
                  {d.rule}
                </a>,
              ],
            };
          }}
        />
      )}
    </div>
  );
}
