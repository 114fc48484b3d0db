import type { SnapshotPatch, WorkbenchSnapshot } from './contract';

/**
 * What changed from one snapshot to the next, for hosts that send snapshots over a wire (the
 * headless server's WebSocket, Electron's IPC). A re-check after an edit keeps most of the
 * snapshot as it was (the same objects: service/position-edit.ts, the registry's caches), so the
 * host sends the parts that are new objects instead of the whole snapshot (14 MB of JSON at 5,000
 * modules, issue 16), and the renderer rebuilds the snapshot from the one it holds
 * (src-renderer/src/client/snapshot-patches.ts). Only object identity is compared: a part rebuilt
 * with equal content is sent again, never a changed one left out.
 */

/** A list is sent as changes by index while they are at most this share of it (else whole). */
const MAX_CHANGED_SHARE = 0.25;

type Lists = SnapshotPatch['lists'];

export function diffSnapshots(before: WorkbenchSnapshot, after: WorkbenchSnapshot): SnapshotPatch {
  const patch: SnapshotPatch = { base: before.revision, revision: after.revision, set: {}, lists: {} };
  const set = patch.set as Record<string, unknown>;
  for (const key of Object.keys(after) as (keyof WorkbenchSnapshot)[]) {
    if (key === 'revision') continue;
    const a = before[key];
    const b = after[key];
    if (a === b) continue;
    if (Array.isArray(a) && Array.isArray(b)) {
      const items: [number, unknown][] = [];
      const limit = Math.max(8, b.length * MAX_CHANGED_SHARE);
      for (let i = 0; i < b.length && items.length <= limit; i++) if (i >= a.length || a[i] !== b[i]) items.push([i, b[i]]);
      if (items.length <= limit) {
        if (items.length > 0 || a.length !== b.length) (patch.lists as Lists)[key] = { length: b.length, items };
        continue;
      }
    }
    set[key] = b;
  }
  return patch;
}

/** The snapshot a patch describes, from the one it was made against; null when `before` is not that one. */
export function applySnapshotPatch(before: WorkbenchSnapshot, patch: SnapshotPatch): WorkbenchSnapshot | null {
  if (before.revision !== patch.base) return null;
  const out = { ...before, ...patch.set, revision: patch.revision } as WorkbenchSnapshot;
  for (const [key, change] of Object.entries(patch.lists) as [keyof WorkbenchSnapshot, { length: number; items: [number, unknown][] }][]) {
    const list = (before[key] as unknown[]).slice(0, change.length);
    for (const [i, item] of change.items) list[i] = item;
    (out as unknown as Record<string, unknown>)[key] = list;
  }
  return out;
}
