import type { EventName, Events, WorkbenchSnapshot } from '../common/contract';
import { diffSnapshots } from '../common/snapshot-patch';

/**
 * What a host sends for the session's events: a snapshot after an incremental re-check goes out as
 * a `session.patch` against the snapshot sent before it (common/snapshot-patch.ts); full scans and
 * profile switches go out whole. The renderer's transport turns patches back into snapshots and
 * asks for the whole one when it does not hold the patch's base (a page that connected since).
 */
export class SnapshotWire {
  private last: WorkbenchSnapshot | null = null;

  /** The event and payload to send for an event the session emitted. */
  wire<E extends EventName>(event: E, payload: Events[E]): { event: EventName; payload: Events[EventName] } {
    if (event !== 'session.snapshot') return { event, payload };
    const snapshot = payload as WorkbenchSnapshot;
    const before = this.last;
    this.last = snapshot;
    if (before && snapshot.stats.kind === 'incremental' && before.checkout === snapshot.checkout) return { event: 'session.patch', payload: diffSnapshots(before, snapshot) };
    return { event, payload };
  }
}
