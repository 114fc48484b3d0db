import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src-main/cli/main';
import { traceReads } from '../src-main/node/read-trace';
import { checkCheckoutAsync, resolveCheckoutAsync } from '../src-main/service/load-checkout';
import { EXAMPLE, FIXTURES, REPO } from './helpers/checkout';

/**
 * `list` and `graph` read only what they print (issue 16): the manifests and platform.yaml, never a
 * migration, the roles file or a note. Proven two ways: the process's read trace (every file opened
 * and folder listed, node/read-trace.ts) holds none of them, and damaging them all changes nothing
 * in either output. And what they print is what the full check would have given them.
 */

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-read-scope-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function run(args: string[]): Promise<string> {
  let out = '';
  const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += `stderr: ${t}`), colour: false, cwd: work };
  const code = await runCli(args, io);
  return `${code}\n${out}`;
}

const COMMANDS = [['list'], ['list', '--format', 'json'], ['graph'], ['graph', '--format', 'json'], ['graph', '--format', 'dot', '--edges', 'dependency,optional,capability,event']];

async function outputs(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const args of COMMANDS) out.push(await run([...args, dir]));
  return out;
}

/** Reads, checkout-relative, of a command run in this process. */
async function readsOf(args: string[], dir: string): Promise<string[]> {
  traceReads(true);
  let reads: string[];
  try {
    await run([...args, dir]);
  } finally {
    reads = traceReads(false);
  }
  return reads.map((abs) => path.relative(dir, abs).split(path.sep).join('/'));
}

const isMigration = (rel: string) => /(^|\/)migrations(\/|$)/.test(rel);
const isRolesOrNote = (rel: string) => rel === 'roles.yaml' || rel.startsWith('docs/');

let dir: string;

beforeAll(() => {
  dir = path.join(work, 'platform');
  fs.cpSync(EXAMPLE, dir, { recursive: true });
});

describe('list and graph read only what they print', () => {
  it('open no migration, roles file or note (the read trace of check holds them all)', async () => {
    const check = await readsOf(['check'], dir);
    // The trace sees what check reads, so an empty answer below means something.
    expect(check.filter(isMigration).length).toBeGreaterThan(10);
    expect(check).toContain('roles.yaml');
    expect(check.some((r) => r.endsWith('/module.yaml'))).toBe(true);
    for (const args of COMMANDS) {
      const reads = await readsOf(args, dir);
      expect(reads.some((r) => r.endsWith('/module.yaml')), args.join(' ')).toBe(true);
      expect(reads.filter(isMigration), args.join(' ')).toEqual([]);
      expect(reads.filter(isRolesOrNote), args.join(' ')).toEqual([]);
    }
  });

  it('print the same when every migration, the roles file and the notes are garbage', async () => {
    const before = await outputs(dir);
    const damaged = path.join(work, 'damaged');
    fs.cpSync(dir, damaged, { recursive: true });
    for (const m of fs.readdirSync(path.join(damaged, 'modules'))) {
      const mig = path.join(damaged, 'modules', m, 'migrations');
      if (!fs.existsSync(mig)) continue;
      for (const f of fs.readdirSync(mig)) fs.writeFileSync(path.join(mig, f), Buffer.from([0xff, 0xfe, 0x00, 0x3b, 0x0a]));
      fs.writeFileSync(path.join(mig, `${m}_0001_again.expand.sql`), 'DROP TABLE everything; ATTACH');
      fs.mkdirSync(path.join(mig, 'not-a-migration.sql'));
    }
    fs.writeFileSync(path.join(damaged, 'roles.yaml'), 'roles: [unclosed\n\t: :');
    for (const f of fs.readdirSync(path.join(damaged, 'docs', 'notes'))) fs.writeFileSync(path.join(damaged, 'docs', 'notes', f), '---\n: [\n');
    // The damage is real: check sees it.
    expect(await run(['check', damaged])).toMatch(/migration-unreadable|migration-name-invalid/);
    const after = (await outputs(damaged)).map((o) => o.split(damaged).join(dir));
    expect(after).toEqual(before);
  });

  it('print what the full check gives them, on every fixture checkout and the example', async () => {
    const dirs = [EXAMPLE, ...fs.readdirSync(path.join(FIXTURES, 'rules')).map((n) => path.join(FIXTURES, 'rules', n))].filter(
      (d) => fs.existsSync(path.join(d, 'platform.yaml')) || fs.existsSync(path.join(d, 'modules')),
    );
    for (const d of dirs) {
      const full = await checkCheckoutAsync(d);
      const lean = await resolveCheckoutAsync(d);
      const printed = (r: typeof full) => ({
        modules: r.report.modules,
        order: r.report.order,
        profile: r.report.profile,
        records: r.modules.map((m) => [m.name, m.version, m.tier, m.path, m.status, m.blockedBy]),
        edges: [...r.registry.edges, ...r.resolution.edges],
      });
      expect(printed(lean), path.relative(REPO, d)).toEqual(printed(full));
    }
  }, 120_000);
});
