import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../common/diagnostic';
import { WorkbenchError, type Events, type FileContent, type SaveResult, type ScanProgress, type WorkbenchSnapshot } from '../common/contract';
import type { EdgeKind } from '../common/model';
import { toDot, toMermaid } from '../engine/graph-export';
import { parseManifest, type ParsedManifest } from '../engine/manifest';
import { PLATFORM_FILE } from '../engine/platform';
import type { Registry } from '../engine/registry';
import { sha256, writeFileAtomic } from '../node/atomic-write';
import { CheckoutError, makeExists, resolveCheckout } from '../node/checkout-files';
import { couldHoldModules, discoverFolders } from '../node/discover';
import { resolveCheckoutPath } from '../node/checkout-path';
import { decodeUtf8, readRegularFile } from '../node/text-file';
import { watchCheckout } from '../node/watch';
import { affectsAnalyses } from './analyses';
import type { AnalysisContext } from './analysis';
import { CheckoutFiles } from './checkout-reader';
import { assertPlatformCheckout } from './checkout-kind';
import { discoveredFindings, readPlatformFile } from './load-checkout';
import { adaptedCheckout } from './adapted-checkout';
import type { HeadScan } from './changes';
import { prCheckState } from './changes-memo';
import { MANIFEST_FILE, readManifestSource } from './manifest-source';
import { movedOnly, prepareMoves, type ManifestEdit } from './position-edit';
import { diskVersion, isRegistryInput, MAX_EDIT_BYTES, MAX_SAVE_CHECK_BYTES } from './session-files';
import { buildSnapshot, lintManifestText, movedRun, type CheckRun, type ScanInputs } from './snapshot';

export type Emit = <E extends keyof Events>(event: E, payload: Events[E]) => void;
export interface SessionOptions {
  emit: Emit;
  /** Watch the checkout for outside edits (off in one-shot uses). */
  watch?: boolean;
}

/**
 * One open checkout: scanned once, then kept current. Parsed manifests are cached by file and
 * text, so an edit re-reads and re-parses one file and re-runs only the (cheap) registry.
 */
