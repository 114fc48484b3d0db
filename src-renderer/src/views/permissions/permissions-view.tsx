import { useCallback, useEffect, useMemo, useState, type JSX } from 'react';
import type { CatalogPermission, ReconcilePreview } from '../../../../src-main/common/contract-permissions';
import type { PermissionsSummary } from '../../../../src-main/common/contract-pages';
import type { Diagnostic } from '../../../../src-main/common/diagnostic';
import { guiMessage } from '../../shared/gui-wording';
import { plural } from '../../shared/plural';
import { useWorkbench } from '../../state/workbench-context';
import { Choice, Dialog } from '../../components/dialog';
import { onTabListKey } from '../../components/roving-tabs';
import { VirtualGrid } from '../../components/virtual-grid';
import { VirtualTable } from '../../components/virtual-table';
import { useDebounced } from '../../components/use-debounced';
import { usePagedRows, type PagedRows, type PageSource } from '../../components/use-paged-rows';
import { ReconcilePanel } from './reconcile-panel';
import './permissions.css';

type Tab = 'catalog' | 'matrix' | 'routes' | 'reconcile';
const ROUTE_RULES = new Set(['route-permission-missing', 'route-permission-undeclared', 'route-permission-foreign']);

/**
 * The permission reconciler: the catalog with search, the roles x permissions matrix (direct
 * grants, wildcard coverage, ungranted and stale highlighted), route mismatches linked to their
 * manifest line, and the reconcile preview as a diff of the roles file with Apply.
 */
