/**
 * Issue 16: the Migrations plan a watched session prepares when idle. After a check that changed
 * nothing the plan reads (a route's permission, a dependency that moves no module) the plan is kept
 * whole; after one that moved modules in the load order its steps are sorted again, not worked out
 * again; either way what is served equals a fresh planCheckout. The planning runs in slices, so an
 * edit arriving meanwhile is answered before the plan is made (and the plan, of no use after it, is
 * given up). Real files, real SQLite ledger, real watcher; no time is asserted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationsView } from '../src-main/common/contract-migrations';
import type { WorkbenchSnapshot } from '../src-main/common/contract';
import { planMigrations } from '../src-main/engine/migrations/plan';
import { openMigrationContext } from '../src-main/service/migration-context';
import { defaultDatabase, planCheckout } from '../src-main/service/migrations';
import { MigrationRequests } from '../src-main/service/migrations-requests';
import { WorkbenchSession } from '../src-main/service/session';
import { sha256 } from '../src-main/node/atomic-write';
import { REPO } from './helpers/checkout';

const sessions: WorkbenchSession[] = [];
const temps: string[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});

async function platform(n: number): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-plan-slices-'));
  temps.push(dir);
  const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
  generatePlatform(dir, n, { seed: 11 });
  return dir;
}

/** A session as the service holds it, and the Migrations view's requests over it (`onSlice` counts the planner's slices). */
async function open(dir: string, onSlice: () => void = () => undefined) {
  const session = new WorkbenchSession({ emit: () => undefined, watch: true });
  sessions.push(session);
  await session.open(dir);
  // Its reads stay those of a watched session (kept until invalidated), but no watcher reports come
  // in the middle of a test: every edit goes through the session (a save, writeAndRecheck).
  session.close();
  const requests = new MigrationRequests(session, () => undefined, { sliceMs: 0, onSlice });
  return { session, requests };
}

/** What a fresh plan of the checkout as it is on disk gives: steps, findings and the applied steps' columns. */
function fresh(dir: string): string {
  const ctx = openMigrationContext(dir);
  const { plan, set } = planCheckout(ctx, defaultDatabase(dir));
  const done = new Set(plan.steps.filter((s) => s.status === 'applied' || s.status === 'drifted').map((s) => s.id));
  const columns: Record<string, number> = {};
  if (done.size > 0) for (const s of planMigrations({ order: ctx.registry.order, files: set.files, ledger: null, blocked: new Map() })) if (done.has(s.id)) columns[s.id] = s.wave;
  return JSON.stringify({ steps: plan.steps, diagnostics: plan.diagnostics, order: ctx.registry.order, columns });
}
const served = (view: MigrationsView) => JSON.stringify({ steps: view.steps, diagnostics: view.diagnostics, order: view.order, columns: view.columns });

/** Saves a manifest through the session, as the editor does. */
async function save(session: WorkbenchSession, dir: string, rel: string, change: (text: string) => string): Promise<WorkbenchSnapshot> {
  const text = fs.readFileSync(path.join(dir, rel), 'utf8');
  const result = await session.saveFile(rel, change(text), sha256(Buffer.from(text, 'utf8')));
  expect(result.status).toBe('saved');
  return session.current();
}

