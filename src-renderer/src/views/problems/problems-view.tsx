import { Fragment, useEffect, useMemo, useRef, useState, type JSX } from 'react';
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
  const rows = diagnostics.filter(
    (d) => shown[d.severity] && (!rule || d.rule === rule) && (!module || d.module === module) && (!text || `${d.message} ${d.file ?? ''}`.toLowerCase().includes(text.toLowerCase())),
  );
  const count = (s: Severity) => diagnostics.filter((d) => d.severity === s).length;
  const open = (d: Diagnostic, keepFocus = false) => d.file && openFile(d.file, d.line, d.column, keepFocus);
  const groups = useMemo(() => groupByFile(rows), [rows]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [current, setCurrent] = useState<Diagnostic | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const groupKey = (g: FileGroup) => g.file ?? '';
  const toggle = (key: string) => setCollapsed((c) => (c.has(key) ? new Set([...c].filter((k) => k !== key)) : new Set([...c, key])));

  // F8 / Shift+F8: the next / previous finding in list order (a collapsed file opens to show it).
  const order = groups.flatMap((g) => g.rows);
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
    const row = tableRef.current?.querySelector<HTMLElement>('tr[aria-current="true"]');
    row?.focus({ preventScroll: true });
    row?.scrollIntoView({ block: 'nearest' });
  }, [current, collapsed]);

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
        <table className="grid problems-grid" ref={tableRef}>
          <thead>
            <tr>
              <th>Severity</th>
              <th>Message</th>
              <th>Module</th>
              <th>Location</th>
              <th>Rule</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => {
              const key = groupKey(g);
              const open_ = !collapsed.has(key);
              return (
                <Fragment key={key}>
                  <tr className="problems-file" data-testid="problem-file" data-file={key}>
                    <th colSpan={5} scope="rowgroup">
                      <button type="button" aria-expanded={open_} onClick={() => toggle(key)} title={open_ ? 'Collapse' : 'Expand'}>
                        <span className="problems-chevron" aria-hidden="true">
                          {open_ ? '▾' : '▸'}
                        </span>
                        <span className="mono">{g.file ?? 'platform-wide'}</span> <span className="badge">{g.rows.length}</span>
                      </button>
                    </th>
                  </tr>
                  {open_ && g.rows.map((d, i) => (
              <tr
                key={`${d.file}:${d.line}:${d.rule}:${i}`}
                className={`clickable${d === current ? ' current' : ''}`}
                aria-current={d === current ? 'true' : undefined}
                tabIndex={0}
                data-testid="problem-row"
                data-rule={d.rule}
                data-file={d.file ?? ''}
                onClick={() => (setCurrent(d), open(d))}
                onKeyDown={(e) => e.key === 'Enter' && open(d)}
                title={d.file ? `Open ${d.file}${d.line ? ` at line ${d.line}` : ''}` : undefined}
              >
                <td>
                  <span className={`badge ${d.severity}`}>{d.severity}</span>
                </td>
                <td>
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
                </td>
                <td>{d.module ?? ''}</td>
                <td className="mono">{d.file ? `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}` : ''}</td>
                <td>
                  <a href={ruleDocUrl(d.rule)} target="_blank" rel="noreferrer" onClick={(e) => e.stopPropagation()} className="mono">
                    {d.rule}
                  </a>
                </td>
              </tr>
                  ))}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
