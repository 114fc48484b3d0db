import type { CatalogPermission, PermissionCatalog, ReconcileApplyResult, ReconcilePreview } from '../common/contract-permissions';
import type { PageParams, PermissionPage, PermissionsSummary } from '../common/contract-pages';
import { PagedResults } from './paged-results';
import { summarizeCatalog } from './permissions-pages';
import { applyReconcile, permissionCatalog, permissionContext, reconcilePreview, type KnownRoles } from './permissions';
import { rolesFromFiles } from './permissions-analysis';
import type { WorkbenchSession } from './session';

/**
 * The contract's permission requests over the open session: the same functions as
 * `mwb permissions catalog|reconcile`, on the session's registry and the roles file on disk.
 */
export function catalogRequest(session: WorkbenchSession): PermissionCatalog {
  return permissionCatalog(permissionContext(session.current().checkout, session.currentRegistry(), session.analysisContext().adapted, sessionRoles(session)));
}

/**
 * The session's check parsed the roles file already (its permission rules need it): when the file
 * on disk is still that text, the catalog and the preview use that parse instead of parsing it
 * again, which takes seconds for the roles file of a platform of thousands of modules (issue 16).
 */
function sessionRoles(session: WorkbenchSession): KnownRoles {
  return (rel, text) => {
    const { files, registry } = session.analysisContext();
    const read = files.read(rel);
    return read.ok && read.text === text ? rolesFromFiles(registry.platform, files) : undefined;
  };
}

/** Catalogs the Permissions view pages through: one per summary asked for, the last few kept. */
export class CatalogPages {
  private readonly store = new PagedResults<CatalogPermission>('catalog-');

  summary(session: WorkbenchSession): PermissionsSummary {
    return summarizeCatalog(catalogRequest(session), this.store);
  }

  rows(params: PageParams): PermissionPage {
    return this.store.page(params);
  }
}

export function previewRequest(session: WorkbenchSession, removeStale: boolean): ReconcilePreview {
  return reconcilePreview(permissionContext(session.current().checkout, session.currentRegistry(), session.analysisContext().adapted, sessionRoles(session)), removeStale);
}

/** Applies in the session's queue, then the session re-checks the roles file (every view updates). */
export function applyRequest(session: WorkbenchSession, removeStale: boolean, baseVersion: string | null): Promise<ReconcileApplyResult> {
  return session.writeAndRecheck((root, registry) => {
    const result = applyReconcile(permissionContext(root, registry, session.analysisContext().adapted), removeStale, baseVersion);
    // An adapter's reconcile may write several role files (listed with ', ').
    return { result, changed: result.status === 'applied' ? result.written.split(', ') : [] };
  });
}
