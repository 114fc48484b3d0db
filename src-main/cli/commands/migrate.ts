import { MIGRATION_PHASES, type MigrationPhase, type MigrationRun } from '../../common/contract-migrations';
import { isBlocking } from '../../common/diagnostic';
import { escapeTerminalText } from '../../common/terminal-text';
import { LedgerError, LockedError } from '../../node/dev-database';
import type { AnalysisContext } from '../../service/analysis';
import { openMigrationContextAsync } from '../../service/migration-context';
import { resolveDatabase, planDatabase, TargetError } from '../../service/migration-targets';
import type { DatabaseChoice } from '../../service/migrations';
import { runMigrations, runToEnd } from '../../service/migrations-run';
import { checkoutArg, parseArgs, stringOption } from '../args';
import { paint } from '../colour';
import { formatPlanMarkdown, formatPlanText, formatRunText, formatStepLine } from '../format/migrate-text';
import { formatSarif } from '../format/sarif';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from '../io';
import type { Command } from './command';
import { migrateAdapted } from './migrate-updates';

const ACTIONS = ['plan', 'preflight', 'apply'] as const;
type Action = (typeof ACTIONS)[number];

const USAGE = [
  'mwb migrate plan|preflight|apply [checkout] [--phase expand|backfill|contract|maintenance] [--db PATH|URL|NAME] [--yes] [--scratch-clone] [--format text|json]',
  '',
  '  plan       the ordered steps (waves) with status applied / pending / drifted / blocked; no writes',
  '             (--format also sarif or markdown: the findings, a table for a pull request)',
  '  preflight  every selected step run against an in-memory copy of the database (PostgreSQL: inside',
  "             one transaction that is rolled back); reports the database's error with file and line;",
  '             the database is not changed',
  '  apply      each migration and its ledger row in one transaction; stops at the first failure.',
  '             The contract and maintenance waves run only with --yes (a maintenance window).',
  '',
  '  --phase P  select one wave (expand 1, backfill 2, contract 3, maintenance 4); preflight and',
  '             apply refuse (exit 1, naming them) while an earlier pending migration it needs is',
  '             outside the wave: within a module a migration never runs before a lower sequence',
  '  --db PATH  the SQLite database (default: .workbench/dev.sqlite in the checkout)',
  '  --db URL   a PostgreSQL database, postgres://user:password@host:port/db (the password is never',
  '             printed; prefer a named connection, so it stays out of your shell history)',
  "  --db NAME  a connection of platform.yaml's database.connections: its connection string is read",
  '             from the environment variable it names',
  '  --scratch-clone  preflight on PostgreSQL only: run the steps for real (each migration in its own',
  '             transaction, CONCURRENTLY statements too) in a scratch database created from the target',
  '             with CREATE DATABASE ... TEMPLATE, dropped afterwards, also on failure. Needs the CREATEDB',
  '             right and no other session on the target; the target and its ledger are not written',
].join('\n');

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'plan, preflight or apply the migrations (waves of expand/backfill/contract/maintenance)',
  usage: USAGE,
  async run(argv: string[], io: CliIO): Promise<number> {
    const [action, ...rest] = argv;
    if (!ACTIONS.includes(action as Action)) {
      throw new UsageError(`migrate: expected plan, preflight or apply${action ? ` (got '${action}')` : ''}. Try 'mwb migrate --help'.`);
    }
    const formats = action === 'plan' ? ['text', 'json', 'sarif', 'markdown'] : ['text', 'json'];
    const spec = { phase: { value: true, choices: MIGRATION_PHASES }, db: { value: true }, format: { value: true, choices: formats }, ...(action === 'apply' ? { yes: {} } : {}), ...(action === 'preflight' ? { 'scratch-clone': {} } : {}) };
    const args = parseArgs(rest, spec, `migrate ${action}`);
    const phase = stringOption(args, 'phase') as MigrationPhase | undefined;
    const format = stringOption(args, 'format') ?? 'text';
    const dbOption = stringOption(args, 'db');
    if (dbOption === '') throw new UsageError('migrate: --db needs a file path');
    const ctx = await openMigrationContextAsync(checkoutArg(args, `migrate ${action}`, io.cwd));
    // A checkout an adapter read (Drupal) has its own updates, never run here.
    if (ctx.adapted) return migrateAdapted(action, { ...ctx, adapted: ctx.adapted }, format, io);
    try {
      const db = resolveDatabase(ctx.root, ctx.registry.platform, dbOption, io.cwd);
      if (action === 'plan') {
        const { plan, database } = await planDatabase(ctx, db, phase);
        if (format === 'json') io.stdout(JSON.stringify(plan, null, 2) + '\n');
        else if (format === 'sarif') io.stdout(formatSarif(plan.diagnostics, 'platform.yaml'));
        else if (format === 'markdown') io.stdout(formatPlanMarkdown(plan, database));
        else io.stdout(formatPlanText(plan, database, io.colour));
        const blocked = plan.steps.some((s) => s.status === 'blocked' || s.status === 'drifted');
        return isBlocking(plan.diagnostics, false) || blocked ? EXIT_FINDINGS : EXIT_OK;
      }
      const scratchClone = args.options.has('scratch-clone');
      if (scratchClone && !db.postgres) throw new UsageError('migrate preflight: --scratch-clone needs a PostgreSQL target (--db URL or a connection name); a SQLite preflight already runs on an in-memory copy');
      const run = await execute(action as 'preflight' | 'apply', ctx, db, phase, { yes: args.options.has('yes'), scratchClone }, format, io);
      if (format === 'json') io.stdout(JSON.stringify(run, null, 2) + '\n');
      else io.stdout(formatRunText(run, io.colour, action === 'apply'));
      if (!run.ok) return EXIT_FINDINGS;
      return action === 'preflight' && isBlocking(run.diagnostics, false) ? EXIT_FINDINGS : EXIT_OK;
    } catch (err) {
      if (err instanceof LockedError || err instanceof LedgerError || err instanceof TargetError) {
        io.stderr(`mwb migrate ${action}: ${err.message}\n`);
        return EXIT_USAGE;
      }
      throw err;
    }
  },
};

