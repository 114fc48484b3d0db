import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { SqlDialect } from '../common/contract-migrations';
import type { ManifestSource } from '../engine/manifest';
import type { CheckoutFiles, DirEntry } from './checkout-reader';
import { scanSource } from './manifest-source';
import { isSqlEntry } from './migration-scan';
import type { ScanSettings } from './module-scan';
import { SqlSide, type FolderReads, type SqlSideReply } from './sql-side';

/**
 * The split scan's worker side (scan-split.ts is the main thread's): it reads module folders ahead
 * of the main thread and, for `check`, keeps the SQL side (sql-side.ts). A file of its own so that
 * the worker loads only what reading and the SQL side need (not the manifest parser, its schema
 * validator, semver ...: about 0.3 s less before it reads its first folder at 5,000 modules).
 */

export interface ReadAheadWorkerData {
  mode: 'read-ahead';
  root: string;
  /** Whether the main thread's reader keeps its listings (a one-shot run): the worker's does the same. */
  watched: boolean;
  /** Int32Array: [0] the folder the main thread is at (the worker reads ahead of it). */
  progress: SharedArrayBuffer;
  /** The main thread's messages: the start (when not given here) and the SQL side's (sql-side.ts). */
  control: MessagePort;
  /** What to read. Absent for a worker started before the folders were discovered: the first message on `control`. */
  start?: ReadAheadStart;
}

/** What the worker reads: the module folders in order, and how. */
export interface ReadAheadStart {
  kind: 'start';
  folders: readonly string[];
  /** The module folders' parents, listed first (a folder seen there as a folder needs no lstat). */
  parents: string[];
  /** How far ahead of the main thread it starts (AHEAD_LEAD). */
  lead: number;
  tenantColumn?: string;
  dialect?: SqlDialect;
  /** Whether it keeps the SQL side (sql-side.ts; `check`). */
  sqlSide: boolean;
}

/** The start, as given or as the main thread sends it (the worker waits for it: it was started early). */
export function awaitStart(data: ReadAheadWorkerData): ReadAheadStart {
  if (data.start) return data.start;
  const at = new Int32Array(data.progress);
  for (;;) {
    const got = receiveMessageOnPort(data.control);
    if (got) return got.message as ReadAheadStart;
    Atomics.wait(at, 0, Atomics.load(at, 0), 20);
  }
}

/** Module folders a worker started early read while it waited for its start, by folder (guessAhead). */
export type Guessed = Map<string, FolderAhead>;

/**
 * A worker started before discovery (no `start` in its data) does not sit idle until the main
 * thread has read platform.yaml and discovered the folders: it reads `modules/*` in name order
 * (what discovery finds on most platforms), as it would read them for a scan with migrations, until
 * the start arrives (MAX_AHEAD folders at most). Of these, the scan uses the folders the start
 * names (guessed reads are reads like any other, by the same reader and rules); the rest is dropped.
 */
export function guessAhead(data: ReadAheadWorkerData, files: CheckoutFiles): { start: ReadAheadStart; guessed: Guessed } {
  const guessed: Guessed = new Map();
  if (!data.start && files.watched) {
    const folders = (files.list('modules') ?? []).filter((e) => e.dir).map((e) => `modules/${e.name}`);
    // Any tenant column: it only says that the migrations folders are read.
    const settings: ScanSettings = { tenantColumn: '' };
    for (const folder of folders) {
      const got = receiveMessageOnPort(data.control);
      if (got) return { start: got.message as ReadAheadStart, guessed };
      if (guessed.size >= MAX_AHEAD) break;
      guessed.set(folder, readFolderAhead(data.root, folder, settings, files));
    }
  }
  return { start: awaitStart(data), guessed };
}

/** One module folder as the worker read it. */
export interface FolderAhead {
  /** The folder's listing (a watched reader's only). */
  entries?: DirEntry[] | null;
  source: ManifestSource | null;
  /** `<folder>/migrations`, when the listing shows such a folder. */
  migrations?: FolderReads;
}

export interface ReadAheadReply {
  start: number;
  folders: FolderAhead[];
}

/** Folders per message. */
export const AHEAD_BATCH = 16;
/**
 * How far ahead of the main thread the worker starts, or jumps when the main thread has caught up
 * with it, in a split scan without the SQL side (with it the main thread waits: scan-split.ts): the
 * main thread reads the folders in between itself while the worker, being that far
 * ahead (SIDE_LEAD), classifies what it has read. 96 rather than 32 (issue 16, 5,000 modules, 7
 * interleaved runs at real-time priority: check 2.48 s -> 2.30 s median; 160 and 256 gave 2.34 and
 * 2.37 s): with 32 the worker kept reading, and still had 0.2-0.5 s of migrations to classify when
 * the registry was built.
 */
