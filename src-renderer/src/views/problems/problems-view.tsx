import { useMemo, useState, type JSX } from 'react';
import { DEFAULT_MAX_PER_RULE, type Diagnostic, type Severity } from '../../../../src-main/common/diagnostic';
import { useWorkbench } from '../../state/workbench-context';
import { guiMessage } from '../../shared/gui-wording';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Every diagnostic, filterable by severity, rule and module; a row opens the file at its line. */
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
  const open = (d: Diagnostic) => d.file && openFile(d.file, d.line, d.column);

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
          {rows.length} of {diagnostics.length}
          {snapshot && snapshot.summary.waived > 0 ? `, ${snapshot.summary.waived} waived in platform.yaml` : ''}
          {snapshot && snapshot.omitted.length > 0
            ? `; not listed: ${snapshot.omitted.map((o) => `${o.count} more ${o.rule}`).join(', ')} (at most ${DEFAULT_MAX_PER_RULE} per rule)`
            : ''}
        </span>
      </div>
      {diagnostics.length === 0 ? (
        <div className="empty">No problems. Every rule passes for profile {snapshot?.profile}.</div>
      ) : (
        <table className="grid">
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
            {rows.map((d, i) => (
              <tr
                key={`${d.file}:${d.line}:${d.rule}:${i}`}
                className="clickable"
                tabIndex={0}
                data-testid="problem-row"
                data-rule={d.rule}
                onClick={() => open(d)}
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
          </tbody>
        </table>
      )}
    </div>
  );
}