/** Runs preflight or apply; apply prints each step as it starts and ends (text format). */
async function execute(command: 'preflight' | 'apply', ctx: AnalysisContext, db: DatabaseChoice, phase: MigrationPhase | undefined, flags: { yes: boolean; scratchClone: boolean }, format: string, io: CliIO): Promise<MigrationRun> {
  const { yes } = flags;
  const gen = runMigrations(ctx, db, { command, phase, yes, scratchClone: flags.scratchClone });
  const live = command === 'apply' && format === 'text';
  const p = paint(io.colour);
  const display = escapeTerminalText(db.display);
  let headed = false;
  let open = false;
  const run = await runToEnd(gen, (progress) => {
    if (!live) return;
    if (!headed) {
      io.stdout(`${p.bold(`Apply to ${display}`)}${yes ? ' (with --yes: contract and maintenance waves included)' : ''}\n\n`);
      headed = true;
    }
    if (progress.current) {
      io.stdout(`  ${escapeTerminalText(progress.current)} … `);
      open = true;
    } else if (progress.last) {
      const outcome = progress.last.outcome;
      if (open) io.stdout(`${outcome}\n`);
      else if (outcome === 'blocked' || outcome === 'skipped') io.stdout(`  ${escapeTerminalText(progress.last.id)} … ${outcome}\n`);
      open = false;
    }
  });
  if (live) {
    // A run that stopped before its first step (a --phase refusal, a ledger mismatch) says why below.
    if (!headed) io.stdout(`${p.bold(`Apply to ${display}`)}\n\n${run.steps.length === 0 ? '  nothing to apply: no pending migration is selected\n' : ''}`);
    for (const s of run.steps.filter((x) => x.outcome === 'failed' || x.outcome === 'blocked' || x.outcome === 'skipped')) io.stdout(`  ${escapeTerminalText(s.id)}: ${formatStepLine(s, p)}\n`);
    const held = run.steps.filter((x) => x.outcome === 'not-run');
    if (held.length > 0) io.stdout(`  not run: ${held.map((x) => escapeTerminalText(x.id)).join(', ')}\n`);
    io.stdout('\n');
  }
  return run;
}
