import type { TableInfo, TablesReport } from '../../common/contract-tables';
import { escapeTerminalData } from '../../common/terminal-text';
import { openMigrationContextAsync } from '../../service/migration-context';
import { openTablesReport } from '../../service/tables-requests';
import { checkoutArg, parseArgs, stringOption } from '../args';
import { columns, paint } from '../colour';
import { plural } from '../format/check-text';
import { table } from '../format/markdown';
import { EXIT_OK, type CliIO } from '../io';
import type { Command } from './command';

/** The tenant column as one word: yes, no, ? (columns unknown), - (the owner is not tenancy-scoped and has none). */
function tenantWord(t: TableInfo): string {
  if (t.tenantColumn === null) return '?';
  if (t.tenantColumn) return 'yes';
  return t.scoped ? 'MISSING' : '-';
}

function keysOf(t: TableInfo): string {
  return t.foreignKeys.map((k) => `${k.to}${k.owner && k.owner !== t.owner ? ` (${k.owner})` : ''}`).join(', ');
}

function rowsOf(r: TablesReport): string[][] {
  return r.tables.map((t) => [t.key, t.owner, t.tier, t.columns ? String(t.columns.length) : '?', tenantWord(t), keysOf(t), `${t.file}:${t.line}`]);
}

export const tablesCommand: Command = {
  name: 'tables',
  summary: 'tables by owning module: columns, foreign keys, tenant column (data isolation)',
  usage: 'mwb tables [checkout] [--format text|json|markdown]',
  async run(argv: string[], io: CliIO): Promise<number> {
    const args = parseArgs(argv, { format: { value: true, choices: ['text', 'json', 'markdown'] } }, 'tables');
    const ctx = await openMigrationContextAsync(checkoutArg(args, 'tables', io.cwd));
    const report = openTablesReport(ctx);
    const format = stringOption(args, 'format') ?? 'text';
    if (format === 'json') {
      io.stdout(JSON.stringify({ checkout: ctx.root, ...report }, null, 2) + '\n');
      return EXIT_OK;
    }
    const header = ['table', 'owner', 'tier', 'columns', report.tenantColumn, 'foreign keys', 'created'];
    if (format === 'markdown') {
      io.stdout((report.known ? table(header, rowsOf(report)) : `Tables are not known: ${report.reason}.`) + '\n');
      return EXIT_OK;
    }
    const p = paint(io.colour);
    const safe = escapeTerminalData(report);
    if (!safe.known) {
      io.stdout(`Tables are not known: ${safe.reason}.\n`);
      return EXIT_OK;
    }
    const lines = columns([header.map((h) => p.dim(h.toUpperCase())), ...rowsOf(safe).map((r) => r.map((c, i) => (i === 4 && c === 'MISSING' ? p.red(c) : i === 6 ? p.dim(c) : c)))]);
    const owners = new Set(safe.tables.map((t) => t.owner)).size;
    const findings = safe.diagnostics.length > 0 ? `; ${plural(safe.diagnostics.length, 'data-isolation finding')} (mwb check lists them)` : '';
    io.stdout(`${lines.join('\n')}\n\n${plural(safe.tables.length, 'table')} owned by ${plural(owners, 'module')}, naming: ${safe.naming}${findings}\n`);
    return EXIT_OK;
  },
};
