import type { RequestName, WorkbenchSnapshot, WorkbenchTransport } from '../../../src-main/common/contract';
import { applySnapshotPatch } from '../../../src-main/common/snapshot-patch';

/** Requests whose result is the session's whole snapshot. */
const SNAPSHOT_RESULTS: ReadonlySet<RequestName> = new Set(['session.snapshot', 'session.open', 'session.setProfile', 'session.rescan']);

/**
 * The host sends what changed in the snapshot after an edit (`session.patch`, common/snapshot-patch.ts)
 * instead of all of it. This transport keeps the last snapshot it saw (an event, or a request's
 * result), applies each patch to it and gives the views a whole `session.snapshot` as before. A
 * patch made against a snapshot it does not hold (it connected since, or a message crossed) makes
 * it ask for the whole snapshot.
 */
export function withSnapshotPatches(inner: WorkbenchTransport): WorkbenchTransport {
  let current: WorkbenchSnapshot | null = null;
  const listeners = new Set<(snapshot: WorkbenchSnapshot) => void>();
  const deliver = (snapshot: WorkbenchSnapshot) => {
    current = snapshot;
    for (const l of listeners) l(snapshot);
  };
  let asking = false;
  inner.on('session.snapshot', deliver);
  inner.on('session.patch', (patch) => {
    const next = current && applySnapshotPatch(current, patch);
    if (next) return deliver(next);
    if (asking) return;
    asking = true;
    void inner
      .request('session.snapshot', {})
      .then((snapshot) => snapshot && deliver(snapshot), () => undefined)
      .finally(() => (asking = false));
  });
  return {
    async request(name, params) {
      const result = await inner.request(name, params);
      if (SNAPSHOT_RESULTS.has(name) && result) current = result as unknown as WorkbenchSnapshot;
      return result;
    },
    on(event, listener) {
      if (event !== 'session.snapshot') return inner.on(event, listener);
      const l = listener as (snapshot: WorkbenchSnapshot) => void;
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
