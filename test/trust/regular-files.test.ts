import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, writeCheckout } from '../helpers/checkout';
import { ok, testService } from '../helpers/service';
import { isolatedServeEnv, startServe, type ServeProcess } from './serve-process';

/**
 * Only regular files are opened (SPEC §9): a named pipe (FIFO) in each input position — a
 * manifest, platform.yaml, roles.yaml, a migration, a note — is stat'ed, never opened, and gives a
 * diagnostic naming its file. Before, opening one blocked until a writer appeared: `check`, `list`,
 * `migrate plan` and `notes list` hung until killed, and one `file.read` froze `mwb serve`.
 * The tests give the processes a generous limit and assert the diagnostics, never the time.
 */

const fifoSupported = process.platform !== 'win32';

function mkfifo(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync('mkfifo', [file]);
}

/** Runs the built CLI; a process that hangs is killed after a minute (and the test then fails on its output). */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [path.join(REPO, 'bin', 'module-workbench.js'), ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => proc.kill('SIGKILL'), 60_000);
    proc.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const manifest = (name: string) => `name: ${name}\nversion: 1.0.0\n`;

/** A checkout with a FIFO at every input position except platform.yaml (which would hide the roles and notes settings). */
function fifoCheckout(): string {
  const dir = writeCheckout({
    'modules/a/module.yaml': manifest('a'),
    'modules/a/migrations/a_0001_ok.expand.sql': 'CREATE TABLE a_items (id INTEGER PRIMARY KEY);\n',
    'docs/notes/0001-ok.md': '---\ntitle: Fine\nkind: architecture\nstatus: draft\ndate: 2026-01-02\nmodules: [a]\n---\n',
  });
  mkfifo(path.join(dir, 'modules/pipe/module.yaml'));
  mkfifo(path.join(dir, 'modules/a/migrations/a_0002_pipe.expand.sql'));
  mkfifo(path.join(dir, 'roles.yaml'));
  mkfifo(path.join(dir, 'docs/notes/0002-pipe.md'));
  return dir;
}

const FIFO = 'is a named pipe (FIFO), not a regular file; not opened';

describe.skipIf(!fifoSupported)('a FIFO in every input position gives a diagnostic, never a hang', () => {
  it('check names each FIFO with its rule', async () => {
    const dir = fifoCheckout();
    const r = await cli(['check', dir, '--format', 'json']);
    expect(r.status, r.stderr).toBe(1);
    const found = (JSON.parse(r.stdout).diagnostics as { rule: string; file: string; message: string }[]).filter((d) => d.message.includes(FIFO)).map((d) => `${d.rule} ${d.file}`);
    expect(found.sort()).toEqual([
      'manifest-unreadable modules/pipe/module.yaml',
      'manifest-unreadable roles.yaml',
      'migration-unreadable modules/a/migrations/a_0002_pipe.expand.sql',
      'note-invalid docs/notes/0002-pipe.md',
    ]);
  });

  it('platform.yaml as a FIFO: check reports it, list still lists', async () => {
    const dir = writeCheckout({ 'modules/a/module.yaml': manifest('a') });
    mkfifo(path.join(dir, 'platform.yaml'));
    const check = await cli(['check', dir, '--format', 'json']);
    expect(check.status, check.stderr).toBe(1);
    expect(JSON.parse(check.stdout).diagnostics).toContainEqual(expect.objectContaining({ rule: 'manifest-unreadable', file: 'platform.yaml', message: `platform.yaml ${FIFO}` }));
    const list = await cli(['list', dir, '--format', 'json']);
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).modules.map((m: { name: string }) => m.name)).toEqual(['a']);
  });

  it('list, migrate plan and notes list return with the FIFOs named', async () => {
    const dir = fifoCheckout();
    const list = await cli(['list', dir, '--format', 'json']);
    expect(list.status, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).modules.map((m: { name: string; status: string }) => `${m.name} ${m.status}`)).toEqual(['a ok', 'pipe invalid']);

    const plan = await cli(['migrate', 'plan', dir, '--format', 'json']);
    expect(plan.status, plan.stderr).toBe(1);
    const out = JSON.parse(plan.stdout) as { steps: { id: string }[]; diagnostics: { rule: string; file: string; message: string }[] };
    expect(out.diagnostics).toContainEqual(expect.objectContaining({ rule: 'migration-unreadable', file: 'modules/a/migrations/a_0002_pipe.expand.sql', message: expect.stringContaining(FIFO) }));

    const notes = await cli(['notes', 'list', dir, '--format', 'json']);
    expect(notes.status, notes.stderr).toBe(0);
    const listed = JSON.parse(notes.stdout).notes as { path: string; valid: boolean }[];
    expect(listed.map((n) => `${n.path} ${n.valid}`)).toEqual(['docs/notes/0001-ok.md true', 'docs/notes/0002-pipe.md false']);

    const reconcile = await cli(['permissions', 'reconcile', dir, '--format', 'json']);
    expect(reconcile.stdout + reconcile.stderr).toContain(`roles.yaml ${FIFO}`);
  });

  it('the contract: file.read and file.save of a FIFO are refused with the reason (in-process service)', async () => {
    const dir = fifoCheckout();
    const { service } = testService();
    await ok(service.handle('session.open', { path: dir }));
    expect(await service.handle('file.read', { path: 'roles.yaml' })).toEqual({ ok: false, error: { code: 'unreadable', message: `roles.yaml ${FIFO}` } });
    const save = await service.handle('file.save', { path: 'roles.yaml', text: 'roles: {}\n', baseVersion: 'x', force: true });
    expect(save).toEqual({ ok: false, error: { code: 'unreadable', message: `roles.yaml ${FIFO}; it is not overwritten` } });
    expect(fs.lstatSync(path.join(dir, 'roles.yaml')).isFIFO()).toBe(true);
  });

  describe('a real mwb serve process', () => {
    let serve: ServeProcess | null = null;
    afterAll(async () => {
      await serve?.close();
    });

    it('opens a checkout full of FIFOs, refuses file.read of one, and keeps answering', async () => {
      const dir = fifoCheckout();
      serve = await startServe(dir, isolatedServeEnv());
      const snapshot = await serve.ask<{ diagnostics: { file: string; message: string }[] }>('session.snapshot');
      expect(snapshot.ok, JSON.stringify(snapshot.error)).toBe(true);
      expect(snapshot.result?.diagnostics.filter((d) => d.message.includes(FIFO)).map((d) => d.file).sort()).toEqual(['docs/notes/0002-pipe.md', 'modules/a/migrations/a_0002_pipe.expand.sql', 'modules/pipe/module.yaml', 'roles.yaml']);
      const read = await serve.ask('file.read', { path: 'docs/notes/0002-pipe.md' });
      expect(read).toMatchObject({ ok: false, error: { code: 'unreadable', message: `docs/notes/0002-pipe.md ${FIFO}` } });
      // The server is not frozen: the next request over the socket answers.
      const next = await serve.ask<{ text: string }>('file.read', { path: 'modules/a/module.yaml' });
      expect(next.result?.text).toBe(manifest('a'));
    }, 120_000);
  });
});
