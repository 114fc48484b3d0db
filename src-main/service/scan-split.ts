import { Worker } from 'node:worker_threads';
import type { SqlDialect } from '../common/contract-migrations';
import type { TextRead } from '../node/text-file';
import type { CheckoutFiles, DirEntry } from './checkout-reader';
import { isSqlEntry, scanModuleMigrations, type MigrationReader } from './migration-scan';
import { scanModuleManifest, type PendingMigrations, type ScannedModule } from './module-scan';

/**
 * A scan split by phase over two threads (issue 16: `check` on 2 cores): the main thread reads,
 * parses and validates the manifests in folder order and, as each one names its migrations folder,
 * hands that folder to one worker thread (scan-worker.ts), which lists it and reads its SQL files;
 * the main thread classifies them as the texts come back, between manifests. Only the listing and
 * the texts cross threads (strings copy cheaply): the classified migrations (hundreds of thousands
 * of small objects at 5,000 modules) cost more to copy across than to compute, and the folder-batch
 * pool (scan-pool.ts), whose workers shipped parsed manifests back, did not pay on 2 cores.
 *
 * The worker reads through a CheckoutFiles as the main thread would (path rule, listed regular
 * files opened with O_NOFOLLOW and checked with fstat, the size limit before reading), and only
 * the listing's regular files; whatever else a migrations folder holds (links, FIFOs) is looked at
 * by the main thread, so the results are the single-threaded scan's (test/scan-parallel.test.ts
 * compares the bytes). Should the worker fail, the main thread reads whatever it had not answered.
 */

export interface MigrationsWorkerData {
  mode: 'migrations';
  root: string;
  /** Whether the main thread's reader keeps its listings (a one-shot run): the worker's does the same. */
  watched: boolean;
  tenantColumn: string;
  dialect?: SqlDialect;
  /** The module folders' parents, listed first (a folder seen there as a folder needs no lstat). */
  parents: string[];
}

export interface MigrationsRequest {
  id: number;
  /** Migrations folders, checkout-relative. */
  dirs: string[];
}

/** One migrations folder as the worker read it: its listing, and the text of each regular .sql file in it (null for other entries). */
export interface FolderReads {
  entries: DirEntry[] | null;
  reads: (TextRead | null)[];
}

export interface MigrationsReply {
  id: number;
  folders: FolderReads[];
}

/** What the worker does with one folder. */
export function readMigrationsFolder(files: CheckoutFiles, dir: string): FolderReads {
  const entries = files.list(dir);
  return { entries, reads: entries ? entries.map((e) => (e.file && isSqlEntry(e) ? files.read(`${dir}/${e.name}`) : null)) : [] };
}

/** The main thread's reader for one module: the folder the worker read, and `files` for anything else (sources, links). */
function readerWith(files: CheckoutFiles, dir: string, folder: FolderReads): MigrationReader {
  const texts = new Map<string, TextRead>();
  folder.entries?.forEach((e, i) => {
    const read = folder.reads[i];
    if (read) texts.set(`${dir}/${e.name}`, read);
  });
  return { root: files.root, list: (rel) => (rel === dir ? folder.entries : files.list(rel)), read: (rel) => texts.get(rel) ?? files.read(rel) };
}

export interface SplitOptions {
  script: string;
  files: CheckoutFiles;
  tenantColumn: string;
  dialect?: SqlDialect;
  onProgress?(done: number, total: number): void;
  alongside?(): void;
}

/** Modules per message: the worker starts after the first few manifests, and messages stay few. */
const BATCH = 8;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type Waiting = { index: number; pending: PendingMigrations };

/** Module folders' parents, as `files.list` names them. */
export function parentsOf(folders: readonly string[]): string[] {
  return [...new Set(folders.map((f) => f.slice(0, Math.max(0, f.lastIndexOf('/')))))];
}

/** Scans every folder (checkout-relative), manifests here and migrations on a worker; null where a folder holds no manifest. */
export async function scanSplit(root: string, folders: readonly string[], options: SplitOptions): Promise<(ScannedModule | null)[]> {
  const { files, tenantColumn, dialect } = options;
  const settings = { tenantColumn, dialect };
  const total = folders.length;
  const results: (ScannedModule | null)[] = new Array(total).fill(null);
  /** Batches sent and not answered yet, by id. */
  const sent = new Map<number, Waiting[]>();
  /** Modules the main thread reads itself (the worker failed). */
  const local: Waiting[] = [];
  let wake: (() => void) | null = null;
  const poke = () => {
    wake?.();
    wake = null;
  };

  const analyze = (h: Waiting, reader: MigrationReader) => {
    const scanned = results[h.index];
    if (scanned) scanned.migrations = { key: h.pending.key, part: scanModuleMigrations(reader, h.pending.mod, h.pending.moduleDir, tenantColumn, dialect) };
  };

  let worker: Worker | null = null;
  const fail = () => {
    if (!worker) return;
    void worker.terminate();
    worker = null;
    for (const held of sent.values()) local.push(...held);
    sent.clear();
    poke();
  };
  try {
    const data: MigrationsWorkerData = { mode: 'migrations', root, watched: files.watched, tenantColumn, dialect, parents: files.watched ? parentsOf(folders) : [] };
    const w = new Worker(options.script, { workerData: data });
    worker = w;
    w.on('message', (reply: MigrationsReply) => {
      const held = sent.get(reply.id);
      if (!held || worker !== w) return;
      sent.delete(reply.id);
      held.forEach((h, j) => analyze(h, readerWith(files, h.pending.mod.dir, reply.folders[j])));
      poke();
    });
    w.on('error', fail);
    w.on('exit', fail);
  } catch {
    worker = null; // no threads here: the main thread does it all
  }

  let nextId = 0;
  let batch: Waiting[] = [];
  const send = () => {
    if (batch.length === 0) return;
    if (worker) {
      const id = nextId++;
      sent.set(id, batch);
      const request: MigrationsRequest = { id, dirs: batch.map((b) => b.pending.mod.dir) };
      worker.postMessage(request);
    } else local.push(...batch);
    batch = [];
  };

  try {
    options.alongside?.();
    for (let i = 0; i < total; i++) {
      const r = scanModuleManifest(root, folders[i], settings, files);
      if (!r) continue;
      results[i] = r.scanned;
      if (r.pending) batch.push({ index: i, pending: r.pending });
      if (batch.length >= BATCH) {
        send();
        options.onProgress?.(i + 1, total);
        await nextTurn(); // let the worker's replies in, and keep a host's other requests moving
      }
    }
    send();
    while (worker && sent.size > 0) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    const w = worker as Worker | null;
    worker = null;
    if (w) void w.terminate();
  }
  for (const h of local) analyze(h, files);
  options.onProgress?.(total, total);
  return results;
}
