import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBuiltCli, writeCheckout } from '../helpers/checkout';
import { ok, testService } from '../helpers/service';
import { isolatedServeEnv, startServe, type ServeProcess } from './serve-process';

/**
 * One path rule for every read and write of checkout files (src-main/node/checkout-path.ts): the
 * real path must stay inside the checkout, else a clear error and nothing read or written; a link
 * inside the checkout to a file inside it is written through (its target replaced atomically, the
 * link kept). Before: `file.read` of `leak.txt -> /etc/passwd` read it, a save through a linked
 * folder wrote outside, `notes new` wrote through a linked notes folder, `notes: ../outside` was
 * read by `notes list`, and saving a linked file replaced the link by a regular file.
 */

const manifest = (name: string) => `name: ${name}\nversion: 1.0.0\n`;
const NOTE = '---\ntitle: Outside\nkind: architecture\nstatus: draft\ndate: 2026-01-02\nmodules: [a]\n---\nsecret text\n';

function outsideFolder(): string {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-outside-'));
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'root:x:0:0\n');
  fs.mkdirSync(path.join(outside, 'notes'));
  fs.writeFileSync(path.join(outside, 'notes', '0001-outside.md'), NOTE);
  return outside;
}

/** Every file under a folder with its bytes, to prove nothing changed there. */
function snapshotOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const abs = path.join(e.parentPath, e.name);
    if (e.isFile()) out[path.relative(dir, abs)] = fs.readFileSync(abs, 'utf8');
  }
  return out;
}

function linkedCheckout(outside: string): string {
  const dir = writeCheckout({
    'modules/a/module.yaml': manifest('a'),
    'docs/shared/real.md': 'the real file\n',
    'docs/real.md': 'inside\n',
  });
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'leak.txt'));
  fs.symlinkSync(outside, path.join(dir, 'out'));
  fs.symlinkSync(path.join(dir, 'docs/real.md'), path.join(dir, 'docs/alias.md'));
  return dir;
}

describe('the contract keeps to the checkout (in-process service)', () => {
  it('file.read through a link out is refused; through a link inside it reads', async () => {
    const outside = outsideFolder();
    const dir = linkedCheckout(outside);
    const { service } = testService();
    await ok(service.handle('session.open', { path: dir }));
    const leak = await service.handle('file.read', { path: 'leak.txt' });
    expect(leak).toMatchObject({ ok: false, error: { code: 'outside-checkout', message: expect.stringContaining('leak.txt leads out of the checkout through a symlink') } });
    expect(JSON.stringify(leak)).not.toContain('root:x');
    expect(await service.handle('file.read', { path: 'out/secret.txt' })).toMatchObject({ ok: false, error: { code: 'outside-checkout' } });
    expect(await service.handle('file.read', { path: '../x' })).toMatchObject({ ok: false });
    expect(await ok<{ text: string }>(service.handle('file.read', { path: 'docs/alias.md' }))).toMatchObject({ text: 'inside\n' });
  });

  it('file.save into a linked folder out, or over a link out, writes nothing outside', async () => {
    const outside = outsideFolder();
    const before = snapshotOf(outside);
    const dir = linkedCheckout(outside);
    const { service } = testService();
    await ok(service.handle('session.open', { path: dir }));
    for (const p of ['out/new.txt', 'out/secret.txt', 'leak.txt', 'out/deeper/new.txt']) {
      const r = await service.handle('file.save', { path: p, text: 'written\n', baseVersion: 'x', force: true });
      expect(r, p).toMatchObject({ ok: false, error: { code: 'outside-checkout' } });
    }
    expect(snapshotOf(outside)).toEqual(before);
    expect(fs.lstatSync(path.join(dir, 'leak.txt')).isSymbolicLink()).toBe(true);
  });

  it('file.save of a link inside the checkout writes through it: the target changes, the link stays', async () => {
    const outside = outsideFolder();
    const dir = linkedCheckout(outside);
    const { service } = testService();
    await ok(service.handle('session.open', { path: dir }));
    const read = await ok<{ version: string }>(service.handle('file.read', { path: 'docs/alias.md' }));
    const saved = await ok<{ status: string }>(service.handle('file.save', { path: 'docs/alias.md', text: 'edited\n', baseVersion: read.version }));
    expect(saved.status).toBe('saved');
    expect(fs.lstatSync(path.join(dir, 'docs/alias.md')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'docs/real.md'), 'utf8')).toBe('edited\n');
    // No temp file is left beside the link or its target.
    expect(fs.readdirSync(path.join(dir, 'docs')).sort()).toEqual(['alias.md', 'real.md', 'shared']);
  });
});

describe('a real mwb serve process', () => {
  let serve: ServeProcess | null = null;
  afterAll(async () => {
    await serve?.close();
  });

  it('refuses file.read and file.save through links out', async () => {
    const outside = outsideFolder();
    const before = snapshotOf(outside);
    const dir = linkedCheckout(outside);
    serve = await startServe(dir, isolatedServeEnv());
    const read = await serve.ask('file.read', { path: 'leak.txt' });
    expect(read).toMatchObject({ ok: false, error: { code: 'outside-checkout' } });
    expect(JSON.stringify(read)).not.toContain('root:x');
    expect(await serve.ask('file.save', { path: 'out/new.txt', text: 'x', baseVersion: 'x', force: true })).toMatchObject({ ok: false, error: { code: 'outside-checkout' } });
    expect(snapshotOf(outside)).toEqual(before);
  }, 120_000);
});