export const AHEAD_LEAD = 96;
/** How far ahead it reads at most (what it has read waits in memory until the main thread takes it). */
const MAX_AHEAD = 512;

/** Module folders' parents, as `files.list` names them. */
export function parentsOf(folders: readonly string[]): string[] {
  return [...new Set(folders.map((f) => f.slice(0, Math.max(0, f.lastIndexOf('/')))))];
}

/** What the worker does with one migrations folder (`keep`: whether `files` keeps the reads; the main thread reading one for the worker does not). */
export function readMigrationsFolder(files: CheckoutFiles, dir: string, keep = true): FolderReads {
  const entries = files.list(dir);
  return { entries, reads: entries ? entries.map((e) => (e.file && isSqlEntry(e) ? files.read(`${dir}/${e.name}`, keep) : null)) : [] };
}

/** What the worker does with one module folder. */
export function readFolderAhead(root: string, folder: string, settings: ScanSettings, files: CheckoutFiles): FolderAhead {
  const source = scanSource(root, folder, settings, files);
  if (!files.watched || settings.tenantColumn === undefined) return { source };
  const entries = files.list(folder);
  const mig = entries?.find((e) => e.name === 'migrations');
  return { entries, source, migrations: mig?.dir && source?.text !== undefined ? readMigrationsFolder(files, `${folder}/migrations`) : undefined };
}

/** How far the reads must be ahead of the main thread before the worker's SQL side takes a turn (it would read folders itself otherwise). */
const SIDE_LEAD = 64;

/**
 * The worker's loop: reads batches of folders ahead of the main thread until the last. With the
 * SQL side (start.sqlSide), the migrations folders it reads stay here, and it classifies the modules
 * the main thread names whenever its reads are far enough ahead, then runs the analyses when asked.
 */
export function readAhead(data: ReadAheadWorkerData, start: ReadAheadStart, files: CheckoutFiles, post: (reply: ReadAheadReply | SqlSideReply) => void, guessed: Guessed = new Map()): void {
  const at = new Int32Array(data.progress);
  // Guessed reads are what this scan reads only when it reads migrations (the reader and its settings are the same).
  if (start.tenantColumn === undefined) guessed.clear();
  const settings: ScanSettings = { tenantColumn: start.tenantColumn, dialect: start.dialect };
  const total = start.folders.length;
  const kept = new Map<number, FolderReads>();
  const take = (index: number) => {
    const read = kept.get(index);
    kept.delete(index);
    return read;
  };
  const side = start.sqlSide && start.tenantColumn !== undefined ? new SqlSide(files, data.control, { tenantColumn: start.tenantColumn, dialect: start.dialect }, start.folders, take, post) : null;
  let next = guessed.size > 0 ? 0 : Math.min(total, Atomics.load(at, 0) + start.lead);
  for (;;) {
    side?.drain();
    const main = Atomics.load(at, 0);
    // Caught up by the main thread: jump ahead of it again (not over folders read already: they are sent at once).
    if (next < total && main >= next && !guessed.has(start.folders[next])) next = main + start.lead;
    const canRead = next < total && next - main <= MAX_AHEAD;
    if (side && (!canRead || next - main >= SIDE_LEAD) && side.step()) continue;
    if (canRead) {
      let end = Math.min(total, next + AHEAD_BATCH);
      const out: FolderAhead[] = [];
      for (let i = next; i < end; i++) {
        // The main thread got there first (it reads a folder it was not sent): the batch ends here, and the loop jumps ahead of it.
        if (i > next && Atomics.load(at, 0) >= i && !guessed.has(start.folders[i])) {
          end = i;
          break;
        }
        const folder = guessed.get(start.folders[i]) ?? readFolderAhead(data.root, start.folders[i], settings, files);
        guessed.delete(start.folders[i]);
        if (side && folder.migrations) {
          kept.set(i, folder.migrations);
          folder.migrations = undefined;
        }
        out.push(folder);
      }
      post({ start: next, folders: out });
      next = end;
      continue;
    }
    if (next >= total && (!side || side.done)) return;
    Atomics.wait(at, 0, main, 5);
  }
}
