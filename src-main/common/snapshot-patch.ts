import type { SnapshotPatch, WorkbenchSnapshot } from './contract';

/**
 * What changed from one snapshot to the next, for hosts that send snapshots over a wire (the
 * headless server's WebSocket, Electron's IPC): 14 MB of JSON at 5,000 modules (issue 16), most of
 * it as it was after an edit. A part is left out when it is the same object as before (a re-check
 * that moved positions keeps them: service/position-edit.ts) or holds the same data, compared
 * field by field in order (a re-check that ran again builds new objects); lists are sent as
 * splices around the items that differ, and a short list of large items (a view per profile, each
 * listing every provided capability) as the changes inside its items (`items`). The renderer rebuilds the snapshot from the one it holds
 * (src-renderer/src/client/snapshot-patches.ts); test/snapshot-patches.test.ts checks that the
 * result is the snapshot, as JSON, after edits of both kinds.
 */

/** A list is sent whole when its splices would carry more than this share of its items. */
const MAX_SPLICED_SHARE = 0.5;

type Splice = [start: number, removed: number, items: unknown[]];
type ItemPatch = [index: number, set: Record<string, unknown>, lists: Record<string, Splice[]>];

/** Lists up to this long are sent item by item when their changed items change inside a list field. */
const MAX_ITEM_PATCHED = 64;

/** The same data, as JSON would write it: the same keys in the same order, the same values. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], bb[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameData((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]])) return false;
  }
  return true;
}

/** How far ahead an item is looked for after a difference, to tell an insertion or a removal from a change. */
const LOOK_AHEAD = 8;

/**
 * Splices that turn `a` into `b`, or null when sending `b` whole is as good. The lists are walked
 * side by side; where their items differ, the next few items of each tell an item changed in place
 * (the items after it agree), inserted (the item of `a` is found a little further in `b`) or
 * removed (the other way round), so a few insertions and removals anywhere in a long list (a
 * dependency edge added, the edges of one module moved) are sent as a few splices.
 */
function splices(a: readonly unknown[], b: readonly unknown[]): Splice[] | null {
  const out: Splice[] = [];
  const limit = Math.max(8, b.length * MAX_SPLICED_SHARE);
  let sent = 0;
  const add = (start: number, removed: number, items: unknown[]): void => {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === start) {
      last[1] += removed;
      for (const item of items) last[2].push(item);
    } else out.push([start, removed, items]);
    sent += items.length;
  };
  let i = 0;
  let j = 0;
  // Differences in a row where looking ahead found nothing: past a few, a run of items changed in
  // place (every finding of a file moved) is not looked ahead in again until items agree.
  let blind = 0;
  while (i < a.length && j < b.length && sent <= limit) {
    if (sameData(a[i], b[j])) {
      i++;
      j++;
      blind = 0;
      continue;
    }
    let step: [removed: number, inserted: number] = [1, 1];
    if (blind < LOOK_AHEAD && !(i + 1 < a.length && j + 1 < b.length && sameData(a[i + 1], b[j + 1]))) {
      blind++;
      for (let d = 1; d <= LOOK_AHEAD; d++) {
        if (j + d < b.length && sameData(a[i], b[j + d])) {
          step = [0, d];
          blind = 0;
          break;
        }
        if (i + d < a.length && sameData(a[i + d], b[j])) {
          step = [d, 0];
          blind = 0;
          break;
        }
      }
    }
    add(i, step[0], b.slice(j, j + step[1]));
    i += step[0];
    j += step[1];
  }
  if (sent > limit) return null;
  if (i < a.length || j < b.length) add(i, a.length - i, b.slice(j));
  return sent > limit ? null : out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The changes inside one item: fields replaced and list fields spliced; null when no list field splices (the item is sent whole). */
function itemPatch(index: number, a: unknown, b: unknown): ItemPatch | null {
  if (!isRecord(a) || !isRecord(b)) return null;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return null;
  const set: Record<string, unknown> = {};
  const lists: Record<string, Splice[]> = {};
  let spliced = false;
  for (const k of kb) {
    const x = a[k];
    const y = b[k];
    if (sameData(x, y)) continue;
    const changes = Array.isArray(x) && Array.isArray(y) ? splices(x, y) : null;
    if (changes) {
      lists[k] = changes;
      spliced = true;
    } else set[k] = y;
  }
  return spliced ? [index, set, lists] : null;
}

/**
 * A short list of large items (the profiles' capability views, each listing every provided
 * capability) whose changed items each change inside a list of their own: those changes alone; null otherwise.
 */
function itemPatches(a: readonly unknown[], b: readonly unknown[]): ItemPatch[] | null {
  if (a.length !== b.length || b.length > MAX_ITEM_PATCHED) return null;
  const out: ItemPatch[] = [];
  for (let i = 0; i < b.length; i++) {
    if (sameData(a[i], b[i])) continue;
    const p = itemPatch(i, a[i], b[i]);
    if (!p) return null;
    out.push(p);
  }
  return out;
}

export function diffSnapshots(before: WorkbenchSnapshot, after: WorkbenchSnapshot): SnapshotPatch {
  const patch: SnapshotPatch = { base: before.revision, revision: after.revision, set: {}, lists: {} };
  const set = patch.set as Record<string, unknown>;
  const lists = patch.lists as Record<string, Splice[]>;
  for (const key of Object.keys(after) as (keyof WorkbenchSnapshot)[]) {
    if (key === 'revision') continue;
    const a = before[key];
    const b = after[key];
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a === b) continue;
      const patched = itemPatches(a, b);
      if (patched) {
        if (patched.length > 0) (patch.items ??= {})[key] = patched as never;
        continue;
      }
      const changes = splices(a, b);
      if (changes) {
        if (changes.length > 0) lists[key] = changes;
        continue;
      }
    } else if (sameData(a, b)) continue;
    set[key] = b;
  }
  return patch;
}

/** The snapshot a patch describes, from the one it was made against; null when `before` is not that one. */
export function applySnapshotPatch(before: WorkbenchSnapshot, patch: SnapshotPatch): WorkbenchSnapshot | null {
  if (before.revision !== patch.base) return null;
  const out = { ...before, ...patch.set, revision: patch.revision } as WorkbenchSnapshot;
  for (const [key, changes] of Object.entries(patch.lists) as [keyof WorkbenchSnapshot, Splice[]][]) {
    (out as unknown as Record<string, unknown>)[key] = spliced(before[key] as unknown[], changes);
  }
  for (const [key, patches] of Object.entries(patch.items ?? {}) as [keyof WorkbenchSnapshot, ItemPatch[]][]) {
    const list = [...(before[key] as unknown[])];
    for (const [index, set, lists] of patches) {
      const held = list[index] as Record<string, unknown>;
      const item = { ...held, ...set };
      for (const [field, changes] of Object.entries(lists)) item[field] = spliced(held[field] as unknown[], changes);
      list[index] = item;
    }
    (out as unknown as Record<string, unknown>)[key] = list;
  }
  return out;
}

function spliced(held: readonly unknown[], changes: readonly Splice[]): unknown[] {
  const list: unknown[] = [];
  let at = 0;
  for (const [start, removed, items] of changes) {
    for (let i = at; i < start; i++) list.push(held[i]);
    for (const item of items) list.push(item);
    at = start + removed;
  }
  for (let i = at; i < held.length; i++) list.push(held[i]);
  return list;
}