describe('CLI: notes and manifests keep to the checkout', () => {
  it('notes: ../outside is a platform-invalid finding; notes list and notes new refuse and read nothing there', () => {
    const outside = outsideFolder();
    const before = snapshotOf(outside);
    const dir = writeCheckout({ 'platform.yaml': `name: p\nnotes: ../${path.basename(outside)}/notes\n`, 'modules/a/module.yaml': manifest('a') });
    fs.renameSync(dir, path.join(path.dirname(outside), `${path.basename(outside)}-checkout`));
    const checkout = path.join(path.dirname(outside), `${path.basename(outside)}-checkout`);
    const check = runBuiltCli(['check', checkout, '--format', 'json']);
    expect(check.status, check.stderr).toBe(1);
    const diags = JSON.parse(check.stdout).diagnostics as { rule: string; file: string; line: number; message: string }[];
    expect(diags.filter((d) => d.message.includes('notes:')).map((d) => `${d.rule} ${d.file}:${d.line}`)).toEqual(['platform-invalid platform.yaml:2']);
    expect(diags.some((d) => d.rule === 'note-invalid' || d.file?.includes('0001-outside'))).toBe(false);

    const list = runBuiltCli(['notes', 'list', checkout, '--format', 'json']);
    expect(list.status).toBe(2);
    expect(list.stdout).toBe('');
    expect(list.stderr).toContain('leaves the checkout');
    expect(list.stderr).not.toContain('Outside');
    const created = runBuiltCli(['notes', 'new', checkout, '--kind', 'architecture', '--title', 'T']);
    expect(created.status).toBe(2);
    expect(created.stderr).toContain('leaves the checkout');
    expect(snapshotOf(outside)).toEqual(before);
  });

  it('a notes folder linked out of the checkout: a finding; notes list and notes new refuse', () => {
    const outside = outsideFolder();
    const before = snapshotOf(outside);
    const dir = writeCheckout({ 'modules/a/module.yaml': manifest('a'), 'docs/.keep': '' });
    fs.symlinkSync(path.join(outside, 'notes'), path.join(dir, 'docs/notes'));
    const check = runBuiltCli(['check', dir, '--format', 'json']);
    const diags = JSON.parse(check.stdout).diagnostics as { rule: string; file: string; message: string }[];
    expect(diags.filter((d) => d.rule === 'platform-invalid').map((d) => d.message)).toEqual([expect.stringContaining("notes: 'docs/notes' leads out of the checkout through a symlink")]);
    expect(diags.some((d) => d.file?.includes('0001-outside'))).toBe(false);
    const list = runBuiltCli(['notes', 'list', dir]);
    expect(list.status).toBe(2);
    expect(list.stdout).not.toContain('Outside');
    const created = runBuiltCli(['notes', 'new', dir, '--kind', 'architecture', '--title', 'Through the link']);
    expect(created.status).toBe(2);
    expect(created.stderr).toContain('leads out of the checkout through a symlink');
    expect(snapshotOf(outside)).toEqual(before);
  });

  it('a manifest, platform.yaml or roles.yaml that links out is not read', () => {
    const outside = outsideFolder();
    fs.writeFileSync(path.join(outside, 'module.yaml'), 'name: stolen\nversion: 9.9.9\n');
    fs.writeFileSync(path.join(outside, 'platform.yaml'), 'name: stolen-platform\n');
    fs.writeFileSync(path.join(outside, 'roles.yaml'), 'roles:\n  stolen: {grants: [a.x.read]}\n');
    const dir = writeCheckout({ 'modules/a/.keep': '' });
    fs.symlinkSync(path.join(outside, 'module.yaml'), path.join(dir, 'modules/a/module.yaml'));
    fs.symlinkSync(path.join(outside, 'platform.yaml'), path.join(dir, 'platform.yaml'));
    fs.symlinkSync(path.join(outside, 'roles.yaml'), path.join(dir, 'roles.yaml'));
    const check = runBuiltCli(['check', dir, '--format', 'json']);
    expect(check.stdout).not.toContain('stolen');
    const diags = JSON.parse(check.stdout).diagnostics as { rule: string; file: string; message: string }[];
    const out = diags.filter((d) => d.message.includes('leads out of the checkout')).map((d) => `${d.rule} ${d.file}`);
    expect(out.sort()).toEqual(['manifest-unreadable modules/a/module.yaml', 'manifest-unreadable platform.yaml', 'manifest-unreadable roles.yaml']);
    const reconcile = runBuiltCli(['permissions', 'reconcile', dir, '--apply']);
    expect(reconcile.stdout + reconcile.stderr).not.toContain('stolen');
    expect(fs.readFileSync(path.join(outside, 'roles.yaml'), 'utf8')).toBe('roles:\n  stolen: {grants: [a.x.read]}\n');
  });
});
