import type { PermissionCatalog, ReconcileApplyResult, ReconcilePreview } from '../common/contract-permissions';
import { applyReconcile, permissionCatalog, permissionContext, reconcilePreview } from './permissions';
import type { WorkbenchSession } from './session';

/**
 * The contract's permission requests over the open session: the same functions as
 * `mwb permissions catalog|reconcile`, on the session's registry and the roles file on disk.
 */
export function catalogRequest(session: WorkbenchSession): PermissionCatalog {
  return permissionCatalog(permissionContext(session.current().checkout, session.currentRegistry(), session.analysisContext().adapted));
}

export function previewRequest(session: WorkbenchSession, removeStale: boolean): ReconcilePreview {
  return reconcilePreview(permissionContext(session.current().checkout, session.currentRegistry(), session.analysisContext().adapted), removeStale);
}

/** Applies in the session's queue, then the session re-checks the roles file (every view updates). */
export function applyRequest(session: WorkbenchSession, removeStale: boolean, baseVersion: string | null): Promise<ReconcileApplyResult> {
  return session.writeAndRecheck((root, registry) => {
    const result = applyReconcile(permissionContext(root, registry, session.analysisContext().adapted), removeStale, baseVersion);
    // An adapter's reconcile may write several role files (listed with ', ').
    return { result, changed: result.status === 'applied' ? result.written.split(', ') : [] };
  });
}