export function PermissionsView(): JSX.Element {
  const { client, snapshot, reportError, openFile } = useWorkbench();
  const [tab, setTab] = useState<Tab>('catalog');
  const [search, setSearch] = useState('');
  const [summary, setSummary] = useState<PermissionsSummary | null>(null);
  const [preview, setPreview] = useState<ReconcilePreview | null>(null);
  const [removeStale, setRemoveStale] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [applying, setApplying] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const revision = snapshot?.revision;

  // The server keeps the catalog; the view holds its summary and asks for the rows it draws.
  const refresh = useCallback(() => {
    Promise.all([client.request('permissions.summary', {}), client.request('permissions.preview', { removeStale })]).then(
      ([c, p]) => {
        setSummary(c);
        setPreview(p);
      },
      (e: Error) => reportError(`Permissions: ${e.message}`),
    );
  }, [client, removeStale, reportError]);
  // Every new snapshot (a scan, an outside edit of roles.yaml, our own apply) refreshes the data.
  useEffect(refresh, [refresh, revision]);

  const routeFindings = useMemo(() => (snapshot?.diagnostics ?? []).filter((d) => ROUTE_RULES.has(d.rule)), [snapshot]);
  const needle = useDebounced(search.trim().toLowerCase(), 150);
  const source = useMemo<PageSource<PermissionsSummary, CatalogPermission> | null>(
    () => summary && { key: `${summary.id}\0${needle}`, meta: summary, load: (offset, limit) => client.request('permissions.rows', { id: summary.id, offset, limit, ...(needle ? { search: needle } : {}) }) },
    [client, summary, needle],
  );
  // A catalog the server no longer keeps (several windows asking at once): ask again.
  const onPageError = useCallback((e: Error) => ((e as { code?: string }).code === 'stale' ? refresh() : reportError(`Permissions: ${e.message}`)), [refresh, reportError]);
  const shown = usePagedRows(source, onPageError);
  const catalog = shown.meta;

  if (!catalog || !preview) return <div className="empty">Loading permissions…</div>;
  // While the roles file cannot be read, "granted by nobody" would be a guess: it is not shown.
  const rolesBroken = catalog.diagnostics.length > 0;
  const rolesUnknown = rolesBroken || catalog.rolesElsewhere !== undefined;
  const { ungranted, stale } = catalog;

  const apply = () => {
    setConfirming(false);
    setApplying(true);
    client
      .request('permissions.apply', { removeStale, baseVersion: preview.baseVersion })
      .then(
        (r) => {
          if (r.status === 'applied') setNotice(`Wrote ${r.written}${r.plan.required ? '; stale grants were kept (tick "Remove stale grants" to drop them)' : '; the roles are reconciled'}.`);
          else if (r.status === 'unchanged') setNotice(`${preview.rolesFile} was already reconciled; nothing was written.`);
          else reportError(`Nothing was written: ${r.message}`);
          refresh();
        },
        (e: Error) => reportError(`Apply failed: ${e.message}`),
      )
      .finally(() => setApplying(false));
  };

  const tabs: { id: Tab; label: string; count?: number | string; tone?: string }[] = [
    { id: 'catalog', label: 'Catalog', count: catalog.total },
    { id: 'matrix', label: 'Roles × permissions', count: plural(catalog.roles.length, 'role') },
    { id: 'routes', label: 'Route mismatches', count: routeFindings.length, tone: routeFindings.length > 0 ? 'warning' : 'ok' },
    { id: 'reconcile', label: 'Reconcile', count: preview.canApply ? (preview.plan.required ? 'required' : 'settled') : 'blocked', tone: !preview.canApply ? 'error' : preview.plan.required ? 'warning' : 'ok' },
  ];

  return (
    <div className="view-pad perm-view" data-testid="permissions-view">
      <h2 className="view-title">Permissions</h2>
      <p className="muted perm-summary" data-testid="permissions-summary">
        {plural(catalog.total, 'permission')} in {plural(catalog.modules, 'module')} ·{' '}
        {catalog.rolesElsewhere !== undefined ? (
          <span data-testid="roles-elsewhere">roles unknown: {catalog.rolesElsewhere}</span>
        ) : (
          <>
            {plural(catalog.roles.length, 'role')} in{' '}
            <a href="#roles" onClick={(e) => (e.preventDefault(), openFile(catalog.rolesFile))}>
              {catalog.rolesFile}
            </a>{' '}
            ·{' '}
            {rolesBroken ? (
              <span className="error-text">{catalog.rolesFile} has problems, so who holds what is unknown (see Reconcile)</span>
            ) : (
              <>
                <span className={ungranted > 0 ? 'warn-text' : ''}>{ungranted} ungranted</span> · <span className={stale > 0 ? 'error-text' : ''}>{plural(stale, 'stale grant')}</span>
              </>
            )}
          </>
        )}
      </p>
      {notice && (
        <div className="banner ok-banner" role="status" data-testid="apply-notice">
          {notice} <button onClick={() => setNotice(null)}>Dismiss</button>
        </div>
      )}
      <div className="toolbar" role="tablist" aria-label="Permissions" onKeyDown={(e) => onTabListKey(e, (el) => setTab(el.dataset.tab as typeof tab))}>
        {tabs.map((t) => (
          <button key={t.id} role="tab" aria-selected={tab === t.id} tabIndex={tab === t.id ? 0 : -1} data-tab={t.id} className={tab === t.id ? 'active' : ''} onClick={() => setTab(t.id)} data-testid={`tab-${t.id}`}>
            {t.label} <span className={`badge ${t.tone ?? 'info'}`}>{t.count}</span>
          </button>
        ))}
        {(tab === 'catalog' || tab === 'matrix') && (
          <input type="search" aria-label="Search permissions" placeholder="Search ids, modules, descriptions, roles, routes" value={search} onChange={(e) => setSearch(e.target.value)} className="perm-search" />
        )}
      </div>
      {tab === 'catalog' && <CatalogTable permissions={shown} total={catalog.total} rolesBroken={rolesUnknown} />}
      {tab === 'matrix' && <Matrix catalog={catalog} permissions={shown} created={preview.created} />}
      {tab === 'routes' && <RouteMismatches findings={routeFindings} />}
      {tab === 'reconcile' && (
        <ReconcilePanel preview={preview} removeStale={removeStale} onRemoveStale={setRemoveStale} applying={applying} onApply={() => setConfirming(true)} />
      )}
      {confirming && (
        <Dialog title={`Write ${preview.rolesFile}?`} onCancel={() => setConfirming(false)} tone="warning" testId="apply-dialog">
          <ApplySummary preview={preview} />
          <Choice label="Apply" detail="Write the changes shown in the preview, atomically." onClick={apply} tone="primary" autoFocus />
          <Choice label="Cancel" detail="Write nothing." onClick={() => setConfirming(false)} />
        </Dialog>
      )}
    </div>
  );
}

function ApplySummary(props: { preview: ReconcilePreview }): JSX.Element {
  const { plan, created, removeStale, rolesFile } = props.preview;
  const adding = plan.roles.filter((r) => r.add.length > 0);
  const added = adding.reduce((n, r) => n + r.add.length, 0);
  const removed = removeStale ? plan.roles.reduce((n, r) => n + r.stale.length, 0) : 0;
  return (
    <p>
      Adds {plural(added, 'grant')} to {plural(adding.length, 'role')}
      {created.length > 0 && <> (creating {created.join(', ')})</>}
      {removed > 0 && <>, removes {plural(removed, 'stale grant')}</>}. Only those lines of <code>{rolesFile}</code> change: comments, order and every other line stay
      byte for byte. If the file changed since this preview, nothing is written.
    </p>
  );
}