describe('the Migrations plan after a check of the session', () => {
  it('is kept whole when the check changed nothing it reads, sorted again when modules moved, planned anew when a migration changed; always what a fresh plan gives', async () => {
    const dir = await platform(40);
    const { session, requests } = await open(dir);
    // Some steps applied, so the view's columns (the empty database's waves) are part of it.
    await requests.run('apply', 'expand');
    const first = await requests.plan();
    const summary = await requests.summary();
    expect(first.steps.some((s) => s.status === 'applied')).toBe(true);
    expect(Object.keys(first.columns).length).toBeGreaterThan(0);
    expect(served(first)).toBe(fresh(dir));

    const order = session.current().order;
    const manifestOf = (m: string) => `modules/${m}/module.yaml`;
    // A route's permission: the checks run (the registry is kept), the plan reads nothing of it.
    const early = order[1];
    const routed = await save(session, dir, manifestOf(early), (t) => {
      const declared = [...t.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]);
      return t.replace(/^( {4}permission: )(\S+)$/m, (_, head: string, id: string) => `${head}${declared[(declared.indexOf(id) + 1) % declared.length]}`);
    });
    expect(routed.stats.reused).toContain('registry');
    expect(await requests.summary()).toBe(summary);
    expect(served(await requests.plan())).toBe(fresh(dir));

    // A dependency that moves a module: the early module now needs the last one, so it loads after it.
    const last = [...order].reverse().find((m) => /^dependencies:\n {2}- "?core[^\n]*\n(?! {2}-)/m.test(fs.readFileSync(path.join(dir, manifestOf(m)), 'utf8'))) as string;
    const moved = await save(session, dir, manifestOf(early), (t) => t.replace(/^dependencies:\n/m, `dependencies:\n  - ${last}\n`));
    expect(moved.order.indexOf(early)).toBeGreaterThan(moved.order.indexOf(last));
    const resorted = await requests.plan();
    expect(served(resorted)).toBe(fresh(dir));
    expect(resorted.steps.map((s) => s.id)).not.toEqual(first.steps.map((s) => s.id));
    expect((await requests.summary()).id).not.toBe(summary.id);
    // Each step was worked out once: the objects of the plan before, in another order.
    const before = new Map(first.steps.map((s) => [s.id, s]));
    expect(resorted.steps.every((s) => before.get(s.id) === s)).toBe(true);

    // A migration edited: planned anew.
    const migrations = path.join(dir, 'modules', last, 'migrations');
    const file = fs.readdirSync(migrations).find((f) => f.endsWith('.contract.sql')) as string;
    fs.appendFileSync(path.join(migrations, file), '\nDROP TABLE gone_for_good;\n');
    await session.writeAndRecheck(() => ({ result: null, changed: [`modules/${last}/migrations/${file}`] }));
    const replanned = await requests.plan();
    expect(served(replanned)).toBe(fresh(dir));
    expect(replanned.steps.find((s) => s.id === file.replace(/\.contract\.sql$/, ''))).not.toBe(before.get(file.replace(/\.contract\.sql$/, '')));
  }, 120_000);

  it('is planned in slices: an edit arriving while it is prepared is answered first, and the plan made for the check before it is given up', async () => {
    const dir = await platform(40);
    let slices = 0;
    const events: string[] = [];
    let edited: Promise<unknown> | null = null;
    const { session, requests } = await open(dir, () => {
      slices++;
      // The first slice of the idle planning: the editor saves a dependency (the checks run).
      if (slices === 1) edited = save(session, dir, 'modules/core/module.yaml', (t) => t.replace(/^description: .*$/m, 'description: "Core, edited"\nunknown_key: 1')).then(() => events.push('edit answered'));
    });
    await requests.warm();
    events.push('idle planning ended');
    await edited;
    expect(events).toEqual(['edit answered', 'idle planning ended']);
    // Given up after the slice it was in: the plan held now is made for the edit's check.
    const given = slices;
    expect(given).toBe(1);
    const plan = await requests.plan();
    expect(slices).toBeGreaterThan(given + 3);
    expect(served(plan)).toBe(fresh(dir));

    // A request for the plan while it is prepared waits for that work instead of planning again:
    // a migration edited (planned anew), the idle planning started, the view's request comes.
    const full = slices - given;
    const sql = fs.readdirSync(path.join(dir, 'modules/core/migrations')).sort()[0];
    fs.appendFileSync(path.join(dir, 'modules/core/migrations', sql), '\nDROP TABLE gone_for_good;\n');
    await session.writeAndRecheck(() => ({ result: null, changed: [`modules/core/migrations/${sql}`] }));
    const counted = slices;
    const [, summary] = await Promise.all([requests.warm(), requests.summary()]);
    expect(slices - counted).toBe(full);
    expect(await requests.summary()).toBe(summary);
    expect(served(await requests.plan())).toBe(fresh(dir));
    expect(summary.counts.blocked).toBeGreaterThan(0);
  }, 120_000);
});
