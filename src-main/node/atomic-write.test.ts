import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256, writeFileAtomic } from './atomic-write';

/** A pid no process has: above every pid in use, below the kernel's pid_max. */
function deadPid(): number {
  for (let pid = 4_000_000; pid > 100_000; pid -= 7919) {
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
  throw new Error('no free pid found');
}

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('replaces the file, and removes temp files that killed writes of it left behind', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-atomic-'));
    const target = path.join(dir, 'module.yaml');
    fs.writeFileSync(target, 'old\n');
    const stale = `.module.yaml.${deadPid()}.0badc0de.tmp`;
    const running = `.module.yaml.${process.ppid}.0123abcd.tmp`; // a live process may still be writing
    const otherFile = `.roles.yaml.${deadPid()}.0badc0de.tmp`; // another target's: not this write's business
    const lookalike = '.module.yaml.backup';
    for (const name of [stale, running, otherFile, lookalike]) fs.writeFileSync(path.join(dir, name), 'partial');

    writeFileAtomic(target, 'new\n');

    expect(fs.readFileSync(target, 'utf8')).toBe('new\n');
    expect(fs.readdirSync(dir).sort()).toEqual([running, otherFile, lookalike, 'module.yaml'].sort());
  });

  it('keeps the mode of the file it replaces', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-atomic-'));
    const target = path.join(dir, 'run.sh');
    fs.writeFileSync(target, 'old', { mode: 0o750 });
    fs.chmodSync(target, 0o750);
    writeFileAtomic(target, 'new');
    expect(fs.statSync(target).mode & 0o777).toBe(0o750);
  });
});

describe('sha256', () => {
  it('gives the digest createHash gives, for texts (as UTF-8) and bytes (migration checksums must not change)', () => {
    for (const data of ['', 'CREATE TABLE a (id INTEGER);\n', 'é ✓ \u{1F600}\r\n', new Uint8Array([0, 1, 2, 255]), Buffer.from('bytes')]) {
      expect(sha256(data)).toBe(crypto.createHash('sha256').update(data).digest('hex'));
    }
  });
});