function PermissionLink(props: { p: CatalogPermission; inGrid?: boolean }): JSX.Element {
  const { openFile } = useWorkbench();
  const { p } = props;
  return (
    <a href="#open" className="mono perm-id" tabIndex={props.inGrid ? -1 : undefined} title={`${p.file}:${p.line}`} onClick={(e) => (e.preventDefault(), openFile(p.file, p.line, p.column))}>
      {p.id}
    </a>
  );
}

type Rows = PagedRows<PermissionsSummary, CatalogPermission>;

/** A row whose page is on its way. */
const LOADING = <span className="muted">…</span>;

function CatalogTable(props: { permissions: Rows; total: number; rolesBroken: boolean }): JSX.Element {
  const { openFile } = useWorkbench();
  const { permissions } = props;
  if (permissions.total === 0) return <div className="empty">{props.total === 0 ? 'No module declares permissions.' : 'No permission matches the search.'}</div>;
  return (
    <>
      <p className="muted">
        {permissions.total === props.total ? plural(props.total, 'permission') : `${permissions.total} of ${plural(props.total, 'permission')}`}. Solid role: granted directly; dashed: covered by a wildcard grant.
      </p>
      <VirtualTable
        label="Permission catalog"
        testId="permission-catalog"
        className="perm-catalog"
        columns={[
          { header: 'Permission', width: 'minmax(180px, 2fr)' },
          { header: 'Module', width: 'minmax(90px, 1fr)' },
          { header: 'Description', width: 'minmax(0, 2fr)' },
          { header: 'Risk', width: 'minmax(0, 1.5fr)' },
          { header: 'Routes', width: 'minmax(0, 1.5fr)' },
          { header: 'Granted to', width: 'minmax(0, 2fr)' },
        ]}
        count={permissions.total}
        rowKey={String}
        estimateHeight={34}
        maxHeight="max(320px, calc(100vh - 300px))"
        row={(i) => {
          const p = permissions.row(i);
          if (!p) return { key: `loading-${i}`, full: LOADING };
          return {
            key: p.id,
            className: p.grantedBy.length === 0 && !props.rolesBroken ? 'ungranted' : '',
            attrs: { 'data-testid': 'catalog-row', 'data-id': p.id },
            cells: [
              <>
                <PermissionLink p={p} /> {p.wildcard && <span className="badge warning">broad</span>}
              </>,
              p.module,
              p.description ?? <span className="muted">none</span>,
              <span className="perm-risk">{p.risk ?? ''}</span>,
              p.routes.map((r, j) => (
                <a key={j} href="#open" className="perm-route mono" data-file={r.file} title={`${r.method} ${r.path} (${r.file}:${r.line})`} onClick={(e) => (e.preventDefault(), openFile(r.file, r.line, r.column))}>
                  {r.method} {r.path}
                </a>
              )),
              props.rolesBroken ? (
                <span className="muted">unknown</span>
              ) : p.grantedBy.length === 0 ? (
                <span className="badge warning" data-testid="ungranted">
                  ungranted
                </span>
              ) : (
                p.grantedBy.map((g) => (
                  <span key={g.role} className={`role-chip ${g.direct ? 'direct' : 'wildcard'}`} title={g.direct ? `${g.role} grants ${p.id}` : `${g.role} grants ${g.grant}`}>
                    {g.role}
                    {!g.direct && <span className="via"> via {g.grant}</span>}
                  </span>
                ))
              ),
            ],
          };
        }}
      />
    </>
  );
}

