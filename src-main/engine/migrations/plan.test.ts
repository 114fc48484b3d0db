import { describe, expect, it } from 'vitest';
import type { MigrationPhase } from '../../common/contract-migrations';
import { analyzeMigrationFile, parseMigrationName } from './migration-file';
import { checkMigrationSet, ledgerFindings, planMigrations, type LedgerRow, type PlannedFile } from './plan';

/** A migration from its file name and optional headers (the SQL does not matter to the planner). */
function mig(fileName: string, headers = ''): PlannedFile {
  const module = fileName.slice(0, fileName.indexOf('_'));
  const r = parseMigrationName(fileName, module);
  if (!('name' in r)) throw new Error(r.problem);
  const f = analyzeMigrationFile({ module, file: `modules/${module}/migrations/${fileName}`, scoped: false, tenantColumn: 'tenant_id' }, r.name, `${headers}SELECT 1;\n`);
  return { ...f, checksum: `sum-${r.name.id}` };
}

function applied(f: PlannedFile, checksum = f.checksum): LedgerRow {
  return { id: f.name.id, module: f.module, sequence: f.name.sequence, phase: f.name.phase as MigrationPhase, checksum, appliedAt: '2026-01-02T03:04:05.000Z', durationMs: 1 };
}

const brief = (steps: ReturnType<typeof planMigrations>) => steps.map((s) => `${s.wave} ${s.id} ${s.status}`);

describe('waves (SPEC §4)', () => {
  it('wave = max(phase rank, previous pending of the module, pending dependencies); sorted by wave, load order, sequence', () => {
    const files = [
      mig('inventory_0001_stock.expand.sql'),
      mig('inventory_0002_rename.contract.sql'),
      mig('inventory_0003_reorder.expand.sql'),
      mig('core_0001_settings.expand.sql'),
      mig('core_0002_seed.backfill.sql'),
      mig('core_0003_stats.maintenance.sql'),
    ];
    const steps = planMigrations({ order: ['core', 'inventory'], files, ledger: null, blocked: new Map() });
    expect(brief(steps)).toEqual([
      '1 core_0001_settings pending',
      '1 inventory_0001_stock pending',
      '2 core_0002_seed pending',
      '3 inventory_0002_rename pending',
      // A later expand held behind a pending contract of its module lands in the contract wave.
      '3 inventory_0003_reorder pending',
      '4 core_0003_stats pending',
    ]);
  });

  it('a cross-module -- depends: moves a step to the wave of what it depends on', () => {
    const files = [mig('orders_0001_orders.expand.sql'), mig('orders_0002_link.backfill.sql', '-- depends: payments_0002_split\n'), mig('payments_0001_tx.expand.sql'), mig('payments_0002_split.contract.sql')];
    const steps = planMigrations({ order: ['payments', 'orders'], files, ledger: null, blocked: new Map() });
    expect(brief(steps)).toEqual(['1 payments_0001_tx pending', '1 orders_0001_orders pending', '3 payments_0002_split pending', '3 orders_0002_link pending']);
  });

  it('a dependency on a module later in load order still runs first within the wave', () => {
    const files = [mig('core_0001_a.expand.sql', '-- depends: zeta_0001_b\n'), mig('zeta_0001_b.expand.sql')];
    const steps = planMigrations({ order: ['core', 'zeta'], files, ledger: null, blocked: new Map() });
    expect(brief(steps)).toEqual(['1 zeta_0001_b pending', '1 core_0001_a pending']);
  });

  it('applied dependencies do not hold anything back; applied steps come first as wave 0', () => {
    const a = mig('billing_0001_a.expand.sql');
    const b = mig('billing_0002_b.contract.sql');
    const c = mig('billing_0003_c.expand.sql');
    const steps = planMigrations({ order: ['billing'], files: [a, b, c], ledger: [applied(a), applied(b)], blocked: new Map() });
    expect(brief(steps)).toEqual(['0 billing_0001_a applied', '0 billing_0002_b applied', '1 billing_0003_c pending']);
    expect(steps[0].reason).toBe('applied 2026-01-02T03:04:05.000Z');
  });

  it('drifted steps and blocked steps; a blocked step blocks later steps of its module and its dependents', () => {
    const a = mig('billing_0001_a.expand.sql');
    const b = mig('billing_0002_b.expand.sql');
    const c = mig('billing_0003_c.backfill.sql');
    const d = mig('orders_0001_d.backfill.sql', '-- depends: billing_0002_b\n');
    const steps = planMigrations({ order: ['billing', 'orders'], files: [a, b, c, d], ledger: [applied(a, 'other')], blocked: new Map([['billing_0002_b', 'migration-phase-violation at line 3: ...']]) });
    expect(brief(steps)).toEqual(['0 billing_0001_a drifted', '1 billing_0002_b blocked', '2 billing_0003_c blocked', '2 orders_0001_d blocked']);
    expect(steps.map((s) => s.reason)).toEqual([
      'changed since it was applied 2026-01-02T03:04:05.000Z',
      'migration-phase-violation at line 3: ...',
      "an earlier migration of 'billing', billing_0002_b, is blocked",
      'it depends on billing_0002_b, which is blocked',
    ]);
  });
});

