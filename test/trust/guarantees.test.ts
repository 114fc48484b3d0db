import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileContent, SaveResult } from '../../src-main/common/contract';
import { EXAMPLE, REPO, runBuiltCli } from '../helpers/checkout';
import { commitAll, git } from '../helpers/git';
import { startServe } from './serve-process';

/**
 * SPEC §9, tested on the built CLI and a real `mwb serve` process: nothing from the checkout is
 * executed; nothing is written outside the checkout and the app data folder; saves are atomic even
 * when the process is killed mid-write.
 */
const temps: string[] = [];
afterAll(() => temps.forEach((t) => fs.rmSync(t, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(d);
  return d;
}

/** A checkout whose hooks, handlers, scripts and build files would each leave a marker if run. */
function boobyTrappedCheckout(dir: string): void {
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  const files: Record<string, string> = {
    'modules/trap/module.yaml': [
      'name: trap',
      'version: 1.0.0',
      'tier: optional',
      'description: Every handler here would leave a marker file if anything ran it.',
      'dependencies: [core]',
      'hooks:',
      '  on_startup: scripts/startup.sh',
      '  on_enable: trap.hooks:enable',
      '  on_install: "sh -c \'touch EXECUTED-inline\'"',
      'tasks:',
      '  - { name: sweep, handler: "trap/tasks.py:run" }',
      'schedules:',
      '  - { task: sweep, cron: "* * * * *" }',
      '',
    ].join('\n'),
    'modules/trap/scripts/startup.sh': '#!/bin/sh\ntouch "$(dirname "$0")/../../../EXECUTED-startup"\n',
    'modules/trap/hooks.py': 'open(__file__ + "/../../../EXECUTED-python", "w").write("x")\n',
    'modules/trap/tasks.py': 'import os\nos.system("touch EXECUTED-task")\n',
    'modules/trap/index.js': "require('fs').writeFileSync(__dirname + '/../../EXECUTED-js', 'x');\n",
    'modules/trap/migrations/trap_0001_init.expand.sql': "CREATE TABLE trap_marker (id INTEGER PRIMARY KEY);\n",
    'package.json': JSON.stringify({ name: 'trap', scripts: { preinstall: 'touch EXECUTED-npm', postinstall: 'touch EXECUTED-npm', test: 'touch EXECUTED-npm' } }),
    Makefile: 'all:\n\ttouch EXECUTED-make\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  fs.chmodSync(path.join(dir, 'modules/trap/scripts/startup.sh'), 0o755);
}

function markers(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.startsWith('EXECUTED-')) found.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return found;
}

/** Every file under a folder with its size and modification time. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const st = fs.lstatSync(p);
      if (e.isDirectory()) {
        out.set(`${path.relative(dir, p)}/`, 'dir');
        walk(p);
      } else out.set(path.relative(dir, p), `${st.size}:${st.mtimeMs}`);
    }
  };
  walk(dir);
  return out;
}

function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [p, v] of after) if (before.get(p) !== v) out.push(before.has(p) ? `changed ${p}` : `added ${p}`);
  for (const p of before.keys()) if (!after.has(p)) out.push(`removed ${p}`);
  return out.sort();
}

const CLI_RUNS: string[][] = [
  ['list'],
  ['check'],
  ['check', '--format', 'json'],
  ['check', '--format', 'sarif'],
  ['check', '--format', 'markdown'],
  ['check', '--profile', 'full', '--strict'],
  ['graph', '--format', 'json'],
  ['graph', '--format', 'dot'],
  ['graph', '--format', 'mermaid'],
  ['capabilities'],
  ['permissions', 'catalog'],
  ['permissions', 'catalog', '--format', 'json'],
  ['permissions', 'reconcile'],
  ['permissions', 'codegen', '--lang', 'ts'],
  ['pr-check'],
  ['pr-check', '--format', 'json'],
  ['pr-check', '--format', 'markdown'],
  ['notes', 'list'],
  ['notes', 'list', '--format', 'json'],
];

/**
 * Makes the checkout a git repository (one commit on main, a branch with an edit) whose own git
 * configuration would run commands if git consulted it carelessly: an fsmonitor hook, a clean
 * filter on every file, hooks that fire when the index or HEAD changes, an external diff.
 */
function trappedRepository(dir: string): void {
  const marker = (name: string) => {
    const script = path.join(dir, '.git-trap', `${name}.sh`);
    fs.mkdirSync(path.dirname(script), { recursive: true });
    fs.writeFileSync(script, `#!/bin/sh\ntouch "${path.join(dir, `EXECUTED-git-${name}`)}"\ncat\n`);
    fs.chmodSync(script, 0o755);
    return script;
  };
  git(dir, 'init', '-q', '-b', 'main');
  commitAll(dir, 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  fs.appendFileSync(path.join(dir, 'modules/blog/module.yaml'), '# an edit on the branch\n');
  commitAll(dir, 'edit');
  fs.writeFileSync(path.join(dir, '.gitattributes'), '* filter=trap diff=trap\n');
  git(dir, 'config', 'core.fsmonitor', marker('fsmonitor'));
  git(dir, 'config', 'filter.trap.clean', marker('clean'));
  git(dir, 'config', 'filter.trap.smudge', marker('smudge'));
  git(dir, 'config', 'diff.trap.command', marker('diff'));
  git(dir, 'config', 'diff.external', marker('diff-external'));
  git(dir, 'config', 'core.pager', marker('pager'));
  for (const hook of ['post-index-change', 'post-checkout', 'pre-commit', 'reference-transaction']) {
    fs.copyFileSync(marker(hook), path.join(dir, '.git', 'hooks', hook));
    fs.chmodSync(path.join(dir, '.git', 'hooks', hook), 0o755);
  }
  fs.appendFileSync(path.join(dir, 'modules/blog/module.yaml'), '# and an uncommitted one\n');
}

/** `mwb <command> [subcommand] <checkout> [options]`. */
function withCheckout(args: string[], dir: string): string[] {
  const sub = ['permissions', 'migrate', 'notes'].includes(args[0]) ? 2 : 1;
  return [...args.slice(0, sub), dir, ...args.slice(sub)];
}

describe('nothing from the checkout is executed', () => {
  it('by any read-only CLI command, nor by a workbench session', { timeout: 180_000 }, async () => {
    const dir = path.join(tempDir('mwb-trap-'), 'checkout');
    boobyTrappedCheckout(dir);
    trappedRepository(dir);
    expect(markers(dir)).toEqual([]);
    for (const args of CLI_RUNS) {
      const r = runBuiltCli(withCheckout(args, dir));
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBeLessThan(2);
    }
    const home = tempDir('mwb-trap-home-');
    const serve = await startServe(dir, { PATH: process.env.PATH, HOME: home, TMPDIR: home, NO_COLOR: '1' });
    try {
      const snap = await serve.ask<{ modules: { name: string }[] }>('session.snapshot');
      expect(snap.result?.modules.map((m) => m.name)).toContain('trap');
      const file = await serve.ask<FileContent>('file.read', { path: 'modules/trap/module.yaml' });
      expect((await serve.ask('manifest.lint', { path: 'modules/trap/module.yaml', text: `${file.result?.text}\n` })).ok).toBe(true);
      expect((await serve.ask('session.rescan')).ok).toBe(true);
      expect((await serve.ask('changes.refs')).ok).toBe(true);
      expect((await serve.ask('changes.check', {})).ok).toBe(true);
      expect((await serve.ask('notes.list')).ok).toBe(true);
      expect((await serve.ask('permissions.catalog')).ok).toBe(true);
      expect((await serve.ask('permissions.preview', {})).ok).toBe(true);
    } finally {
      await serve.close();
    }
    expect(markers(dir)).toEqual([]);
    expect(markers(home)).toEqual([]);
    // The traps are live: git itself, asked carelessly, springs them.
    git(dir, 'status');
    git(dir, 'diff', 'HEAD');
    expect(markers(dir).length).toBeGreaterThan(0);
  });
});

describe('nothing is written outside the checkout and the app data folder', () => {
  it('in a whole session of the served workbench, with a watched temp home', { timeout: 180_000 }, async () => {
    const home = tempDir('mwb-home-');
    const checkout = path.join(home, 'work', 'acme');
    fs.cpSync(EXAMPLE, checkout, { recursive: true });
    fs.mkdirSync(path.join(home, 'tmp'));
    const appData = path.join('.config', 'module-workbench');
    const before = tree(home);
    const serve = await startServe(checkout, { PATH: process.env.PATH, HOME: home, TMPDIR: path.join(home, 'tmp'), NO_COLOR: '1' });
    const manifest = 'modules/blog/module.yaml';
    try {
      expect((await serve.ask('app.info')).ok).toBe(true);
      expect((await serve.ask('session.snapshot')).ok).toBe(true);
      const file = (await serve.ask<FileContent>('file.read', { path: manifest })).result as FileContent;
      expect((await serve.ask('manifest.lint', { path: manifest, text: file.text.replace('version:', 'version: ') })).ok).toBe(true);
      expect((await serve.ask('graph.export', { format: 'mermaid', edges: ['dependency', 'event'] })).ok).toBe(true);
      expect((await serve.ask('session.setProfile', { profile: 'full' })).ok).toBe(true);
      // The one write the user asks for: saving the manifest.
      const saved = await serve.ask<SaveResult>('file.save', { path: manifest, text: `${file.text}# edited in the workbench\n`, baseVersion: file.version });
      expect(saved.result?.status).toBe('saved');
      expect((await serve.ask('session.rescan')).ok).toBe(true);
      expect((await serve.ask('app.recent')).ok).toBe(true);
    } finally {
      await serve.close();
    }
    const outside = changes(before, tree(home)).filter((c) => {
      const p = c.replace(/^\w+ /, '');
      return !p.startsWith(`${appData}/`) && !p.startsWith(path.join('.config') + '/') && !p.startsWith(path.join('work', 'acme') + '/');
    });
    expect(outside).toEqual([]);
    const inCheckout = changes(before, tree(home)).filter((c) => c.includes(path.join('work', 'acme') + '/'));
    expect(inCheckout).toEqual([`changed ${path.join('work', 'acme', manifest)}`]);
    expect(fs.existsSync(path.join(home, appData, 'workbench.sqlite'))).toBe(true);
  });
});

describe('saves are atomic', () => {
  it('a serve process killed with SIGKILL during a save leaves the old file or the new one, never a mix', { timeout: 300_000 }, async () => {
    const root = tempDir('mwb-atomic-');
    const checkout = path.join(root, 'acme');
    fs.cpSync(EXAMPLE, checkout, { recursive: true });
    const rel = 'docs/notes/big.md';
    const target = path.join(checkout, rel);
    const outcomes = { old: 0, new: 0 };
    const text = (kind: string, round: number) => `# ${kind} ${round}\n${kind[0].repeat(79)}\n`.repeat(36_000);
    // First, how long a whole save takes here; then kill at points spread across that time.
    fs.writeFileSync(target, text('old', 0));
    const probe = await startServe(checkout, { PATH: process.env.PATH, HOME: root, MWB_DATA_DIR: path.join(root, 'data'), NO_COLOR: '1' });
    const first = (await probe.ask<FileContent>('file.read', { path: rel })).result as FileContent;
    const t0 = performance.now();
    expect((await probe.ask<SaveResult>('file.save', { path: rel, text: text('new', 0), baseVersion: first.version })).result?.status).toBe('saved');
    const saveMs = performance.now() - t0;
    await probe.close();
    const ROUNDS = 8;
    for (let round = 1; round <= ROUNDS; round++) {
      const oldText = text('old', round);
      const newText = text('new', round);
      fs.writeFileSync(target, oldText);
      const serve = await startServe(checkout, { PATH: process.env.PATH, HOME: root, MWB_DATA_DIR: path.join(root, 'data'), NO_COLOR: '1' });
      const file = (await serve.ask<FileContent>('file.read', { path: rel })).result as FileContent;
      const exited = new Promise((r) => serve.proc.once('exit', r));
      serve.send('file.save', { path: rel, text: newText, baseVersion: file.version });
      await new Promise((r) => setTimeout(r, (saveMs * round * 1.5) / ROUNDS));
      serve.proc.kill('SIGKILL');
      await exited;
      await serve.close();
      const disk = fs.readFileSync(target, 'utf8');
      const hash = crypto.createHash('sha256').update(disk).digest('hex').slice(0, 12);
      expect([oldText.length, newText.length], `round ${round}: ${disk.length} bytes, sha ${hash}`).toContain(disk.length);
      expect(disk === oldText || disk === newText, `round ${round}: the file is neither the old nor the new text`).toBe(true);
      outcomes[disk === oldText ? 'old' : 'new']++;
    }
    console.log(`atomic save: a save takes ${Math.round(saveMs)} ms here; of ${ROUNDS} kills spread over 1.5x that, ${outcomes.old} left the old text, ${outcomes.new} the new one`);
    expect(outcomes.old + outcomes.new).toBe(ROUNDS);
  });
});

describe('reconcile writes are atomic', () => {
  it('mwb permissions reconcile --apply killed with SIGKILL leaves roles.yaml old or new, never partial', { timeout: 300_000 }, async () => {
    const root = tempDir('mwb-atomic-roles-');
    const checkout = path.join(root, 'acme');
    fs.cpSync(EXAMPLE, checkout, { recursive: true });
    const rolesPath = path.join(checkout, 'roles.yaml');
    // A large roles file (comments up to near the 1 MiB cap) with one grant missing, so --apply rewrites it.
    const original = fs.readFileSync(rolesPath, 'utf8');
    const padded = `${'# padding to make the write take a while\n'.repeat(22_000)}${original}`;
    const broken = padded.replace(/\n(\s+)- billing\.invoice\.read\n/, '\n');
    expect(broken).not.toBe(padded);
    const run = () => spawn(process.execPath, [path.join(REPO, 'bin', 'module-workbench.js'), 'permissions', 'reconcile', checkout, '--apply'], { stdio: 'ignore' });
    fs.writeFileSync(rolesPath, broken);
    const t0 = performance.now();
    const probe = run();
    await new Promise((r) => probe.once('exit', r));
    const fullMs = performance.now() - t0;
    const fixed = fs.readFileSync(rolesPath, 'utf8');
    expect(fixed).not.toBe(broken);
    const outcomes = { old: 0, new: 0 };
    const ROUNDS = 8;
    for (let round = 1; round <= ROUNDS; round++) {
      fs.writeFileSync(rolesPath, broken);
      const child = run();
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, (fullMs * round * 1.2) / ROUNDS));
      child.kill('SIGKILL');
      await exited;
      const disk = fs.readFileSync(rolesPath, 'utf8');
      expect(disk === broken || disk === fixed, `round ${round}: roles.yaml is ${disk.length} bytes, neither the old nor the new text`).toBe(true);
      outcomes[disk === broken ? 'old' : 'new']++;
    }
    console.log(`atomic reconcile: a run takes ${Math.round(fullMs)} ms; of ${ROUNDS} kills, ${outcomes.old} left the old roles.yaml, ${outcomes.new} the new one`);
  });
});

describe('the CLI does not write into the checkout on its own', () => {
  it('read-only commands leave the checkout byte-for-byte as it was', { timeout: 180_000 }, () => {
    const dir = path.join(tempDir('mwb-ro-'), 'acme');
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    git(dir, 'init', '-q', '-b', 'main');
    commitAll(dir, 'base');
    fs.appendFileSync(path.join(dir, 'modules/blog/module.yaml'), '# uncommitted\n');
    const before = tree(dir);
    for (const args of CLI_RUNS) expect(runBuiltCli(withCheckout(args, dir)).status, args.join(' ')).toBeLessThan(2);
    expect(changes(before, tree(dir))).toEqual([]);
    expect(spawnSync('ls', ['-A', dir], { encoding: 'utf8' }).stdout).not.toContain('.workbench');
  });
});
