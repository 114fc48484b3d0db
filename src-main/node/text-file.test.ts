import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, readTextFile, readUnlinkedText } from './text-file';

describe('firstInvalidUtf8', () => {
  it.each([
    ['ascii', Buffer.from('hello'), -1],
    ['multi-byte', Buffer.from('café ✓ 𝄞'), -1],
    ['lone continuation', Buffer.from([0x61, 0x80]), 1],
    ['overlong', Buffer.from([0xc0, 0xaf]), 0],
    ['truncated', Buffer.from([0x61, 0xe2, 0x82]), 1],
    ['surrogate', Buffer.from([0xed, 0xa0, 0x80]), 0],
    ['latin-1', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20]), 3],
  ])('%s', (_name, buf, expected) => {
    expect(firstInvalidUtf8(buf)).toBe(expected);
  });
});

describe('readTextFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-text-'));
  it('reads UTF-8 and drops a byte-order mark', () => {
    fs.writeFileSync(path.join(dir, 'bom.yaml'), '\uFEFFname: x\n');
    expect(readTextFile(path.join(dir, 'bom.yaml'))).toEqual({ ok: true, text: 'name: x\n' });
  });
  it('keeps a legitimate replacement character', () => {
    fs.writeFileSync(path.join(dir, 'fffd.yaml'), 'x: "\uFFFD"\n');
    expect(readTextFile(path.join(dir, 'fffd.yaml'))).toEqual({ ok: true, text: 'x: "\uFFFD"\n' });
  });
  it('says missing, folder, too large', () => {
    expect(readTextFile(path.join(dir, 'nope'))).toMatchObject({ ok: false, missing: true });
    expect(readTextFile(dir)).toMatchObject({ ok: false, missing: false, message: 'is a folder, not a file' });
    fs.writeFileSync(path.join(dir, 'big'), 'x'.repeat(2048));
    expect(readTextFile(path.join(dir, 'big'), 1024)).toMatchObject({ ok: false, message: 'is 2 KiB, over the 1 KiB limit for YAML inputs; refused without parsing' });
  });
});

describe('readUnlinkedText (a path already seen not to be a symlink)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-unlinked-'));
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-unlinked-out-'));
  fs.writeFileSync(path.join(outside, 'secret.yaml'), 'secret: 1\n');

  it('never follows a symlink at the path: it says linked, for the caller to resolve under the path rule', () => {
    fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'swapped.yaml'));
    expect(readUnlinkedText(path.join(dir, 'swapped.yaml'), 'listed-file')).toBe('linked');
    const lstat = fs.lstatSync(path.join(dir, 'swapped.yaml'));
    expect(readUnlinkedText(path.join(dir, 'swapped.yaml'), lstat)).toBe('linked');
  });

  it('refuses a FIFO from its stat without opening it, and a FIFO swapped in for a listed file without waiting on it', () => {
    if (process.platform === 'win32') return;
    const fifo = path.join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(readUnlinkedText(fifo, fs.lstatSync(fifo))).toMatchObject({ ok: false, missing: false, message: 'is a named pipe (FIFO), not a regular file; not opened' });
    // The listing said a regular file; what is there now is opened non-blocking and refused after fstat.
    expect(readUnlinkedText(fifo, 'listed-file')).toMatchObject({ ok: false, missing: false, message: 'is a named pipe (FIFO), not a regular file; not opened' });
  });

  it('reads like readTextFile: BOM dropped, bad UTF-8 located, the size limit, a missing file, size and mtime', () => {
    fs.writeFileSync(path.join(dir, 'big.sql'), `-- ${'x'.repeat(200_000)}\n`);
    fs.writeFileSync(path.join(dir, 'bom.yaml'), '\uFEFFname: x\n');
    fs.writeFileSync(path.join(dir, 'bad.yaml'), Buffer.from([0x61, 0x0a, 0x62, 0xe9, 0x0a]));
    fs.writeFileSync(path.join(dir, 'fffd.yaml'), '\uFEFFx: "\uFFFD"\n');
    const info = { size: -1, mtimeMs: -1 };
    // A large read first, then a small one: the shared buffer's old bytes never leak into the text.
    expect(readUnlinkedText(path.join(dir, 'big.sql'), 'listed-file')).toMatchObject({ ok: true });
    expect(readUnlinkedText(path.join(dir, 'bom.yaml'), 'listed-file', undefined, info)).toEqual({ ok: true, text: 'name: x\n' });
    expect(info).toEqual({ size: 11, mtimeMs: fs.statSync(path.join(dir, 'bom.yaml')).mtimeMs });
    for (const name of ['big.sql', 'bom.yaml', 'bad.yaml', 'fffd.yaml']) {
      const file = path.join(dir, name);
      expect(readUnlinkedText(file, fs.lstatSync(file))).toEqual(readTextFile(file));
    }
    expect(readUnlinkedText(path.join(dir, 'bad.yaml'), 'listed-file')).toMatchObject({ ok: false, line: 2, column: 2 });
    // A legitimate U+FFFD (and a BOM) in a listed file: the text, as readTextFile gives it.
    expect(readUnlinkedText(path.join(dir, 'fffd.yaml'), 'listed-file')).toEqual({ ok: true, text: 'x: "\uFFFD"\n' });
    expect(readUnlinkedText(path.join(dir, 'big.sql'), 'listed-file', 1024)).toMatchObject({ ok: false, message: 'is 196 KiB, over the 1 KiB limit for YAML inputs; refused without parsing' });
    expect(readUnlinkedText(path.join(dir, 'gone.sql'), 'listed-file')).toMatchObject({ ok: false, missing: true });
  });
});
