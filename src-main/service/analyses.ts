import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../common/diagnostic';
import type { Registry } from '../engine/registry';
import { readTextFile, type TextRead } from '../node/text-file';
import { declaredPathsAnalysis } from './declared-paths';
import { permissionsAnalysis } from './permissions-analysis';
import { notesAnalysis } from './notes-analysis';
import { migrationsAnalysis } from './migrations';

/**
 * Analyses beyond the registry: checks that read more of the checkout than the manifests
 * (roles.yaml, SQL migrations, module sources, notes). Each one is a pure function of the
 * registry and the files it reads through `files`, so `check`, the session and the editor's
 * lint run the same code. Their findings are waived like every other finding.
 */
export interface AnalysisContext {
  /** Absolute path of the checkout. */
  root: string;
  registry: Registry;
  files: CheckoutFiles;
}

export interface Analysis {
  id: string;
  /**
   * The findings. A finding already waived in the file it is about (a `-- waiver:` header in a
   * migration) carries its `waiver` and is listed as waived.
   */
  run(ctx: AnalysisContext): Diagnostic[];
  /**
   * Whether a changed checkout-relative path (not a manifest: those always re-run everything)
   * can change this analysis' findings. The session's watcher uses it to decide on a re-check.
   */
  affectedBy(rel: string, registry: Registry): boolean;
}

/** Every analysis `check` runs, in order. Add new ones here. */
export const ANALYSES: readonly Analysis[] = [declaredPathsAnalysis, permissionsAnalysis, notesAnalysis, migrationsAnalysis];

export function runAnalyses(ctx: AnalysisContext): Diagnostic[] {
  return ANALYSES.flatMap((a) => a.run(ctx));
}

export function affectsAnalyses(rel: string, registry: Registry): boolean {
  return ANALYSES.some((a) => a.affectedBy(rel, registry));
}

export interface DirEntry {
  name: string;
  dir: boolean;
}

/**
 * Read access to the checkout for analyses: checkout-relative `/` paths, bounded reads (see
 * text-file.ts), and a cache keyed by size and mtime so that a re-check after one edit does not
 * re-read every SQL file. Paths that resolve outside the checkout read as missing.
 *
 * `watched`: the session's watcher reports every change (`invalidate`), so cached reads and folder
 * listings are trusted without a stat; a re-check of 5,000 modules then touches no unchanged file.
 * Anything that must see the disk as it is now (applying migrations) uses an unwatched instance.
 */
export class CheckoutFiles {
  private readonly cache = new Map<string, { size: number; mtimeMs: number; read: TextRead }>();
  private readonly listings = new Map<string, DirEntry[] | null>();
  /** Increases with every invalidation; `changedSince` says what changed after a version. */
  version = 0;
  private readonly changes: { version: number; paths: readonly string[] | null }[] = [];

  constructor(
    readonly root: string,
    readonly watched = false,
  ) {}

  /** Forgets what is known about these checkout-relative paths (files or folders, and their parent listings). */
  invalidate(paths: readonly string[]): void {
    this.noteChange(paths);
    for (const p of paths) {
      const parent = path.posix.dirname(p);
      this.listings.delete(parent === '.' ? '' : parent);
      for (const map of [this.cache, this.listings] as Map<string, unknown>[]) {
        map.delete(p);
        for (const key of map.keys()) if (key.startsWith(`${p}/`)) map.delete(key);
      }
    }
  }

  invalidateAll(): void {
    this.noteChange(null);
    this.cache.clear();
    this.listings.clear();
  }

  /** The paths invalidated after `version`, or null when that is unknown (everything was dropped, or it is too long ago). */
  changedSince(version: number): string[] | null {
    if (version === this.version) return [];
    const first = this.changes[0];
    if (!first || first.version > version + 1) return null;
    const out: string[] = [];
    for (const c of this.changes) {
      if (c.version <= version) continue;
      if (c.paths === null) return null;
      out.push(...c.paths);
    }
    return out;
  }

  private noteChange(paths: readonly string[] | null): void {
    this.version++;
    this.changes.push({ version: this.version, paths });
    if (this.changes.length > 256) this.changes.splice(0, this.changes.length - 256);
  }

  private realRoot: string | null = null;

  private abs(rel: string): string | null {
    const abs = path.resolve(this.root, rel);
    const inside = path.relative(this.root, abs);
    if (inside.startsWith('..') || path.isAbsolute(inside)) return null;
    return abs;
  }

  /** Whether an existing path, symlinks resolved, is still inside the checkout. */
  private reallyInside(abs: string): boolean {
    try {
      this.realRoot ??= fs.realpathSync(this.root);
      const r = path.relative(this.realRoot, fs.realpathSync(abs));
      return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
    } catch (err) {
      // A missing path leads nowhere: the read itself reports it as missing.
      return (err as NodeJS.ErrnoException).code === 'ENOENT';
    }
  }

  exists(rel: string): boolean {
    const abs = this.abs(rel);
    return abs !== null && fs.existsSync(abs) && this.reallyInside(abs);
  }

  read(rel: string): TextRead {
    const abs = this.abs(rel);
    if (abs === null) return { ok: false, missing: true, message: 'is outside the checkout' };
    const hit = this.cache.get(rel);
    if (hit && this.watched) return hit.read;
    if (hit) {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(abs);
      } catch {
        this.cache.delete(rel);
        return { ok: false, missing: true, message: 'does not exist' };
      }
      if (hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) return hit.read;
    }
    // A first read takes size and mtime from the open file (one stat, not two).
    const info = { size: -1, mtimeMs: -1 };
    const read: TextRead = this.reallyInside(abs) ? readTextFile(abs, undefined, info) : { ok: false, missing: false, message: 'leads out of the checkout through a symlink; not read' };
    if (info.size < 0) this.cache.delete(rel);
    else this.cache.set(rel, { size: info.size, mtimeMs: info.mtimeMs, read });
    return read;
  }

  /** Entries of a checkout-relative folder, sorted by name; null when it is not a readable folder. */
  list(rel: string): DirEntry[] | null {
    if (this.watched && this.listings.has(rel)) return this.listings.get(rel) as DirEntry[] | null;
    const abs = this.abs(rel);
    if (abs === null || !this.reallyInside(abs)) return null;
    let entries: DirEntry[] | null;
    try {
      entries = fs
        .readdirSync(abs, { withFileTypes: true })
        .map((e) => ({ name: e.name, dir: e.isDirectory() }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      entries = null;
    }
    if (this.watched) this.listings.set(rel, entries);
    return entries;
  }
}
