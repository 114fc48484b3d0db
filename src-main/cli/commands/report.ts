import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../node/atomic-write';
import { capabilitiesReport } from '../../service/capabilities';
import { checkCheckoutAsync } from '../../service/load-checkout';
import { openMigrationContextAsync } from '../../service/migration-context';
import { defaultDatabase, planCheckout } from '../../service/migrations';
import { loadPermissionContext, permissionCatalog } from '../../service/permissions';
import { checkoutArg, parseArgs, stringOption } from '../args';
import { formatPlatformReport } from '../format/platform-report';
import { UsageError, type CliIO } from '../io';
import { TOOL_VERSION } from '../version';
import type { Command } from './command';

export const reportCommand: Command = {
  name: 'report',
  summary: 'a Markdown platform report for a wiki: modules by tier, load order, capabilities, permissions, migration plan',
  usage: 'mwb report [checkout] [--out FILE]   (stdout without --out; the plan is read against .workbench/dev.sqlite)',
  async run(argv: string[], io: CliIO): Promise<number> {
    const args = parseArgs(argv, { out: { value: true } }, 'report');
    const dir = checkoutArg(args, 'report', io.cwd);
    const out = stringOption(args, 'out');
    if (out === '') throw new UsageError('report: --out needs a file path');
    const { report, registry, modules } = await checkCheckoutAsync(dir);
    const ctx = await openMigrationContextAsync(dir);
    const { plan, database } = planCheckout(ctx, defaultDatabase(ctx.root));
    const text = formatPlatformReport({
      platform: registry.platform,
      check: report,
      modules,
      profiles: capabilitiesReport(dir).profiles,
      catalog: permissionCatalog(loadPermissionContext(dir)),
      plan,
      database,
      version: TOOL_VERSION,
    });
    if (out === undefined) io.stdout(text);
    else {
      const file = path.resolve(io.cwd, out);
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        writeFileAtomic(file, text);
      } catch (err) {
        throw new UsageError(`report: cannot write ${out}: ${(err as Error).message}`);
      }
      io.stderr(`wrote ${path.relative(io.cwd, file) || file}\n`);
    }
    return 0;
  },
};