function Matrix(props: { catalog: PermissionsSummary; permissions: Rows; created: string[] }): JSX.Element {
  const { openFile } = useWorkbench();
  const { catalog, permissions } = props;
  const roles = [...catalog.roles.map((r) => r.name), ...props.created];
  const roleByName = new Map(catalog.roles.map((r) => [r.name, r]));
  const stale = catalog.roles.map((r) => ({ role: r.name, grants: r.staleGrants })).filter((r) => r.grants.length > 0);
  const rolesKnown = catalog.diagnostics.length === 0 && catalog.rolesElsewhere === undefined;
  return (
    <>
      <p className="muted perm-legend">
        <span className="perm-cell direct">✓</span> granted directly · <span className="perm-cell wildcard">*</span> covered by a wildcard grant (hover for which) · <span className="perm-cell missing">+</span> wanted by{' '}
        <code>default_roles</code>, missing (reconcile adds it) · <span className="row-ungranted-sample">ungranted</span> no role holds it · <span className="perm-cell stale">stale</span> grant covering no permission
      </p>
      {permissions.total === 0 ? (
        <div className="empty">No permission matches the search.</div>
      ) : (
        <VirtualGrid
          label="Roles × permissions"
          testId="permission-matrix"
          rowCount={permissions.total}
          colCount={roles.length}
          rowHeight={30}
          colWidth={120}
          rowHeaderWidth={300}
          headerHeight={30}
          corner="Permission"
          colKey={(c) => roles[c]}
          colTitle={(c) => roles[c]}
          colHeader={(c) => {
            const r = roles[c];
            const role = roleByName.get(r);
            return role ? (
              <a href="#open" tabIndex={-1} title={role.risk ? `risk: ${role.risk}` : `${catalog.rolesFile}:${role.line}`} onClick={(e) => (e.preventDefault(), openFile(catalog.rolesFile, role.line, role.column))}>
                {r}
              </a>
            ) : (
              <span title="not in the roles file yet: reconcile creates it">
                {r} <span className="badge info">new</span>
              </span>
            );
          }}
          rowKey={(i) => permissions.row(i)?.id ?? `loading-${i}`}
          rowAttrs={(i): Record<string, string> => {
            const p = permissions.row(i);
            return p ? { 'data-testid': 'matrix-row', 'data-id': p.id } : { 'data-loading': '' };
          }}
          rowClass={(i) => ((permissions.row(i)?.grantedBy.length ?? 1) === 0 && rolesKnown ? 'ungranted' : '')}
          rowHeader={(i) => {
            const p = permissions.row(i);
            return p ? <PermissionLink p={p} inGrid /> : LOADING;
          }}
          cell={(i, c) => {
            const p = permissions.row(i);
            if (!p) return null;
            const r = roles[c];
            const g = p.grantedBy.find((x) => x.role === r);
            if (g) {
              return (
                <span className={`perm-cell ${g.direct ? 'direct' : 'wildcard'}`} data-cell={g.direct ? 'direct' : 'wildcard'} title={g.direct ? `${r} grants ${p.id}` : `${r} holds it through ${g.grant}`}>
                  {g.direct ? '✓' : '*'}
                </span>
              );
            }
            return p.defaultRoles.includes(r) ? (
              <span className="perm-cell missing" data-cell="missing" title={`default_roles asks for ${r}; reconcile adds it`}>
                +
              </span>
            ) : null;
          }}
          onActivate={(i) => {
            const p = permissions.row(i);
            if (p) openFile(p.file, p.line, p.column);
          }}
          maxHeight="max(320px, calc(100vh - 330px))"
        />
      )}
      {stale.length > 0 && (
        <section className="perm-stale" data-testid="stale-row">
          <strong>Stale grants</strong> <span className="muted">cover no declared permission</span>
          <dl>
            {stale.map((r) => (
              <div key={r.role}>
                <dt>{r.role}</dt>
                <dd>
                  {r.grants.map((g) => (
                    <a key={g.id} href="#open" className="perm-cell stale mono" data-cell="stale" title={`${catalog.rolesFile}:${g.line}`} onClick={(e) => (e.preventDefault(), openFile(catalog.rolesFile, g.line, g.column))}>
                      {g.id}
                    </a>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </>
  );
}

function RouteMismatches(props: { findings: Diagnostic[] }): JSX.Element {
  const { openFile, ruleDocUrl } = useWorkbench();
  if (props.findings.length === 0) return <div className="empty" data-testid="no-route-mismatches">Every route names a declared permission of its own module or a dependency, or is public.</div>;
  return (
    <table className="grid" data-testid="route-mismatches">
      <thead>
        <tr>
          <th>Severity</th>
          <th>Route</th>
          <th>Module</th>
          <th>Manifest line</th>
          <th>Rule</th>
        </tr>
      </thead>
      <tbody>
        {props.findings.map((d, i) => (
          <tr key={i} data-testid="route-mismatch" data-rule={d.rule}>
            <td>
              <span className={`badge ${d.severity}`}>{d.severity}</span>
            </td>
            <td>{guiMessage(d)}</td>
            <td>{d.module}</td>
            <td>
              {d.file && (
                <a href="#open" className="mono" onClick={(e) => (e.preventDefault(), openFile(d.file as string, d.line, d.column))}>
                  {d.file}:{d.line}
                </a>
              )}
            </td>
            <td>
              <a href={ruleDocUrl(d.rule)} target="_blank" rel="noreferrer" className="mono">
                {d.rule}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
