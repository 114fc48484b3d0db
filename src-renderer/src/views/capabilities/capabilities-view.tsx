import { useMemo, useState, type JSX } from 'react';
import type { ProfileCapabilitiesView } from '../../../../src-main/common/contract';
import { plural } from '../../shared/plural';
import './capabilities.css';
import { useWorkbench } from '../../state/workbench-context';

/**
 * Capabilities per runtime profile: the requires / provides matrix, the capabilities nothing
 * provides and every module they block, transitively, with the chain of reasons.
 */
export function CapabilitiesView(): JSX.Element {
  const { snapshot, client, reportError, selectModule, navigate } = useWorkbench();
  const [filter, setFilter] = useState('');
  const profiles = snapshot?.capabilities ?? [];
  const current = profiles.find((p) => p.profile === snapshot?.profile) ?? profiles[0];
  if (!snapshot || !current) return <div className="empty">No checkout open.</div>;

  const setProfile = (profile: string) => void client.request('session.setProfile', { profile }).catch((e: Error) => reportError(e.message));
  const show = (module: string) => {
    selectModule(module);
    navigate('graph');
  };

  return (
    <div className="view-pad" data-testid="capabilities-view">
      <h2 className="view-title">Capabilities</h2>
      <div className="toolbar">
        <span>Profile</span>
        {profiles.map((p) => (
          <button key={p.profile} className={p.profile === current.profile ? 'active' : ''} aria-pressed={p.profile === current.profile} onClick={() => setProfile(p.profile)}>
            {p.profile}
            {p.isDefault ? ' (default)' : ''} {p.missing.length > 0 && <span className="badge missing">{p.missing.length} missing</span>}
          </button>
        ))}
        <input type="search" aria-label="Filter capabilities" placeholder="Filter capabilities or modules" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <Missing profile={current} onModule={show} />
      <Blocked profile={current} onModule={show} />
      <Matrix profile={current} order={snapshot.order} filter={filter.toLowerCase()} onModule={show} />
    </div>
  );
}

function Missing(props: { profile: ProfileCapabilitiesView; onModule(m: string): void }): JSX.Element {
  const { missing } = props.profile;
  if (missing.length === 0) return <p data-testid="no-missing">Every required capability is provided in profile {props.profile.profile}.</p>;
  return (
    <section data-testid="missing-capabilities">
      <h3>Missing in {props.profile.profile}</h3>
      <table className="grid">
        <thead>
          <tr>
            <th>Capability</th>
            <th>Required by</th>
            <th>Blocks (transitively)</th>
          </tr>
        </thead>
        <tbody>
          {missing.map((m) => (
            <tr key={m.capability}>
              <td className="mono">{m.capability}</td>
              <td>{m.requiredBy.map((r) => <ModuleLink key={r} name={r} onModule={props.onModule} />)}</td>
              <td>{m.blocks.map((r) => <ModuleLink key={r} name={r} onModule={props.onModule} />)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Blocked(props: { profile: ProfileCapabilitiesView; onModule(m: string): void }): JSX.Element | null {
  if (props.profile.blocked.length === 0) return null;
  return (
    <section data-testid="blocked-modules">
      <h3>Modules that cannot load</h3>
      <table className="grid">
        <thead>
          <tr>
            <th>Module</th>
            <th>Why (every reason, each step down to its root cause)</th>
          </tr>
        </thead>
        <tbody>
          {props.profile.blocked.map((b) => (
            <tr key={b.module} data-testid="blocked-row" data-module={b.module}>
              <td>
                <ModuleLink name={b.module} onModule={props.onModule} /> <span className={`badge ${b.status}`}>{b.status}</span>
              </td>
              <td>
                {b.causes.length > 1 && <div className="muted" data-testid="cause-count">{plural(b.causes.length, 'reason')}, each to fix:</div>}
                {b.causes.map((chain, c) => (
                  <ol className="reason-chain" key={c} data-testid="cause">
                    {chain.map((r, i) => (
                      <li key={i}>{r.reason}</li>
                    ))}
                  </ol>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Matrix(props: { profile: ProfileCapabilitiesView; order: string[]; filter: string; onModule(m: string): void }): JSX.Element {
  const { profile, order, filter } = props;
  const capabilities = useMemo(() => {
    const names = new Set<string>();
    for (const p of profile.provided) names.add(p.capability);
    for (const r of profile.required) names.add(r.capability);
    return [...names].sort();
  }, [profile]);
  const cols = capabilities.filter((c) => !filter || c.toLowerCase().includes(filter));
  const involved = order.filter((m) => profile.provided.some((p) => p.by === m) || profile.required.some((r) => r.module === m));
  const rowNames = [`profile:${profile.profile}`, ...involved].filter((m) => !filter || m.toLowerCase().includes(filter) || cols.length < capabilities.length);
  const cell = (row: string, cap: string): JSX.Element | null => {
    const prov = profile.provided.find((p) => p.by === row && p.capability === cap);
    const req = profile.required.find((r) => r.module === row && r.capability === cap);
    if (!prov && !req) return null;
    return (
      <>
        {prov && (
          <span className="badge ok" title={`provides ${cap} ${prov.version ?? ''}`}>
            P{prov.version ? ` ${prov.version}` : ''}
          </span>
        )}
        {req && (
          <span className={`badge ${req.state === 'ok' ? 'info' : 'error'}`} title={`requires ${cap} ${req.range ?? ''}: ${req.state}`}>
            R{req.range ? ` ${req.range}` : ''}
            {req.state !== 'ok' ? ` · ${req.state}` : ''}
          </span>
        )}
      </>
    );
  };
  return (
    <section>
      <h3>Requires / provides</h3>
      <p className="muted">P: provides (with version), R: requires (with range). Rows in load order; the first row is the profile itself.</p>
      <div style={{ overflow: 'auto', maxHeight: '60vh' }}>
        <table className="grid" data-testid="capability-matrix">
          <thead>
            <tr>
              <th>Module</th>
              {cols.map((c) => (
                <th key={c} className="mono" style={{ whiteSpace: 'nowrap' }}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rowNames.map((row) => (
              <tr key={row}>
                <td>{row.startsWith('profile:') ? <em>{row}</em> : <ModuleLink name={row} onModule={props.onModule} />}</td>
                {cols.map((c) => (
                  <td key={c}>{cell(row, c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ModuleLink(props: { name: string; onModule(m: string): void }): JSX.Element {
  return (
    <a
      href="#graph"
      className="module-link"
      onClick={(e) => {
        e.preventDefault();
        props.onModule(props.name);
      }}
    >
      {props.name}{' '}
    </a>
  );
}