export class WorkbenchSession {
  private inputs: ScanInputs | null = null;
  private snapshotValue: WorkbenchSnapshot | null = null;
  private registry: Registry | null = null;
  private lastRun: CheckRun | null = null;
  private profile: string | undefined;
  private revision = 0;
  private checkedAt = 0;
  private readonly cache = new Map<string, { text: string; parsed: ParsedManifest }>();
  private pr = prCheckState();
  private stopWatching: (() => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Cache misses since the last snapshot, and when the current piece of work started. */
  private parsedSince = 0;
  private workStarted = 0;

  constructor(private readonly options: SessionOptions) {}

  get root(): string | null {
    return this.inputs?.root ?? null;
  }

  get snapshot(): WorkbenchSnapshot | null {
    return this.snapshotValue;
  }

  /** Opens a checkout (replacing the current one) and scans it, reporting progress. */
  open(dir: string): Promise<WorkbenchSnapshot> {
    return this.serialize(async () => {
      const root = resolveCheckout(dir);
      const previous = { root: this.inputs?.root, profile: this.profile };
      this.close();
      this.cache.clear();
      this.pr = prCheckState();
      this.profile = undefined;
      try {
        await this.fullScan(root, true);
      } catch (err) {
        // Not a platform checkout: the checkout that was open stays open, and watched.
        this.profile = previous.profile;
        if (previous.root !== undefined) this.watch(previous.root);
        throw err;
      }
      this.watch(root);
      return this.current();
    });
  }

  private watch(root: string): void {
    if (this.options.watch) {
      this.stopWatching = watchCheckout(root, (paths) => void this.onExternalChanges(paths), (message) => this.options.emit('session.error', { message }));
    }
  }

  close(): void {
    this.stopWatching?.();
    this.stopWatching = null;
  }

  setProfile(profile: string): Promise<WorkbenchSnapshot> {
    return this.serialize(async () => {
      const inputs = this.requireInputs();
      const names = inputs.platform.info.profiles.map((p) => p.name);
      if (!names.includes(profile)) throw new WorkbenchError('unknown-profile', `unknown profile '${profile}' (profiles: ${names.join(', ')})`);
      this.profile = profile;
      return this.recheck('profile', undefined, true);
    });
  }

  rescan(): Promise<WorkbenchSnapshot> {
    return this.serialize(async () => {
      const root = this.requireInputs().root;
      await this.fullScan(root);
      return this.current();
    });
  }

  readFile(rel: string): FileContent {
    const real = this.resolveInside(rel);
    const read = readRegularFile(real, MAX_EDIT_BYTES, (size) => `is ${(size / (1024 * 1024)).toFixed(1)} MiB, over the ${MAX_EDIT_BYTES / (1024 * 1024)} MiB the editor opens`);
    if (!read.ok) throw new WorkbenchError(read.missing ? 'not-found' : 'unreadable', `${rel} ${read.message}`);
    const text = decodeUtf8(read.bytes);
    if (!text.ok) throw new WorkbenchError('unreadable', `${rel} ${text.message}`);
    return { path: rel, text: text.text, version: sha256(read.bytes) };
  }

  /**
   * Saves atomically. When the file changed on disk since the editor read it (its version differs
   * from `baseVersion`), nothing is written and the disk text comes back so the user can choose.
   * A link inside the checkout is saved through: its target is replaced, the link stays.
   */
  saveFile(rel: string, text: string, baseVersion: string, force = false): Promise<SaveResult> {
    return this.serialize(async () => {
      const real = this.resolveInside(rel);
      const disk = readRegularFile(real, MAX_SAVE_CHECK_BYTES);
      if (!disk.ok && !disk.missing) throw new WorkbenchError('unreadable', `${rel} ${disk.message}; it is not overwritten`);
      const diskBytes = disk.ok ? disk.bytes : null;
      if (!force) {
        if (diskBytes === null) return { status: 'deleted' } as SaveResult;
        const diskVersion = sha256(diskBytes);
        if (diskVersion !== baseVersion) return { status: 'conflict', diskText: diskBytes.toString('utf8'), diskVersion } as SaveResult;
      }
      fs.mkdirSync(path.dirname(real), { recursive: true });
      writeFileAtomic(real, text);
      const version = sha256(Buffer.from(text, 'utf8'));
      await this.applyChanges([rel]);
      this.options.emit('file.changed', { path: rel, version });
      return { status: 'saved', version } as SaveResult;
    });
  }

  lintManifest(rel: string, text: string): Diagnostic[] {
    const inputs = this.requireInputs();
    const dir = path.posix.dirname(rel);
    return lintManifestText(inputs, parseManifest({ dir, file: rel, text }), this.profile);
  }

  exportGraph(format: 'mermaid' | 'dot', kinds: EdgeKind[], only?: string[]): string {
    const snap = this.current();
    const wanted = only ? new Set(only) : null;
    const names = new Set(wanted ? snap.order.filter((n) => wanted.has(n)) : snap.order);
    const graph = { nodes: snap.modules.filter((m) => names.has(m.name)), edges: snap.edges.filter((e) => kinds.includes(e.kind) && names.has(e.from) && names.has(e.to)) };
    return format === 'mermaid' ? toMermaid(graph) : toDot(graph, snap.platform.name);
  }

  /** What the analyses see (the migration planner too): the root, the current registry, the cached reads. */
  analysisContext(): AnalysisContext {
    const inputs = this.requireInputs();
    if (!this.registry) throw new WorkbenchError('no-checkout', 'no checkout is open');
    return { root: inputs.root, registry: this.registry, files: inputs.files, adapted: inputs.adapted, checkRevision: this.checkedAt };
  }

  /** Re-runs the checks without re-reading manifests: after a change the watcher does not see (the dev database). */
  refresh(): Promise<WorkbenchSnapshot> {
    return this.serialize(async () => {
      this.requireInputs();
      this.workStarted = performance.now();
      this.parsedSince = 0;
      return this.recheck('incremental');
    });
  }

  current(): WorkbenchSnapshot {
    if (!this.snapshotValue) throw new WorkbenchError('no-checkout', 'no checkout is open');
    return this.snapshotValue;
  }

  /** The working tree as this session holds it (a consistent copy), for the pull-request check (changes.ts). */
  headScan = (): HeadScan => ({ loaded: { ...this.requireInputs() }, registry: this.currentRegistry(), ...this.pr });

  /** The registry behind the current snapshot, for requests computed from it (the permission catalog). */
  currentRegistry(): Registry {
    if (!this.registry) throw new WorkbenchError('no-checkout', 'no checkout is open');
    return this.registry;
  }

  /**
   * Runs a write to checkout files in the session's queue (never during a scan), then re-checks
   * the paths it reports as changed and tells the views, as a save does.
   */
  writeAndRecheck<T>(write: (root: string, registry: Registry) => { result: T; changed: string[] }): Promise<T> {
    return this.serialize(async () => {
      const root = this.requireInputs().root;
      const { result, changed } = write(root, this.currentRegistry());
      if (changed.length > 0) {
        await this.applyChanges(changed);
        for (const rel of changed) this.options.emit('file.changed', { path: rel, version: diskVersion(root, rel) });
      }
      return result;
    });
  }

  // -------------------------------------------------------------------------------------------
  /** Requests that change the session run one at a time, in order. */
  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private requireInputs(): ScanInputs {
    if (!this.inputs) throw new WorkbenchError('no-checkout', 'no checkout is open');
    return this.inputs;
  }

  /** The real path of a checkout file under the path rule (node/checkout-path.ts), or a WorkbenchError. */
  private resolveInside(rel: string): string {
    const resolved = resolveCheckoutPath(this.requireInputs().root, rel);
    if (!resolved.ok) throw new WorkbenchError(resolved.code, resolved.message);
    return resolved.real;
  }

  private readonly progress = (p: ScanProgress): void => this.options.emit('session.progress', p);

  private parseCached(root: string, folder: string): ParsedManifest | null {
    const source = readManifestSource(root, folder);
    if (!source) {
      this.cache.delete(`${folder}/${MANIFEST_FILE}`);
      return null;
    }
    const hit = this.cache.get(source.file);
    if (hit && source.text !== undefined && hit.text === source.text) return hit.parsed;
    const parsed = parseManifest(source);
    this.parsedSince++;
    if (source.text !== undefined) this.cache.set(source.file, { text: source.text, parsed });
    else this.cache.delete(source.file);
    return parsed;
  }

  /** `opening`: a folder that is not a platform checkout is refused (checkout-kind.ts); a rescan keeps what is open. */
  private async fullScan(root: string, opening = false): Promise<void> {
    this.workStarted = performance.now();
    this.parsedSince = 0;
    this.progress({ phase: 'discover', done: 0, total: 0 });
    // Adapter seam: a checkout of another ecosystem is read whole by its adapter.
    const adapterFiles = this.reuseFiles(root);
    const adapted = adaptedCheckout(root, adapterFiles);
    if (adapted) {
      this.inputs = { root, platform: adapted.platform, manifests: adapted.manifests, discoveryDiagnostics: adapted.diagnostics, exists: makeExists(root), files: adapterFiles, adapted };
      this.recheck('full');
      this.progress({ phase: 'done', done: adapted.manifests.length, total: adapted.manifests.length });
      return;
    }
    const platform = readPlatformFile(root);
    const discovery = discoverFolders(root, platform.info.moduleGlobs);
    const total = discovery.folders.length;
    const manifests: ParsedManifest[] = [];
    let lastTick = Date.now();
    for (let i = 0; i < total; i++) {
      const parsed = this.parseCached(root, discovery.folders[i]);
      if (parsed) manifests.push(parsed);
      // Yield now and then so progress reaches the UI and requests stay responsive.
      if (Date.now() - lastTick > 50) {
        this.progress({ phase: 'read', done: i + 1, total });
        await new Promise((r) => setImmediate(r));
        lastTick = Date.now();
      }
    }
    if (opening) assertPlatformCheckout(root, platform, manifests.length);
    this.progress({ phase: 'check', done: total, total });
    this.inputs = {
      root,
      platform,
      manifests,
      discoveryDiagnostics: discoveredFindings(platform, discovery, manifests),
      exists: makeExists(root),
      files: this.reuseFiles(root),
    };
    this.recheck('full');
    this.progress({ phase: 'done', done: total, total });
  }

  /** The cached reads for analyses: kept across scans of one checkout, but a full scan re-reads. */
  private reuseFiles(root: string): CheckoutFiles {
    const files = this.inputs?.root === root ? this.inputs.files : new CheckoutFiles(root, this.options.watch === true);
    files.invalidateAll();
    return files;
  }

  /** `moved`: the result of edits that only moved text (position-edit.ts), instead of running the checks; after running them, what the next move needs is built once idle. `reuse`: only manifests changed since the last run, whose unchanged parts are kept (check-reuse.ts). */
  private recheck(kind: 'full' | 'incremental' | 'profile', moved?: { snapshot: WorkbenchSnapshot; registry: Registry }, reuse = false): WorkbenchSnapshot {
    const started = kind === 'profile' ? performance.now() : this.workStarted;
    const inputs = this.requireInputs();
    const stats = { kind, durationMs: 0, manifestsParsed: this.parsedSince };
    const built = moved ? null : buildSnapshot(inputs, this.profile, ++this.revision, stats, reuse ? this.lastRun : null);
    const { snapshot, registry } = built ?? { snapshot: { ...moved?.snapshot, revision: ++this.revision, stats } as WorkbenchSnapshot, registry: moved?.registry as Registry };
    this.lastRun = built ? built.run : this.lastRun && movedRun(this.lastRun, registry, snapshot);
    if (built) this.checkedAt = snapshot.revision;
    this.registry = registry;
    stats.durationMs = Math.round((performance.now() - started) * 10) / 10;
    this.parsedSince = 0;
    this.snapshotValue = snapshot;
    this.options.emit('session.snapshot', snapshot);
    if (!moved) setImmediate(() => this.snapshotValue === snapshot && prepareMoves(snapshot, registry));
    return snapshot;
  }

  private onExternalChanges(paths: string[]): Promise<void> {
    return this.serialize(async () => {
      if (!this.inputs) return;
      try {
        await this.applyChanges(paths);
        for (const p of paths) {
          const version = diskVersion(this.inputs.root, p);
          this.options.emit('file.changed', { path: p, version });
        }
      } catch (err) {
        this.options.emit('session.error', { message: err instanceof CheckoutError ? err.message : `rescan failed: ${(err as Error).message}` });
      }
    });
  }

  /**
   * Applies changed paths incrementally: a changed manifest is re-read alone; platform.yaml or a
   * folder appearing or vanishing means rediscovery (folders are listed, unchanged manifests come
   * from the cache). Other files (catalogs, SQL, docs) only need the registry re-run.
   */
  private async applyChanges(paths: string[]): Promise<void> {
    this.workStarted = performance.now();
    this.parsedSince = 0;
    const inputs = this.requireInputs();
    const root = inputs.root;
    inputs.files.invalidate(paths);
    // An adapter reads the checkout as a whole: any change is a re-read (its reads are cached by size and time).
    if (paths.includes(PLATFORM_FILE) || inputs.adapted) {
      await this.fullScan(root);
      return;
    }
    const known = new Map(inputs.manifests.map((m) => [m.file, m]));
    const globs = inputs.platform.info.moduleGlobs;
    let rediscover = false;
    let changed = false;
    // Manifest edits, while nothing else changed: they may only move text (position-edit.ts).
    let edits: ManifestEdit[] | null = [];
    for (const p of paths) {
      const isManifest = p === MANIFEST_FILE || p.endsWith(`/${MANIFEST_FILE}`);
      if (isManifest && known.has(p)) {
        const beforeText = this.cache.get(p)?.text;
        const parsed = this.parseCached(root, path.posix.dirname(p));
        const afterText = this.cache.get(p)?.text;
        if (parsed === null) {
          known.delete(p);
          changed = true;
          edits = null;
        } else if (parsed !== known.get(p)) {
          if (beforeText !== undefined && afterText !== undefined) edits?.push({ before: known.get(p) as ParsedManifest, beforeText, after: parsed, afterText });
          else edits = null;
          known.set(p, parsed);
          changed = true;
        }
        // Otherwise the text is what we already have (our own save, echoed by the watcher).
      } else if ((isManifest && couldHoldModules(path.posix.dirname(p), globs)) || couldHoldModules(p, globs)) {
        // A new manifest, or a module folder (or a parent of one) that appeared or vanished.
        rediscover = true;
      } else if (isRegistryInput(p, [...known.values()]) || (this.registry && affectsAnalyses(p, this.registry))) {
        // A file the registry reads besides manifests (a declared message catalog), or one an
        // analysis reads (roles.yaml, a migration, a module source, a note).
        changed = true;
        edits = null;
      }
      // Anything else (an editor's temp file, a README) does not affect the findings.
    }
    if (rediscover) {
      const discovery = discoverFolders(root, inputs.platform.info.moduleGlobs);
      const manifests: ParsedManifest[] = [];
      for (const folder of discovery.folders) {
        const parsed = this.parseCached(root, folder);
        if (parsed) manifests.push(parsed);
      }
      inputs.manifests = manifests;
      inputs.discoveryDiagnostics = discoveredFindings(inputs.platform, discovery, manifests);
    } else if (changed) {
      inputs.manifests = [...known.values()];
      const moved = edits && edits.length > 0 && this.snapshotValue && this.registry ? movedOnly(edits, this.snapshotValue, this.registry) : null;
      if (moved) return void this.recheck('incremental', moved);
    } else {
      return;
    }
    this.recheck('incremental', undefined, edits !== null && !rediscover);
  }
}
