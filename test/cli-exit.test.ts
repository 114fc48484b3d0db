import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, REPO } from './helpers/checkout';

/**
 * `check` exits as soon as its output is flushed (src-main/cli/index.ts, issue 16) rather than
 * letting Node tear its heap down first. A preloaded hook tells whether the process went through
 * Node's own end of the event loop ('beforeExit', which an explicit exit skips); the output must be
 * complete all the same, through a pipe read slowly, and the exit code kept.
 */

const CLI = path.join(REPO, 'bin', 'module-workbench.js');
let tmp: string;
let hook: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(REPO, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-exit-'));
  hook = path.join(tmp, 'hook.cjs');
  fs.writeFileSync(hook, `process.on('beforeExit', () => require('node:fs').writeFileSync(${JSON.stringify(path.join(tmp, 'before-exit'))}, 'x'));\n`);
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const wentThroughBeforeExit = () => fs.existsSync(path.join(tmp, 'before-exit'));

describe('the CLI exits when a one-shot command is done', () => {
  it('check exits without waiting for the event loop to end, with all of its JSON and its exit code', async () => {
    const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
    const dir = path.join(tmp, 'generated');
    generatePlatform(dir, 120, { seed: 5 });
    fs.rmSync(path.join(tmp, 'before-exit'), { force: true });
    // A pipe read in small pieces, slowly: the report (hundreds of KB) is longer than a pipe's buffer.
    const child = spawn(process.execPath, ['--require', hook, CLI, 'check', dir, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => {
      chunks.push(b);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 2);
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const text = Buffer.concat(chunks).toString('utf8');
    const report = JSON.parse(text) as { modules: unknown[]; summary: { errors: number } };
    expect(report.modules).toHaveLength(120);
    expect(text.endsWith('}\n')).toBe(true);
    expect(status).toBe(report.summary.errors > 0 ? 1 : 0);
    expect(wentThroughBeforeExit()).toBe(false);
  });

  it('keeps the exit code of findings (the example has errors: 1) and its stderr', () => {
    fs.rmSync(path.join(tmp, 'before-exit'), { force: true });
    const run = spawnSync(process.execPath, ['--require', hook, CLI, 'check', EXAMPLE, '--format', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(run.stdout) as { summary: { errors: number } };
    expect(run.status).toBe(report.summary.errors > 0 ? 1 : 0);
    expect(wentThroughBeforeExit()).toBe(false);
    // A usage error still says why, on stderr, with exit 2.
    const bad = spawnSync(process.execPath, [CLI, 'check', EXAMPLE, '--format', 'nope'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('nope');
  });

  it('graph and list exit the same way; other commands still end with the event loop (--version)', () => {
    for (const args of [['graph', EXAMPLE, '--format', 'json'], ['list', EXAMPLE]]) {
      fs.rmSync(path.join(tmp, 'before-exit'), { force: true });
      const run = spawnSync(process.execPath, ['--require', hook, CLI, ...args], { encoding: 'utf8' });
      expect(run.status, args.join(' ')).toBe(0);
      expect(run.stdout.length).toBeGreaterThan(100);
      expect(wentThroughBeforeExit(), args.join(' ')).toBe(false);
    }
    fs.rmSync(path.join(tmp, 'before-exit'), { force: true });
    const run = spawnSync(process.execPath, ['--require', hook, CLI, '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(wentThroughBeforeExit()).toBe(true);
  });

  it('takes no option before the command, so the first argument is the command the early exit keys on', () => {
    // `--kind` is the one option every command takes; it goes after the command. Should options
    // before the command ever be accepted, index.ts must key on the parsed command instead.
    const run = spawnSync(process.execPath, [CLI, '--kind', 'appmodule', 'check', EXAMPLE, '--format', 'json'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("unknown command '--kind'");
  });
});
