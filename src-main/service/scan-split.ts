import { Worker } from 'node:worker_threads';
import type { SqlDialect } from '../common/contract-migrations';
import type { ManifestSource } from '../engine/manifest';
import type { TextRead } from '../node/text-file';
import type { CheckoutFiles, DirEntry } from './checkout-reader';
import { isSqlEntry, scanModuleMigrations, type MigrationReader } from './migration-scan';
import { scanModuleManifest, scanSource, type ScannedModule, type ScanSettings } from './module-scan';

/**
 * A scan split over two threads by kind of work (issue 16: `check` on 2 cores): one worker thread
 * (scan-worker.ts) reads ahead, the main thread parses. The worker lists each module folder in
 * order, reads its manifest and, when the folder holds a `migrations` folder, lists that and reads
 * its SQL files; it sends back the listings and the texts (strings copy cheaply across threads).
 * The main thread takes them in folder order, parses and validates each manifest and classifies
 * its migrations; a folder the worker has not reached yet it reads itself, so it never waits (and
 * the worker skips ahead past what the main thread has done: `progress`). A migrations folder other
 * than `migrations` (the manifest's `migrations:`) is read by the main thread.
 *
 * Measured before: copying classified migrations or parsed manifests across threads (hundreds of
 * thousands of small objects at 5,000 modules) cost more than computing them, so the folder-batch
 * pool (scan-pool.ts) did not pay on 2 cores; reading is what moves well.
 *
 * The worker reads through a CheckoutFiles of the same checkout as the main thread would (path
 * rule, listed regular files opened with O_NOFOLLOW and checked with fstat, the size limit before
 * reading), and only the listings' regular files; whatever else a folder holds (links, FIFOs) is
 * looked at by the main thread. The results are the single-threaded scan's (test/scan-parallel.test.ts
 * compares the bytes). Should the worker fail, the main thread reads everything itself.
 */

export interface ReadAheadWorkerData {
  mode: 'read-ahead';
  root: string;
  /** Whether the main thread's reader keeps its listings (a one-shot run): the worker's does the same. */
  watched: boolean;
  folders: readonly string[];
  /** The module folders' parents, listed first (a folder seen there as a folder needs no lstat). */
  parents: string[];
  /** Int32Array: [0] the folder the main thread is at (the worker reads ahead of it). */
  progress: SharedArrayBuffer;
  /** How far ahead of the main thread it starts (AHEAD_LEAD). */
  lead: number;
  tenantColumn?: string;
  dialect?: SqlDialect;
}