describe('blocked steps', () => {
  it('members of a depends cycle are listed in plan order (wave, load order, sequence), not after the steps that can run (issue 13 item 14)', () => {
    const files = [mig('a_0001_x.expand.sql', '-- depends: c_0001_z\n'), mig('b_0001_y.expand.sql'), mig('c_0001_z.expand.sql', '-- depends: a_0001_x\n')];
    const cycle = 'migrations wait for each other in a cycle';
    const steps = planMigrations({ order: ['a', 'b', 'c'], files, ledger: null, blocked: new Map([['a_0001_x', cycle], ['c_0001_z', cycle]]) });
    expect(brief(steps)).toEqual(['1 a_0001_x blocked', '1 b_0001_y pending', '1 c_0001_z blocked']);
  });
});

describe('checkMigrationSet', () => {
  it('reports duplicates, gaps, unknown depends (with a suggestion) and depends cycles', () => {
    const files = [
      mig('billing_0001_a.expand.sql'),
      mig('billing_0001_b.expand.sql'),
      mig('billing_0004_c.expand.sql', '-- depends: orders_0001_x\n'),
      mig('orders_0001_x.expand.sql', '-- depends: billing_0004_c\n'),
      mig('orders_0002_y.backfill.sql', '-- depends: billing_0004_d\n'),
    ];
    const d = checkMigrationSet(files);
    expect(d.map((x) => `${x.rule} ${x.file?.split('/').pop()}:${x.line}`)).toEqual([
      'migration-sequence-duplicate billing_0001_b.expand.sql:1',
      'migration-sequence-gap billing_0004_c.expand.sql:1',
      'migration-depends-unknown orders_0002_y.backfill.sql:1',
      'migration-depends-cycle orders_0001_x.expand.sql:1',
    ]);
    expect(d[1].message).toContain('0002-0003 missing');
    expect(d[2].message).toContain('did you mean billing_0004_c?');
    expect(d[3].message).toContain('billing_0004_c -> orders_0001_x -> billing_0004_c');
  });
});

describe('ledgerFindings', () => {
  it('drift, applied-missing and out-of-order', () => {
    const a = mig('billing_0001_a.expand.sql');
    const b = mig('billing_0002_b.expand.sql');
    const c = mig('billing_0003_c.expand.sql');
    const gone: LedgerRow = { id: 'billing_0009_gone', module: 'billing', sequence: 9, phase: 'expand', checksum: 'x', appliedAt: 'then', durationMs: 1 };
    const d = ledgerFindings([a, b, c], [applied(a, 'old'), applied(c), gone], new Map([['billing', 'modules/billing/migrations']]));
    expect(d.map((x) => `${x.rule} ${x.file}`)).toEqual([
      'migration-checksum-drift modules/billing/migrations/billing_0001_a.expand.sql',
      'migration-applied-missing modules/billing/migrations/billing_0009_gone.expand.sql',
      'migration-out-of-order modules/billing/migrations/billing_0002_b.expand.sql',
    ]);
  });
});
