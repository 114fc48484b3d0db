import { memo, useMemo, type JSX, type ReactNode } from 'react';
import type { WorkbenchSnapshot } from '../../../../src-main/common/contract';
import { SEVERITY_RANK, type Diagnostic } from '../../../../src-main/common/diagnostic';
import type { DependencyRef, ModuleRecord } from '../../../../src-main/common/model';
import { ModuleNotes } from '../notes/module-notes';
import type { FocusMode, GraphIndex } from './graph-model';
import { guiMessage } from '../../shared/gui-wording';
import { ModuleSchedules } from './module-schedules';
import { ModuleTables } from './module-tables';

export interface ModuleDetailsProps {
  module: ModuleRecord;
  snapshot: WorkbenchSnapshot;
  index: GraphIndex;
  focusMode: FocusMode | null;
  onSelect(name: string): void;
  onOpenFile(path: string, line?: number, column?: number): void;
  onFocus(mode: FocusMode | null): void;
  onClose(): void;
}

/** The side panel for the selected module: manifest summary, relations, declarations, problems. */
function ModuleDetailsView({ module: m, snapshot, index, focusMode, onSelect, onOpenFile, onFocus, onClose }: ModuleDetailsProps): JSX.Element {
  const mf = m.manifest;
  const diagnostics = useMemo(
    () =>
      snapshot.diagnostics
        .filter((d) => d.module === m.name)
        .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || (a.line ?? 0) - (b.line ?? 0)),
    [snapshot.diagnostics, m.name],
  );
  const dependents = useMemo(
    () => [...(index.downstream.get(m.name) ?? [])].sort((a, b) => (index.order.get(a.name) ?? 0) - (index.order.get(b.name) ?? 0) || (a.name < b.name ? -1 : 1)),
    [index, m.name],
  );
  const profile = snapshot.capabilities.find((p) => p.profile === snapshot.profile);
  const capState = (cap: string) => profile?.required.find((r) => r.module === m.name && r.capability === cap)?.state;
  const providers = (cap: string) => profile?.provided.filter((p) => p.capability === cap).map((p) => p.by) ?? [];

  const moduleLink = (name: string, suffix?: ReactNode) =>
    index.byName.has(name) ? (
      <button type="button" className="link" onClick={() => onSelect(name)} title={`Select ${name}`}>
        {name}
        {suffix}
      </button>
    ) : (
      <span className="missing" title="No module with this name">
        {name}
        {suffix}
      </span>
    );
  const depItem = (d: DependencyRef) => (
    <li key={d.name}>
      {moduleLink(d.name)}
      {d.range && <code className="range"> {d.range}</code>}
      {!index.byName.has(d.name) && <span className="badge missing">missing</span>}
    </li>
  );

  return (
    <aside className="graph-details" data-testid="module-details" aria-label={`Module ${m.name}`}>
      <header className="graph-details-head">
        <div>
          <h2>{m.name}</h2>
          <div className="graph-details-sub">
            <code>{m.version ?? 'no version'}</code> <span className={`badge ${m.tier}`}>{m.tier}</span> <span className={`badge ${m.status}`}>{m.status}</span>
            {index.cycleMembers.has(m.name) && <span className="badge error">in a cycle</span>}
          </div>
        </div>
        <button type="button" className="icon" onClick={onClose} aria-label="Close details" title="Close (Esc)">
          ×
        </button>
      </header>
      <div className="graph-details-actions">
        <button type="button" onClick={() => onOpenFile(m.manifestFile)} title="Open module.yaml in the editor (or double-click the node)">
          Open manifest
        </button>
        <span className="seg" role="group" aria-label="Focus on this module">
          {(['upstream', 'downstream', 'both'] as const).map((mode) => (
            <button key={mode} type="button" className={focusMode === mode ? 'active' : ''} aria-pressed={focusMode === mode} onClick={() => onFocus(focusMode === mode ? null : mode)}>
              {mode === 'upstream' ? 'Upstream' : mode === 'downstream' ? 'Downstream' : 'Both'}
            </button>
          ))}
        </span>
      </div>
      <div className="graph-details-body">
        {mf.description && <p className="graph-details-desc">{mf.description}</p>}
        <dl className="graph-details-facts">
          <dt>Manifest</dt>
          <dd>
            <button type="button" className="link mono" onClick={() => onOpenFile(m.manifestFile)}>
              {m.manifestFile}
            </button>
          </dd>
          <dt>Core version</dt>
          <dd>{mf.min_core_version ? <code>{mf.min_core_version}</code> : <span className="muted">any</span>}</dd>
          <dt>Tenancy</dt>
          <dd>{mf.tenancy}</dd>
          <dt>Load order</dt>
          <dd>{index.order.has(m.name) ? `#${index.order.get(m.name)! + 1} of ${snapshot.order.length}` : <span className="muted">not loaded</span>}</dd>
        </dl>

        {m.blockedBy.length > 0 && (
          <Section title={m.status === 'invalid' ? 'Why it is invalid' : 'Why it is blocked'} testId="blocked-reasons">
            <ol className="graph-details-chain">
              {m.blockedBy.map((b, i) => (
                <li key={i}>
                  {b.reason}
                  {b.via && <> (via {moduleLink(b.via)})</>}
                </li>
              ))}
            </ol>
          </Section>
        )}

        <Section title="Dependencies" count={mf.dependencies.length} testId="details-dependencies">
          <ul className="graph-details-list">{mf.dependencies.map(depItem)}</ul>
        </Section>
        {mf.optional_dependencies.length > 0 && (
          <Section title="Optional dependencies" count={mf.optional_dependencies.length} testId="details-optional">
            <ul className="graph-details-list">{mf.optional_dependencies.map(depItem)}</ul>
          </Section>
        )}
        <Section title="Dependents" count={dependents.length} testId="details-dependents">
          <ul className="graph-details-list">
            {dependents.map((d) => (
              <li key={d.name}>
                {moduleLink(d.name)}
                {d.kind === 'optional' && <span className="muted"> (optional)</span>}
              </li>
            ))}
          </ul>
        </Section>

        <Section title="Capabilities" count={mf.requires.length + mf.provides.length}>
          {mf.requires.length > 0 && (
            <>
              <h4>Requires</h4>
              <ul className="graph-details-list">
                {mf.requires.map((c) => {
                  const state = capState(c.name);
                  const by = providers(c.name);
                  return (
                    <li key={c.name}>
                      <code>{c.name}</code>
                      {c.version && <code className="range"> {c.version}</code>}
                      {state && state !== 'ok' && <span className="badge error">{state}</span>}
                      {by.length > 0 && <span className="muted"> from {by.join(', ')}</span>}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          {mf.provides.length > 0 && (
            <>
              <h4>Provides</h4>
              <ul className="graph-details-list">
                {mf.provides.map((c) => (
                  <li key={c.name}>
                    <code>{c.name}</code>
                    {c.version && <code className="range"> {c.version}</code>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Section>

        <Section title="Permissions" count={mf.permissions.length}>
          <ul className="graph-details-list">
            {mf.permissions.map((p) => (
              <li key={p.id} title={[p.description, p.risk && `Risk: ${p.risk}`].filter(Boolean).join('\n')}>
                <code>{p.id}</code>
                {p.id.includes('*') && <span className="badge warning">broad</span>}
                {p.default_roles && p.default_roles.length > 0 && <span className="muted"> → {p.default_roles.join(', ')}</span>}
              </li>
            ))}
          </ul>
        </Section>

        <Section title="Routes" count={mf.routes.length}>
          <ul className="graph-details-list routes">
            {mf.routes.map((r, i) => (
              <li key={i}>
                <span className="method">{r.method}</span> <code>{r.path}</code>
                <div className="muted small">
                  {r.public ? 'public' : [r.permission, ...(r.permissions ?? [])].filter(Boolean).join(' + ') || 'no permission'}
                  {r.tenant_scoped ? ' · tenant-scoped' : ''}
                </div>
              </li>
            ))}
          </ul>
        </Section>

        <Section title="Events" count={mf.publishes.length + mf.subscribes.length}>
          {mf.publishes.length > 0 && (
            <>
              <h4>Publishes</h4>
              <ul className="graph-details-list">
                {mf.publishes.map((e) => (
                  <li key={e}>
                    <code>{e}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
          {mf.subscribes.length > 0 && (
            <>
              <h4>Subscribes</h4>
              <ul className="graph-details-list">
                {mf.subscribes.map((e) => (
                  <li key={e}>
                    <code>{e}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Section>

        <ModuleSchedules manifest={mf} />
        <ModuleTables module={m.name} onOpenFile={onOpenFile} />

        <ModuleNotes module={m.name} />

        <Section title="Problems" count={diagnostics.length} testId="details-problems">
          <ul className="graph-details-list problems">
            {diagnostics.map((d, i) => (
              <li key={i}>
                <ProblemRow diagnostic={d} onOpenFile={onOpenFile} />
              </li>
            ))}
          </ul>
        </Section>
      </div>
    </aside>
  );
}

function ProblemRow({ diagnostic: d, onOpenFile }: { diagnostic: Diagnostic; onOpenFile: ModuleDetailsProps['onOpenFile'] }): JSX.Element {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}` : '';
  return (
    <button type="button" className="problem" disabled={!d.file} onClick={() => d.file && onOpenFile(d.file, d.line, d.column)} title={where ? `Open ${where}` : undefined}>
      <span className={`badge ${d.severity}`}>{d.severity}</span> <span className="rule">{d.rule}</span>
      <span className="message">{guiMessage(d)}</span>
      {where && <span className="where mono">{where}</span>}
    </button>
  );
}

function Section({ title, count, testId, children }: { title: string; count?: number; testId?: string; children: ReactNode }): JSX.Element {
  const empty = count === 0;
  return (
    <section className="graph-details-section" data-testid={testId}>
      <h3>
        {title}
        {count !== undefined && <span className="count">{count}</span>}
      </h3>
      {empty ? <div className="muted small">none</div> : children}
    </section>
  );
}

export const ModuleDetails = memo(ModuleDetailsView);