/** One migrations folder as the worker read it: its listing, and the text of each regular .sql file in it (null for other entries). */
export interface FolderReads {
  entries: DirEntry[] | null;
  reads: (TextRead | null)[];
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
/** How far ahead of the main thread the worker starts (or jumps, when the main thread has caught up). */
export const AHEAD_LEAD = 32;
/** How far ahead it reads at most (what it has read waits in memory until the main thread takes it). */
const MAX_AHEAD = 512;

/** Module folders' parents, as `files.list` names them. */
export function parentsOf(folders: readonly string[]): string[] {
  return [...new Set(folders.map((f) => f.slice(0, Math.max(0, f.lastIndexOf('/')))))];
}

/** What the worker does with one migrations folder. */
export function readMigrationsFolder(files: CheckoutFiles, dir: string): FolderReads {
  const entries = files.list(dir);
  return { entries, reads: entries ? entries.map((e) => (e.file && isSqlEntry(e) ? files.read(`${dir}/${e.name}`) : null)) : [] };
}

/** What the worker does with one module folder. */
export function readFolderAhead(root: string, folder: string, settings: ScanSettings, files: CheckoutFiles): FolderAhead {
  const source = scanSource(root, folder, settings, files);
  if (!files.watched || settings.tenantColumn === undefined) return { source };
  const entries = files.list(folder);
  const mig = entries?.find((e) => e.name === 'migrations');
  return { entries, source, migrations: mig?.dir && source?.text !== undefined ? readMigrationsFolder(files, `${folder}/migrations`) : undefined };
}

/** The main thread's reader for one module: the folder the worker read, and `files` for anything else (sources, links). */
function readerWith(files: CheckoutFiles, dir: string, folder: FolderReads): MigrationReader {
  const texts = new Map<string, TextRead>();
  folder.entries?.forEach((e, i) => {
    const read = folder.reads[i];
    if (read) texts.set(`${dir}/${e.name}`, read);
  });
  return { root: files.root, fresh: true, list: (rel) => (rel === dir ? folder.entries : files.list(rel)), read: (rel) => texts.get(rel) ?? files.read(rel) };
}

/** Tests' settings: `lead` 0 and `wait` (the main thread waits for the worker's reads instead of reading itself) make the worker read every folder. */
export interface ReadAheadTuning {
  lead?: number;
  wait?: boolean;
}

export interface SplitOptions extends ScanSettings {
  script: string;
  tuning?: ReadAheadTuning;
  files: CheckoutFiles;
  onProgress?(done: number, total: number): void;
  alongside?(): void;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Scans every folder (checkout-relative) with a reading worker; null where a folder holds no manifest. */
export async function scanSplit(root: string, folders: readonly string[], options: SplitOptions): Promise<(ScannedModule | null)[]> {
  const { files, tenantColumn, dialect } = options;
  const settings: ScanSettings = { tenantColumn, dialect };
  const total = folders.length;
  const results: (ScannedModule | null)[] = new Array(total).fill(null);
  const ahead = new Map<number, FolderAhead>();
  const progress = new SharedArrayBuffer(4);
  const at = new Int32Array(progress);

  let worker: Worker | null = null;
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };
  try {
    const lead = options.tuning?.lead ?? AHEAD_LEAD;
    const data: ReadAheadWorkerData = { mode: 'read-ahead', root, watched: files.watched, folders, parents: files.watched ? parentsOf(folders) : [], progress, lead, tenantColumn, dialect };
    const w = new Worker(options.script, { workerData: data });
    worker = w;
    w.on('message', (reply: ReadAheadReply) => {
      if (worker !== w) return;
      reply.folders.forEach((f, j) => ahead.set(reply.start + j, f));
      poke();
    });
    // A worker that fails or ends leaves the rest to this thread (it reads what it has not been sent).
    const gone = () => {
      if (worker === w) worker = null;
      void w.terminate();
      poke();
    };
    w.on('error', gone);
    w.on('exit', gone);
  } catch {
    worker = null; // no threads here: this thread does it all
  }

  try {
    options.alongside?.();
    for (let i = 0; i < total; i++) {
      Atomics.store(at, 0, i);
      const folder = folders[i];
      while (options.tuning?.wait && worker && !ahead.has(i)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const got = ahead.get(i);
      if (got) {
        ahead.delete(i);
        if (got.entries !== undefined) files.adoptListing(folder, got.entries);
      }
      const r = scanModuleManifest(root, folder, settings, files, got ? got.source : undefined);
      if (r) {
        results[i] = r.scanned;
        if (r.pending && tenantColumn !== undefined) {
          const { mod, moduleDir, key } = r.pending;
          const reader = got?.migrations && mod.dir === `${folder}/migrations` ? readerWith(files, mod.dir, got.migrations) : files;
          r.scanned.migrations = { key, part: scanModuleMigrations(reader, mod, moduleDir, tenantColumn, dialect) };
        }
      }
      if (i % AHEAD_BATCH === AHEAD_BATCH - 1) {
        options.onProgress?.(i + 1, total);
        await nextTurn(); // let the worker's reads in, and keep a host's other requests moving
      }
    }
  } finally {
    const w = worker as Worker | null;
    worker = null;
    if (w) void w.terminate();
  }
  options.onProgress?.(total, total);
  return results;
}

/** The worker's loop: reads batches of folders ahead of the main thread until the last. */
export function readAhead(data: ReadAheadWorkerData, files: CheckoutFiles, post: (reply: ReadAheadReply) => void): void {
  const at = new Int32Array(data.progress);
  const settings: ScanSettings = { tenantColumn: data.tenantColumn, dialect: data.dialect };
  let next = Math.min(data.folders.length, Atomics.load(at, 0) + data.lead);
  while (next < data.folders.length) {
    // Caught up by the main thread: jump ahead of it again.
    const main = Atomics.load(at, 0);
    if (main >= next) next = main + data.lead;
    if (next - main > MAX_AHEAD) {
      Atomics.wait(at, 0, main, 5);
      continue;
    }
    if (next >= data.folders.length) break;
    const end = Math.min(data.folders.length, next + AHEAD_BATCH);
    const out: FolderAhead[] = [];
    for (let i = next; i < end; i++) out.push(readFolderAhead(data.root, data.folders[i], settings, files));
    post({ start: next, folders: out });
    next = end;
  }
}
