import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInsideFolder, readCheckoutText, resolveCheckoutPath } from './checkout-path';
import { readRegularFile } from './text-file';

function tree(): { root: string; outside: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-path-rule-'));
  const root = path.join(base, 'checkout');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(root, 'docs', 'real.md'), 'inside\n');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret\n');
  return { root, outside };
}

describe('resolveCheckoutPath', () => {
  it('resolves files inside, links inside, and new files in existing or new folders', () => {
    const { root } = tree();
    const realRoot = fs.realpathSync(root);
    fs.symlinkSync('real.md', path.join(root, 'docs', 'alias.md'));
    expect(resolveCheckoutPath(root, 'docs/real.md')).toEqual({ ok: true, real: path.join(realRoot, 'docs', 'real.md'), exists: true });
    expect(resolveCheckoutPath(root, 'docs/alias.md')).toEqual({ ok: true, real: path.join(realRoot, 'docs', 'real.md'), exists: true });
    expect(resolveCheckoutPath(root, 'docs/new/deeper/n.md')).toEqual({ ok: true, real: path.join(realRoot, 'docs', 'new', 'deeper', 'n.md'), exists: false });
  });

  it('refuses ../, absolute paths, the checkout itself, links out (at the file or on the way), broken links and loops', () => {
    const { root, outside } = tree();
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'leak.txt'));
    fs.symlinkSync(outside, path.join(root, 'out'));
    fs.symlinkSync(path.join(outside, 'gone'), path.join(root, 'dangling'));
    fs.symlinkSync('loop-b', path.join(root, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(root, 'loop-b'));
    const refused = (rel: string) => {
      const r = resolveCheckoutPath(root, rel);
      expect(r.ok, rel).toBe(false);
      return r.ok ? '' : r.message;
    };
    expect(refused('../outside/secret.txt')).toContain('is not inside the checkout');
    expect(refused(path.join(outside, 'secret.txt'))).toContain('is not inside the checkout');
    expect(refused('.')).toContain('is not inside the checkout');
    expect(refused('leak.txt')).toContain('leads out of the checkout through a symlink');
    expect(refused('out/secret.txt')).toContain('leads out of the checkout through a symlink');
    expect(refused('out/new/file.txt')).toContain('leads out of the checkout through a symlink');
    expect(refused('dangling')).toContain('is a broken symlink');
    expect(refused('dangling/x.md')).toContain('is under a broken symlink');
    expect(refused('loop-a')).toContain('symlink loop');
    expect(fs.readdirSync(outside)).toEqual(['secret.txt']);
  });

  it('isInsideFolder is not fooled by a shared prefix', () => {
    expect(isInsideFolder('/a/b', '/a/b')).toBe(true);
    expect(isInsideFolder('/a/b', '/a/b/c')).toBe(true);
    expect(isInsideFolder('/a/b', '/a/bc')).toBe(false);
    expect(isInsideFolder('/a/b', '/a/b/..c')).toBe(true);
    expect(isInsideFolder('/a/b', '/a')).toBe(false);
  });

  it('isInsideFolder answers as path.relative does, whatever the tail (its prefix test is only a shortcut)', () => {
    const byRelative = (folder: string, abs: string) => {
      const rel = path.relative(folder, abs);
      return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
    };
    const folders = ['/a/b', '/a/b/', '/a/b/..', '/', 'a', '/a/./b'];
    const tails = ['', '/', '/c', '/c/', '/..', '/../x', '/c/../..', '/c/../../b/x', '/./c', '//c', '/.c', '/..c', '/c/.', 'c', '/c\0'];
    for (const folder of folders) for (const tail of tails) expect(isInsideFolder(folder, folder + tail), `${folder} + ${tail}`).toBe(byRelative(folder, folder + tail));
  });

  it('readCheckoutText refuses a file that is a link out, and reads one that stays inside', () => {
    const { root, outside } = tree();
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'platform.yaml'));
    expect(readCheckoutText(root, 'platform.yaml')).toMatchObject({ ok: false, missing: false, message: expect.stringContaining('leads out of the checkout') });
    fs.symlinkSync('docs/real.md', path.join(root, 'roles.yaml'));
    expect(readCheckoutText(root, 'roles.yaml')).toEqual({ ok: true, text: 'inside\n' });
  });
});

describe.skipIf(process.platform === 'win32')('readRegularFile', () => {
  it('never opens a FIFO, and says what it is', () => {
    const { root } = tree();
    const fifo = path.join(root, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(readRegularFile(fifo, 1024)).toEqual({ ok: false, missing: false, message: 'is a named pipe (FIFO), not a regular file; not opened' });
    expect(readRegularFile('/dev/null', 1024)).toEqual({ ok: false, missing: false, message: 'is a device, not a regular file; not opened' });
  });
});
