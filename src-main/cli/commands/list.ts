import { resolveCheckoutAsync } from '../../service/load-checkout';
import { escapeTerminalData } from '../../common/terminal-text';
import { adapterLabel } from '../../service/adapted-checkout';
import { checkoutArg, parseArgs, stringOption } from '../args';
import { columns, paint } from '../colour';
import { plural } from '../format/check-text';
import { table } from '../format/markdown';
import { EXIT_OK, type CliIO } from '../io';
import type { Command } from './command';

export const listCommand: Command = {
  name: 'list',
  summary: 'modules in load order: name, version, tier, status',
  usage: 'mwb list [checkout] [--profile P] [--format text|json|markdown]',
  async run(argv: string[], io: CliIO): Promise<number> {
    const args = parseArgs(argv, { profile: { value: true }, format: { value: true, choices: ['text', 'json', 'markdown'] } }, 'list');
    const { report, modules, registry } = await resolveCheckoutAsync(checkoutArg(args, 'list', io.cwd), stringOption(args, 'profile'));
    const format = stringOption(args, 'format') ?? 'text';
    if (format === 'json') {
      const out = {
        checkout: report.checkout,
        profile: report.profile,
        kind: registry.platform.kind ?? 'native',
        modules: modules.map((m, i) => ({ position: i + 1, name: m.name, version: m.version, tier: m.tier, path: m.path, status: m.status, ...(m.blockedBy.length ? { reason: m.blockedBy[0].reason } : {}) })),
      };
      io.stdout(JSON.stringify(out, null, 2) + '\n');
      return EXIT_OK;
    }
    const rows = modules.map((m, i) => [String(i + 1), m.name, m.version ?? '?', m.tier, m.status, m.blockedBy[0]?.reason ?? '']);
    if (format === 'markdown') {
      io.stdout(table(['#', 'module', 'version', 'tier', 'status', 'reason'], rows) + '\n');
      return EXIT_OK;
    }
    const p = paint(io.colour);
    const text = escapeTerminalData({ rows, profile: report.profile });
    const status = (s: string) => (s === 'ok' ? p.green(s) : s === 'blocked' ? p.yellow(s) : p.red(s));
    const lines = columns([['#', 'MODULE', 'VERSION', 'TIER', 'STATUS', ''].map((h) => p.dim(h)), ...text.rows.map((r) => [r[0], r[1], r[2], r[3], status(r[4]), p.dim(r[5])])]);
    io.stdout(lines.join('\n') + `\n\n${plural(modules.length, 'module')} in load order, profile ${text.profile}, read by the ${adapterLabel(registry.platform.kind)} adapter\n`);
    return EXIT_OK;
  },
};
