import fs from 'node:fs';
import { noteRead } from './read-trace';

/** Manifests and other YAML inputs larger than this are refused with a diagnostic rather than parsed. */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

export type TextRead =
  | { ok: true; text: string }
  | { ok: false; missing: boolean; message: string; line?: number; column?: number };

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    // A sequence cut off by the end of the file.
    if (i + need >= buf.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = buf[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Line and column of a byte offset. The column counts characters as editors do (UTF-16 units of the
 * text before it on its line, which is valid UTF-8 up to the first bad byte), not bytes.
 */
function lineAndColumn(buf: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (buf[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: Buffer.from(buf.subarray(lineStart, offset)).toString('utf8').length + 1 };
}

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

/** What a stat says a path is, for people: only regular files are ever opened. */
export function describeNonRegular(stat: fs.Stats): string | null {
  if (stat.isFile()) return null;
  if (stat.isDirectory()) return 'is a folder, not a file';
  if (stat.isFIFO()) return 'is a named pipe (FIFO), not a regular file; not opened';
  if (stat.isSocket()) return 'is a socket, not a regular file; not opened';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'is a device, not a regular file; not opened';
  return 'is not a regular file; not opened';
}

export type BytesRead = { ok: true; bytes: Buffer; size: number; mtimeMs: number } | { ok: false; missing: boolean; message: string; line?: number; column?: number };

/** O_NONBLOCK where the platform has it: should a FIFO replace the file between stat and open, the open does not wait for a writer. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * The one primitive every checkout read goes through: the bytes of a regular file, never
 * throwing. The path is stat'ed first (symlinks followed) and only a regular file is opened, so a
 * FIFO, socket or device never blocks or feeds a reader; the open file is checked again (fstat),
 * in case it was swapped in between. A file over `maxBytes` is refused before it is read.
 */
export function readRegularFile(path: string, maxBytes: number, sizeMessage: (size: number) => string = (size) => `is ${describeSize(size)}, over the ${describeSize(maxBytes)} limit`): BytesRead {
  try {
    const refused = describeNonRegular(fs.statSync(path));
    if (refused) return { ok: false, missing: false, message: refused };
  } catch (err) {
    return describeOpenError(err as NodeJS.ErrnoException);
  }
  let fd: number;
  noteRead(path);
  try {
    fd = fs.openSync(path, OPEN_FLAGS);
  } catch (err) {
    return describeOpenError(err as NodeJS.ErrnoException);
  }
  try {
    const stat = fs.fstatSync(fd);
    const refused = describeNonRegular(stat);
    if (refused) return { ok: false, missing: false, message: refused };
    if (stat.size > maxBytes) return { ok: false, missing: false, message: sizeMessage(stat.size) };
    const buf = Buffer.alloc(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = fs.readSync(fd, buf, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { ok: true, bytes: buf.subarray(0, read), size: stat.size, mtimeMs: stat.mtimeMs };
  } catch (err) {
    return describeOpenError(err as NodeJS.ErrnoException);
  } finally {
    fs.closeSync(fd);
  }
}

/** UTF-8 text of bytes read from a file (a byte-order mark dropped), or where the first invalid byte is. */
export function decodeUtf8(bytes: Buffer): TextRead {
  let text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) {
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0) {
      const at = lineAndColumn(bytes, bad);
      return { ok: false, missing: false, message: `is not valid UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, '0')} at line ${at.line}, column ${at.column}); save it as UTF-8`, ...at };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/** The message for a YAML input over the size limit. */
export function yamlTooLarge(maxBytes = MAX_TEXT_FILE_BYTES): (size: number) => string {
  return (size) => `is ${describeSize(size)}, over the ${describeSize(maxBytes)} limit for YAML inputs; refused without parsing`;
}

/**
 * Reads a UTF-8 text file without ever throwing: a folder, FIFO, socket or device in its place, a
 * file over the size limit, bytes that are not UTF-8 (with the line and column of the first bad
 * byte), a symlink loop or a permission problem all come back as a message (readRegularFile).
 */
export function readTextFile(path: string, maxBytes = MAX_TEXT_FILE_BYTES, statOut?: { size: number; mtimeMs: number }): TextRead {
  const read = readRegularFile(path, maxBytes, yamlTooLarge(maxBytes));
  if (!read.ok) return read;
  if (statOut) {
    statOut.size = read.size;
    statOut.mtimeMs = read.mtimeMs;
  }
  return decodeUtf8(read.bytes);
}

/** Where the system can open a path without following a symlink at its end (not Windows). */
const NO_FOLLOW = fs.constants.O_NOFOLLOW as number | undefined;

/** Whether readUnlinkedText can be used here; elsewhere callers take readTextFile's way. */
export const canReadUnlinked = NO_FOLLOW !== undefined;

/** One buffer the unlinked reads share (reads are synchronous): no allocation per file for the garbage collector. */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * readTextFile for a path the caller has already seen is not a symlink: a folder listing's entry
 * that is a regular file (`seen` = 'listed-file'), or an lstat of it (`seen`: those stats, a
 * non-regular file refused from them without opening it). The path is opened with O_NOFOLLOW and
 * O_NONBLOCK and checked with fstat, so what the stat promised is checked on the open file itself
 * (a FIFO swapped in is refused, never waited on): fewer system calls than readTextFile's stat,
 * open, fstat. Returns 'linked' when a symlink is there now (swapped in since, or a loop on the
 * way): the caller must then resolve it under the path rule and take readTextFile's way.
 */
export function readUnlinkedText(path: string, seen: fs.Stats | 'listed-file', maxBytes = MAX_TEXT_FILE_BYTES, statOut?: { size: number; mtimeMs: number }): TextRead | 'linked' {
  if (NO_FOLLOW === undefined) return 'linked';
  if (seen !== 'listed-file') {
    if (seen.isSymbolicLink()) return 'linked';
    const refused = describeNonRegular(seen);
    if (refused) return { ok: false, missing: false, message: refused };
  }
  let fd: number;
  noteRead(path);
  try {
    fd = fs.openSync(path, OPEN_FLAGS | NO_FOLLOW);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return e.code === 'ELOOP' ? 'linked' : describeOpenError(e);
  }
  try {
    const stat = fs.fstatSync(fd);
    const refused = describeNonRegular(stat);
    if (refused) return { ok: false, missing: false, message: refused };
    if (stat.size > maxBytes) return { ok: false, missing: false, message: yamlTooLarge(maxBytes)(stat.size) };
    if (scratch.length < stat.size) scratch = Buffer.allocUnsafe(Math.max(stat.size, scratch.length * 2));
    let read = 0;
    while (read < stat.size) {
      const n = fs.readSync(fd, scratch, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    if (statOut) {
      statOut.size = stat.size;
      statOut.mtimeMs = stat.mtimeMs;
    }
    // Decoded from the shared buffer without a view of it; decodeUtf8 looks at the bytes only when the text holds U+FFFD.
    const text = scratch.toString('utf8', 0, read);
    if (text.includes('\uFFFD')) return decodeUtf8(scratch.subarray(0, read));
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (err) {
    return describeOpenError(err as NodeJS.ErrnoException);
  } finally {
    fs.closeSync(fd);
  }
}

type ReadRefusal = { ok: false; missing: boolean; message: string };

function describeOpenError(err: NodeJS.ErrnoException): ReadRefusal {
  switch (err.code) {
    case 'ENOENT':
      return { ok: false, missing: true, message: 'does not exist' };
    case 'EISDIR':
      return { ok: false, missing: false, message: 'is a folder, not a file' };
    case 'ELOOP':
      return { ok: false, missing: false, message: 'is a symlink loop' };
    case 'EACCES':
    case 'EPERM':
      return { ok: false, missing: false, message: 'cannot be read (permission denied)' };
    default:
      return { ok: false, missing: false, message: `cannot be read (${err.code ?? err.message})` };
  }
}
