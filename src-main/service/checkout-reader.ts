import fs from 'node:fs';
import path from 'node:path';
import { isCleanRelative, isInsideFolder } from '../node/checkout-path';
import { noteRead } from '../node/read-trace';
import { readTextFile, readUnlinkedText, type TextRead } from '../node/text-file';

/** The path rule's test (node/checkout-path.ts): whether an absolute, normalized path is `dir` or inside it. */
const within = isInsideFolder;

/** path.relative with `/` separators, by slicing when `abs` is `folder` plus a clean tail. */
export function relativeInside(folder: string, abs: string): string {
  if (path.sep === '/' && abs.startsWith(folder) && abs[folder.length] === '/') {
    const tail = abs.slice(folder.length + 1);
    if (isCleanRelative(tail)) return tail;
  }
  return path.relative(folder, abs).split(path.sep).join('/');
}

export interface DirEntry {
  name: string;
  dir: boolean;
  /** A regular file as the listing saw it (not a link, FIFO, socket or device); a reader still checks what it opens. */
  file?: boolean;
}

/**
 * Read access to the checkout for analyses: checkout-relative `/` paths, bounded reads (see
 * text-file.ts), and a cache keyed by size and mtime so that a re-check after one edit does not
 * re-read every SQL file. Paths that resolve outside the checkout read as missing.
 *
 * `watched`: the session's watcher reports every change (`invalidate`), so cached reads and folder
 * listings are trusted without a stat; a re-check of 5,000 modules then touches no unchanged file.
 * A one-shot run that reads the checkout once (the CLI's check, graph, list: load-checkout.ts) is
 * `watched` too: nothing it must see changes during the run, and no file or folder is looked at twice.
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
    /** Whether reads are kept (false: a reader that reads each file once, as the split scan's migrations worker). */
    private readonly keepReads = true,
  ) {
    const resolved = path.resolve(root);
    this.prefix = resolved.endsWith(path.sep) ? resolved : resolved + path.sep;
  }

  /** Forgets what is known about these checkout-relative paths (files or folders, and their parent listings). */
  invalidate(paths: readonly string[]): void {
    this.noteChange(paths);
    for (const p of paths) {
      const parent = path.posix.dirname(p);
      this.listings.delete(parent === '.' ? '' : parent);
      // Only a folder something was known under has entries below it to look for (a file edit: none).
      const below = p === '' || p === '.' || this.folders.has(p);
      for (const map of [this.cache, this.listings] as Map<string, unknown>[]) {
        map.delete(p);
        if (below) for (const key of map.keys()) if (key.startsWith(`${p}/`)) map.delete(key);
      }
      // What is known of the path's symlinks (a folder may have become one), by absolute path.
      const abs = path.resolve(this.root, p);
      for (const known of [this.realPaths, this.notLinks, this.listedFiles]) {
        known.delete(abs);
        if (below) for (const key of known.keys()) if (key.startsWith(`${abs}${path.sep}`)) known.delete(key);
      }
    }
  }

  /**
   * Checkout-relative folders under which something is (or was) known: every folder on the way to
   * a cached read, a listing or a resolved path. Kept until everything is dropped.
   */
  private readonly folders = new Set<string>();

  /** Notes the folders on the way to a checkout-relative path (its parent up to the checkout). */
  private noteFolders(rel: string): void {
    this.noteFolder(path.posix.dirname(rel));
  }

  /** Notes a checkout-relative folder and the folders on the way to it. */
  private noteFolder(from: string): void {
    for (let dir = from; dir !== '.' && dir !== '/' && dir !== '' && !this.folders.has(dir); dir = path.posix.dirname(dir)) this.folders.add(dir);
  }

  /** The same for an absolute path inside the checkout. */
  private noteFoldersAbs(abs: string): void {
    if (abs.length > this.root.length && abs.startsWith(this.root) && abs[this.root.length] === path.sep) {
      const rel = abs.slice(this.root.length + 1);
      this.noteFolders(path.sep === '/' ? rel : rel.split(path.sep).join('/'));
    }
  }

  invalidateAll(): void {
    this.noteChange(null);
    this.folders.clear();
    this.realPaths.clear();
    this.notLinks.clear();
    this.listedFiles.clear();
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

  /** Real (symlink-free) paths of the paths resolved in this pass, by absolute lexical path. */
  private readonly realPaths = new Map<string, string>();
  /** Paths a folder listing of this pass showed are not symlinks: no lstat needed to resolve them. */
  private readonly notLinks = new Set<string>();
  /** Of those, the regular files: read by opening them without following a link, no stat first (readUnlinkedText). */
  private readonly listedFiles = new Set<string>();

  /**
   * Starts a pass of analyses. An unwatched instance forgets the paths it resolved, so that each
   * pass sees symlinks as they are now; a watched one keeps them until a change is reported.
   */
  startPass(): void {
    if (this.watched) return;
    this.realPaths.clear();
    this.notLinks.clear();
    this.listedFiles.clear();
  }

  /** The checkout folder resolved, with a separator after it: a clean relative path is appended to it as is. */
  private readonly prefix: string;

  /** The absolute path of a checkout-relative one, or null when it leads out lexically (`../`). */
  absolute(rel: string): string | null {
    return this.abs(rel);
  }

  private abs(rel: string): string | null {
    // A clean relative path (a listing's entry under a folder read before) needs no path.resolve.
    if (path.sep === '/' && isCleanRelative(rel)) return this.prefix + rel;
    const abs = path.resolve(this.root, rel);
    if (!within(this.root, abs)) return null;
    return abs;
  }

  /**
   * The real path of `abs` (inside the checkout, lexically): one lstat per path, with the real
   * paths of its folders remembered, instead of a full realpath (a stat of every ancestor) per file.
   */
  private real(abs: string): string {
    const known = this.realPaths.get(abs);
    if (known !== undefined) return known;
    let real: string;
    if (abs === this.root || `${abs}${path.sep}` === this.prefix) real = fs.realpathSync(abs);
    else if (!this.notLinks.has(abs) && fs.lstatSync(abs).isSymbolicLink()) real = fs.realpathSync(abs);
    else {
      // abs is normalized (abs(), a listing's child): its parent and name by string operations.
      const cut = abs.lastIndexOf(path.sep);
      const parent = this.real(cut <= 0 ? abs.slice(0, cut + 1) : abs.slice(0, cut));
      real = parent.endsWith(path.sep) ? parent + abs.slice(cut + 1) : `${parent}${path.sep}${abs.slice(cut + 1)}`;
    }
    this.realPaths.set(abs, real);
    this.noteFoldersAbs(abs);
    return real;
  }

  /**
   * The real path (symlinks resolved) of a checkout-relative path: absolute, and relative to the
   * real checkout with `/` when it stays inside (null when it leads out); null when it is missing.
   */
  realPath(rel: string): { abs: string; rel: string | null } | null {
    const lexical = this.abs(rel);
    const abs = lexical ?? path.resolve(this.root, rel);
    try {
      const realRoot = this.real(this.root);
      const real = lexical !== null ? this.real(abs) : fs.realpathSync(abs);
      return { abs: real, rel: within(realRoot, real) ? relativeInside(realRoot, real) : null };
    } catch {
      return null;
    }
  }

  /** Whether an existing path, symlinks resolved, is still inside the checkout. */
  private reallyInside(abs: string): boolean {
    try {
      return within(this.real(this.root), this.real(abs));
    } catch (err) {
      // A missing path leads nowhere: the read itself reports it as missing.
      return (err as NodeJS.ErrnoException).code === 'ENOENT';
    }
  }

  exists(rel: string): boolean {
    const abs = this.abs(rel);
    return abs !== null && fs.existsSync(abs) && this.reallyInside(abs);
  }

  /** A file's text. `keep` false: not kept (a read made for another thread, never asked again here). */
  read(rel: string, keep = true): TextRead {
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
    let read: TextRead | 'linked' = 'linked';
    // A listed file is inside: its folder was found inside when it was listed, and it is no link
    // (O_NOFOLLOW holds the listing to that), so it needs no real path of its own.
    if (this.listedFiles.has(abs)) {
      read = readUnlinkedText(abs, 'listed-file', undefined, info);
      // A link where the listing saw a file: forget what the listing said, and resolve it.
      if (read === 'linked') for (const known of [this.realPaths, this.notLinks, this.listedFiles]) known.delete(abs);
    }
    if (read === 'linked') read = this.reallyInside(abs) ? readTextFile(abs, undefined, info) : { ok: false, missing: false, message: 'leads out of the checkout through a symlink; not read' };
    if (info.size < 0 || !this.keepReads || !keep) {
      if (hit) this.cache.delete(rel);
    }
    else {
      this.cache.set(rel, { size: info.size, mtimeMs: info.mtimeMs, read });
      this.noteFolders(rel);
    }
    return read;
  }

  /**
   * A watched reader takes as its own the listing another CheckoutFiles of the same checkout made
   * (the split scan's worker, scan-split.ts: it listed the folder by the same path rule). Its
   * folders and regular files are known not to be links, as if this reader had listed it; any
   * other entry (a link, a FIFO) is looked at when read.
   */
  adoptListing(rel: string, entries: DirEntry[] | null): void {
    if (!this.watched || this.listings.has(rel)) return;
    const abs = this.abs(rel);
    if (abs === null) return;
    const base = abs.endsWith(path.sep) ? abs : abs + path.sep;
    for (const e of entries ?? []) {
      if (!e.dir && !e.file) continue;
      this.notLinks.add(base + e.name);
      if (e.file) this.listedFiles.add(base + e.name);
    }
    this.listings.set(rel, entries);
    this.noteFolder(rel);
  }

  /** Entries of a checkout-relative folder, sorted by name; null when it is not a readable folder. */
  list(rel: string): DirEntry[] | null {
    if (this.watched && this.listings.has(rel)) return this.listings.get(rel) as DirEntry[] | null;
    const abs = this.abs(rel);
    if (abs === null || !this.reallyInside(abs)) return null;
    let entries: DirEntry[] | null;
    noteRead(abs);
    const base = abs.endsWith(path.sep) ? abs : abs + path.sep;
    try {
      entries = fs
        .readdirSync(abs, { withFileTypes: true })
        .map((e) => {
          if (!e.isSymbolicLink()) {
            const child = base + e.name;
            this.notLinks.add(child);
            if (e.isFile()) this.listedFiles.add(child);
          }
          return { name: e.name, dir: e.isDirectory(), file: e.isFile() };
        })
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      entries = null;
    }
    if (this.watched) this.listings.set(rel, entries);
    // Its entries are known (as links or not, as files or not) by absolute path: it is a folder with something below.
    this.noteFolder(rel);
    return entries;
  }
}
