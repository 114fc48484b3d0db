/**
 * The Changes and Notes requests of the contract, through the service as the hosts call it:
 * validation, results, repository problems as {code, message} data, and notes picked up by the
 * session's watcher (note-invalid appears and clears without a rescan).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkbenchSnapshot } from '../src-main/common/contract';
import type { ChangesResult, GitRefs } from '../src-main/common/contract-changes';
import type { NoteCreateResult, NoteSummary } from '../src-main/common/contract-notes';
import type { WorkbenchService } from '../src-main/service/service';
import { EXAMPLE, writeCheckout } from './helpers/checkout';
import { commitAll, git, initRepo, repoState, writeFiles } from './helpers/git';
import { waitFor } from './helpers/wait';
import { ok, testService } from './helpers/service';

const services: WorkbenchService[] = [];
const temps: string[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function open(dir: string, watch = false) {
  const { service, seen } = testService({ watch });
  const snapshots: WorkbenchSnapshot[] = (seen['session.snapshot'] ??= []);
  services.push(service);
  return { service, snapshots, ready: service.handle('session.open', { path: dir }) };
}

describe('changes.* requests', () => {
  it('lists branches and commits, checks the working tree, and returns removed modules as they were', async () => {
    const dir = initRepo();
    temps.push(dir);
    writeFiles(dir, {
      'modules/core/module.yaml': 'name: core\nversion: 1.0.0\ntier: core\n',
      'modules/legacy/module.yaml': 'name: legacy\nversion: 0.9.0\ndependencies: [core]\ndescription: The old exporter.\n',
      'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\ndependencies: [core]\n',
    });
    commitAll(dir, 'platform');
    git(dir, 'checkout', '-q', '-b', 'cleanup');
    fs.rmSync(path.join(dir, 'modules/legacy'), { recursive: true });
    writeFiles(dir, { 'modules/shop/module.yaml': 'name: shop\nversion: 1.1.0\ndependencies: [core]\n' });
    commitAll(dir, 'drop legacy');
    const { service, ready } = open(dir);
    await ok(ready);
    const before = repoState(dir);

    const refs = await ok<GitRefs>(service.handle('changes.refs', {}));
    expect(refs.head).toMatchObject({ branch: 'cleanup', detached: false });
    expect(refs.branches.map((b) => `${b.name}${b.current ? '*' : ''}`).sort()).toEqual(['cleanup*', 'main']);
    expect(refs.commits.map((c) => c.subject)).toEqual(['drop legacy', 'platform']);
    expect(refs.defaultBase).toMatchObject({ ok: true, base: { against: 'main', subject: 'platform' } });

    const result = await ok<ChangesResult>(service.handle('changes.check', {}));
    expect(result.report.diff.modules.map((m) => `${m.change} ${m.name}`)).toEqual(['removed legacy', 'changed shop']);
    expect(result.removedModules).toHaveLength(1);
    expect(result.removedModules[0]).toMatchObject({ name: 'legacy', version: '0.9.0', path: 'modules/legacy', manifest: { description: 'The old exporter.', dependencies: [{ name: 'core' }] } });
    expect(result.report.diagnostics).toEqual([]);

    const explicit = await ok<ChangesResult>(service.handle('changes.check', { base: 'HEAD' }));
    expect(explicit.report.diff.modules).toEqual([]);
    expect(repoState(dir)).toEqual(before);
  });

  it('repository problems and bad parameters come back as data', async () => {
    const dir = writeCheckout({ 'modules/core/module.yaml': 'name: core\nversion: 1.0.0\ntier: core\n' });
    temps.push(dir);
    const { service, ready } = open(dir);
    await ok(ready);
    expect(await service.handle('changes.check', {})).toEqual({ ok: false, error: { code: 'not-a-repository', message: expect.stringContaining('is not inside a git repository') } });
    expect(await service.handle('changes.refs', {})).toMatchObject({ ok: false, error: { code: 'not-a-repository' } });
    expect(await service.handle('changes.check', { base: 42 })).toMatchObject({ ok: false, error: { code: 'bad-request', message: "changes.check: 'base' must be a string of at most 256 characters" } });
    expect(await service.handle('notes.create', { kind: 'decision', title: 'x', modules: [] })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describe('notes.* requests', () => {
  it('lists notes, creates one (modules checked against the open checkout), and the session re-checks notes as they change', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-notes-svc-'));
    temps.push(dir);
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    const { service, snapshots, ready } = open(dir, true);
    await ok(ready);
    const notes = await ok<NoteSummary[]>(service.handle('notes.list', {}));
    expect(notes.map((n) => n.number)).toEqual(['0001', '0002', '0003']);

    const created = await ok<NoteCreateResult>(service.handle('notes.create', { kind: 'migration', title: 'Orders archive', modules: ['orders'], supersedes: '0002' }));
    expect(created).toEqual({ path: 'docs/notes/0004-orders-archive.md', superseded: 'docs/notes/0002-invoice-status.md' });
    const after = await ok<NoteSummary[]>(service.handle('notes.list', {}));
    expect(after.map((n) => `${n.number} ${n.status}`)).toEqual(['0001 accepted', '0002 superseded', '0003 accepted', '0004 draft']);
    expect(await service.handle('notes.create', { kind: 'migration', title: 'X', modules: ['nope'] })).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining("'nope' is not a module") } });

    // An outside edit that breaks a note shows up as note-invalid, and goes away when fixed.
    const file = path.join(dir, 'docs/notes/0004-orders-archive.md');
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, good.replace('modules: [orders]', 'modules: [orders, odrers]'));
    const broken = await waitFor(() => snapshots.at(-1)?.diagnostics.find((d) => d.rule === 'note-invalid'));
    expect(broken).toMatchObject({ file: 'docs/notes/0004-orders-archive.md', line: 6, column: 19, message: "modules[1]: 'odrers' is not a module of this platform" });
    fs.writeFileSync(file, good);
    await waitFor(() => (snapshots.at(-1)?.diagnostics.some((d) => d.rule === 'note-invalid') === false ? true : undefined));
  });
});
