import { useMemo, useState, type JSX } from 'react';
import { VirtualGrid } from '../../components/virtual-grid';
import { VirtualTable } from '../../components/virtual-table';
import { capabilityMatrix, filterMatrix } from './capability-matrix';
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
  const { blocked } = props.profile;
  if (blocked.length === 0) return null;
  return (
    <section data-testid="blocked-modules">
      <h3>Modules that cannot load ({blocked.length})</h3>
      <VirtualTable
        label="Modules that cannot load"
        columns={[
          { header: 'Module', width: 'minmax(160px, 1fr)' },
          { header: 'Why (every reason, each step down to its root cause)', width: 'minmax(0, 3fr)' },
        ]}
        count={blocked.length}
        estimateHeight={48}
        maxHeight="45vh"
        row={(i) => {
          const b = blocked[i];
          return {
            key: b.module,
            attrs: { 'data-testid': 'blocked-row', 'data-module': b.module },
            cells: [
              <>
                <ModuleLink name={b.module} onModule={props.onModule} /> <span className={`badge ${b.status}`}>{b.status}</span>
              </>,
              <>
                {b.causes.length > 1 && <div className="muted" data-testid="cause-count">{plural(b.causes.length, 'reason')}, each to fix:</div>}
                {b.causes.map((chain, c) => (
                  <ol className="reason-chain" key={c} data-testid="cause">
                    {chain.map((r, j) => (
                      <li key={j}>{r.reason}</li>
                    ))}
                  </ol>
                ))}
              </>,
            ],
          };
        }}
      />
    </section>
  );
}

function Matrix(props: { profile: ProfileCapabilitiesView; order: string[]; filter: string; onModule(m: string): void }): JSX.Element {
  const model = useMemo(() => capabilityMatrix(props.profile, props.order), [props.profile, props.order]);
  const { rows, cols } = useMemo(() => filterMatrix(model, props.filter), [model, props.filter]);
  const isProfile = (row: string) => row === model.profileRow;
  const cell = (row: string, cap: string): JSX.Element | null => {
    const entry = model.cells.get(row)?.get(cap);
    if (!entry) return null;
    const { prov, req } = entry;
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
      <p className="muted" data-testid="matrix-size">
        P: provides (with version), R: requires (with range). Rows in load order; the first row is the profile itself. {plural(rows.length, 'row')} × {plural(cols.length, 'capability', 'capabilities')}
        {rows.length < model.rows.length || cols.length < model.capabilities.length ? ` (of ${model.rows.length} × ${model.capabilities.length})` : ''}; arrow keys move between cells, Enter shows a
        module on the graph.
      </p>
      {rows.length === 0 ? (
        <div className="empty">Nothing matches the filter.</div>
      ) : (
        <VirtualGrid
          label="Capabilities: modules × capabilities"
          testId="capability-matrix"
          rowCount={rows.length}
          colCount={cols.length}
          rowHeight={28}
          colWidth={132}
          rowHeaderWidth={230}
          headerHeight={30}
          corner="Module"
          colHeader={(c) => <span>{cols[c]}</span>}
          colTitle={(c) => cols[c]}
          colKey={(c) => cols[c]}
          rowKey={(r) => rows[r]}
          rowAttrs={(r) => ({ 'data-module': rows[r] })}
          rowHeader={(r) => (isProfile(rows[r]) ? <em>{rows[r]}</em> : <ModuleLink name={rows[r]} onModule={props.onModule} inGrid />)}
          cell={(r, c) => cell(rows[r], cols[c])}
          onActivate={(r) => !isProfile(rows[r]) && props.onModule(rows[r])}
          maxHeight="max(320px, calc(100vh - 330px))"
        />
      )}
    </section>
  );
}

function ModuleLink(props: { name: string; onModule(m: string): void; inGrid?: boolean }): JSX.Element {
  return (
    <a
      href="#graph"
      className="module-link"
      tabIndex={props.inGrid ? -1 : undefined}
      onClick={(e) => {
        e.preventDefault();
        props.onModule(props.name);
      }}
    >
      {props.name}{' '}
    </a>
  );
}
