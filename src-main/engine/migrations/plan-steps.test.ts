import { describe, expect, it } from 'vitest';
import { runToEnd } from '../slices';
import { analyzeMigrationFile, parseMigrationName } from './migration-file';
import { planMigrations, planMigrationsSliced, type LedgerRow, type PlannedFile } from './plan';
import { orderPlan, resolvePlan } from './plan-steps';

/** A small deterministic random source. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const PHASES = ['expand', 'backfill', 'contract', 'maintenance'];

/** A random set of migrations (duplicate sequences, depends headers, unknown ids, cycles), ledger, blocked steps and load order. */
function randomInput(seed: number) {
  const r = random(seed);
  const mods = Array.from({ length: 1 + Math.floor(r() * 6) }, (_, i) => `m${i}`);
  const ids = Array.from({ length: 12 }, (_, k) => `m${k % 6}_${String(1 + (k % 4)).padStart(4, '0')}_s${1 + (k % 4)}`);
  const files: PlannedFile[] = [];
  for (const m of mods) {
    for (let q = 1, n = Math.floor(r() * 5); q <= n; q++) {
      const seq = r() < 0.15 ? q - 1 || 1 : q;
      const fileName = `${m}_${String(seq).padStart(4, '0')}_s${q}.${PHASES[Math.floor(r() * 4)]}.sql`;
      const p = parseMigrationName(fileName, m);
      if (!('name' in p)) throw new Error(p.problem);
      let headers = '';
      for (let k = 0; k < 2; k++) if (r() < 0.3) headers += `-- depends: ${r() < 0.1 ? 'nope_0001_x' : ids[Math.floor(r() * ids.length)]}\n`;
      const f = analyzeMigrationFile({ module: m, file: `modules/${m}/migrations/${fileName}`, scoped: false, tenantColumn: 'tenant_id' }, p.name, `${headers}SELECT 1;\n`);
      files.push({ ...f, checksum: `c${q}` });
    }
  }
  const ledger: LedgerRow[] | null = r() < 0.5 ? null : files.filter(() => r() < 0.3).map((f) => ({ id: f.name.id, module: f.module, sequence: f.name.sequence, phase: f.name.phase, checksum: r() < 0.8 ? f.checksum : 'x', appliedAt: 't', durationMs: 1 }));
  const blocked = new Map(files.filter(() => r() < 0.1).map((f) => [f.name.id, 'why']));
  const order = mods.filter(() => r() < 0.9).sort(() => r() - 0.5);
  return { r, mods, files, ledger, blocked, order };
}

/** The same files with the modules in another order, each module's files in the order they had. */
function modulesShuffled(files: PlannedFile[], mods: string[], r: () => number): PlannedFile[] {
  return [...mods].sort(() => r() - 0.5).flatMap((m) => files.filter((f) => f.module === m));
}

describe('resolvePlan and orderPlan (the planner in two halves)', () => {
  it('a resolution sorted for any load order is the plan for that order; for the files in another order of modules too, unless a depends cycle was cut', () => {
    let reordered = 0;
    for (let seed = 1; seed < 400; seed++) {
      const { r, mods, files, ledger, blocked, order } = randomInput(seed);
      const resolved = runToEnd(resolvePlan({ files, ledger, blocked }));
      const otherOrder = [...order].sort(() => r() - 0.5);
      for (const o of [order, otherOrder]) {
        const fresh = JSON.stringify(planMigrations({ order: o, files, ledger, blocked }));
        expect(JSON.stringify(runToEnd(orderPlan(resolved, o))), String(seed)).toBe(fresh);
        if (resolved.cut) continue;
        // The session rebuilds its migration set in the new load order: the same resolution stands.
        const shuffled = modulesShuffled(files, mods, r);
        expect(JSON.stringify(runToEnd(orderPlan(resolved, o))), String(seed)).toBe(JSON.stringify(planMigrations({ order: o, files: shuffled, ledger, blocked })));
        reordered++;
      }
      // The same plan whether run at once or slice by slice.
      const sliced = planMigrationsSliced({ order, files, ledger, blocked });
      let slices = 0;
      let step = sliced.next();
      while (!step.done) {
        slices++;
        step = sliced.next();
      }
      expect(slices).toBeGreaterThan(0);
      expect(JSON.stringify(step.value)).toBe(JSON.stringify(planMigrations({ order, files, ledger, blocked })));
    }
    expect(reordered).toBeGreaterThan(100);
  });

  it('marks a resolution whose depends cycle was cut', () => {
    const mk = (fileName: string, headers: string): PlannedFile => {
      const p = parseMigrationName(fileName, fileName.slice(0, fileName.indexOf('_')));
      if (!('name' in p)) throw new Error(p.problem);
      return { ...analyzeMigrationFile({ module: p.name.module, file: fileName, scoped: false, tenantColumn: 'tenant_id' }, p.name, `${headers}SELECT 1;\n`), checksum: 'c' };
    };
    const a = mk('a_0001_x.expand.sql', '-- depends: b_0001_y\n');
    const b = mk('b_0001_y.expand.sql', '-- depends: a_0001_x\n');
    expect(runToEnd(resolvePlan({ files: [a, b], ledger: null, blocked: new Map() })).cut).toBe(true);
    expect(runToEnd(resolvePlan({ files: [a, mk('b_0001_y.expand.sql', '')], ledger: null, blocked: new Map() })).cut).toBe(false);
  });
});
