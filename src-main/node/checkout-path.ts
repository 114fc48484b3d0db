import fs from 'node:fs';
import path from 'node:path';
import { readTextFile, readUnlinkedText, type TextRead } from './text-file';

/**
 * The path rule for every read and write of checkout files (SPEC §9): the real path, symlinks
 * resolved, must be inside the real checkout folder. A link inside the checkout to a file inside
 * it is fine, and a write goes THROUGH it (the target is replaced atomically, the link stays). A
 * path that leads out (`../`, an absolute path, a link to elsewhere, a link on the way to it) is
 * refused with a message for people. The editor, notes, the roles file write, the analyses'
 * reads (service/checkout-reader.ts) and discovery all decide with `isInsideFolder`.
 */

const CLEAN_BREAKERS = /(?:^|\/)\.{1,2}(?:\/|$)|\/\/|^\/|\/$|\0/;

/** Whether a relative path (`/` separators) is clean: no empty, `.` or `..` segment, not absolute, not empty. */
export function isCleanRelative(rel: string): boolean {
  return rel !== '' && !CLEAN_BREAKERS.test(rel);
}

/** Whether an absolute, normalized path is `folder` itself or inside it. */
export function isInsideFolder(folder: string, abs: string): boolean {
  // The common case without path.relative (a hot spot of check at 5,000 modules): `abs` is `folder`
  // plus a clean tail. Anything else (another separator, `..`, a case-insensitive match) is decided below.
  if (path.sep === '/' && folder !== '' && abs.startsWith(folder)) {
    if (abs.length === folder.length) return true;
    const tail = folder.endsWith('/') ? abs.slice(folder.length) : abs[folder.length] === '/' ? abs.slice(folder.length + 1) : '';
    if (tail !== '' && isCleanRelative(tail)) return true;
  }
  const rel = path.relative(folder, abs);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

export type CheckoutPath =
  /** `real`: the file to open or write (links resolved); `exists`: whether something is there now. */
  | { ok: true; real: string; exists: boolean }
  /** `reason`: the message without the path, for callers that name the file themselves. */
  | { ok: false; code: 'outside-checkout'; message: string; reason: string };

/**
 * Resolves a checkout-relative path under the path rule. For a path that does not exist yet (a new
 * note, a new file), the nearest existing folder on the way is resolved, so a new file inside a
 * linked folder that leads out is refused too. A dangling link is refused: writing through it
 * would create its target wherever it points.
 */
export function resolveCheckoutPath(root: string, rel: string): CheckoutPath {
  const refuse = (why: string): CheckoutPath => ({ ok: false, code: 'outside-checkout', message: `${rel} ${why}; it is not read or written`, reason: `${why}; not read` });
  const abs = path.resolve(root, rel);
  if (abs === path.resolve(root) || !isInsideFolder(path.resolve(root), abs)) return refuse('is not inside the checkout');
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return refuse('cannot be resolved: the checkout folder is gone');
  }
  let real: string;
  let exists = true;
  try {
    real = fs.realpathSync(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') return refuse('is a symlink loop');
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return refuse(`cannot be resolved (${(err as NodeJS.ErrnoException).code})`);
    if (isLink(abs)) return refuse(`is a broken symlink (to ${fs.readlinkSync(abs)})`);
    exists = false;
    const missing: string[] = [];
    let dir = abs;
    for (;;) {
      missing.unshift(path.basename(dir));
      dir = path.dirname(dir);
      if (isLink(dir) && !safeExists(dir)) return refuse(`is under a broken symlink (${path.relative(root, dir).split(path.sep).join('/')})`);
      try {
        real = path.join(fs.realpathSync(dir), ...missing);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return refuse(`cannot be resolved (${(e as NodeJS.ErrnoException).code})`);
      }
    }
  }
  if (real === realRoot || !isInsideFolder(realRoot, real)) return refuse(`leads out of the checkout through a symlink (to ${real})`);
  return { ok: true, real, exists };
}

function isLink(abs: string): boolean {
  try {
    return fs.lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

function safeExists(abs: string): boolean {
  try {
    fs.statSync(abs);
    return true;
  } catch {
    return false;
  }
}

/**
 * A text file directly in a folder already known to be inside the checkout (the checkout itself,
 * a discovered module folder: discovery follows no link out), under the path rule: only a file
 * that is itself a symlink needs resolving, so the common case costs one lstat, and the file is then
 * opened without following a link (readUnlinkedText) instead of being stat'ed again.
 */
export function readCheckoutText(root: string, rel: string): TextRead {
  const abs = path.join(root, rel);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(abs, { throwIfNoEntry: false });
  } catch {
    stat = undefined; // the read below says why
  }
  // Not a link: opened without following one (a link swapped in since is 'linked', and resolved below).
  const direct = stat && !stat.isSymbolicLink() ? readUnlinkedText(abs, stat) : 'linked';
  if (direct !== 'linked') return direct;
  if (stat) {
    const resolved = resolveCheckoutPath(root, rel);
    if (!resolved.ok) return { ok: false, missing: false, message: resolved.reason };
  }
  return readTextFile(abs);
}
