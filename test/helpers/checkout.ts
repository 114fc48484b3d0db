import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export const REPO = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(REPO, 'test', 'fixtures');
export const EXAMPLE = path.join(REPO, 'resources', 'example-platform');

/** Copies a fixture checkout into a fresh temp folder, so tests never touch the originals. */
export function copyFixture(name: string): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), `mwb-${name.replace(/[\\/]/g, '-')}-`));
  fs.cpSync(path.join(FIXTURES, name), dest, { recursive: true, verbatimSymlinks: true });
  return dest;
}

/** Writes a checkout from a map of relative path -> text (or Buffer) into a temp folder. */
export function writeCheckout(files: Record<string, string | Buffer>): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-tmp-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dest, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return dest;
}

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a real process (npm test builds it first). */
export function runBuiltCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'module-workbench.js'), ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
