import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8, readTextFile } from './text-file';

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
