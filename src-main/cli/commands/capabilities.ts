import { escapeTerminalData } from '../../common/terminal-text';
import { capabilitiesReport } from '../../service/capabilities';
import { checkoutArg, parseArgs, stringOption } from '../args';
import { paint } from '../colour';
import { table } from '../format/markdown';
import { EXIT_FINDINGS, EXIT_OK, type CliIO } from '../io';
import type { Command } from './command';

export const capabilitiesCommand: Command = {
  name: 'capabilities',
  summary: 'per profile: required, provided, missing, blocked modules',
  usage: 'mwb capabilities [checkout] [--profile P] [--format text|json|markdown]',
  run(argv: string[], io: CliIO): number {
    const args = parseArgs(argv, { profile: { value: true }, format: { value: true, choices: ['text', 'json', 'markdown'] } }, 'capabilities');
    const raw = capabilitiesReport(checkoutArg(args, 'capabilities', io.cwd), stringOption(args, 'profile'));
    const report = stringOption(args, 'format') === 'json' ? raw : escapeTerminalData(raw);
    const failing = report.profiles.some((p) => p.missing.length > 0 || p.required.some((r) => r.state === 'version-mismatch'));
    const format = stringOption(args, 'format') ?? 'text';
    if (format === 'json') {
      io.stdout(JSON.stringify(report, null, 2) + '\n');
      return failing ? EXIT_FINDINGS : EXIT_OK;
    }
    const out: string[] = [];
    const p = paint(io.colour && format === 'text');
    for (const prof of report.profiles) {
      const title = `profile ${prof.profile}${prof.isDefault ? ' (default)' : ''}`;
      const provided = prof.provided.map((c) => [c.capability, c.version ?? '', c.by]);
      const required = prof.required.map((r) => [r.module, `${r.capability}${r.range ? ` ${r.range}` : ''}`, r.state]);
      if (format === 'markdown') {
        out.push(`## ${title}`, '', '### Provided', '', table(['capability', 'version', 'provided by'], provided), '');
        out.push('### Required', '', table(['module', 'requires', 'state'], required), '');
        if (prof.missing.length) out.push('### Missing', '', table(['capability', 'required by', 'blocks'], prof.missing.map((m) => [m.capability, m.requiredBy.join(', '), m.blocks.join(', ')])), '');
        if (prof.blocked.length) out.push('### Cannot load', '', table(['module', 'why'], prof.blocked.map((b) => [b.module, why(b.causes)])), '');
        continue;
      }
      out.push(p.bold(title));
      out.push(`  provided (${provided.length}): ${provided.map(([c, v, by]) => `${c}${v ? ` ${v}` : ''} ${p.dim(`(${by})`)}`).join(', ') || 'none'}`);
      out.push(`  required (${required.length}): ${prof.required.filter((r) => r.state === 'ok').length} satisfied`);
      if (prof.missing.length === 0) out.push(`  missing: ${p.green('none')}`);
      for (const m of prof.missing) out.push(`  ${p.red('missing')} ${m.capability}: required by ${m.requiredBy.join(', ')}; blocks ${m.blocks.join(', ')}`);
      for (const r of prof.required.filter((x) => x.state === 'version-mismatch')) out.push(`  ${p.red('version mismatch')} ${r.module} requires ${r.capability} ${r.range}`);
      for (const b of prof.blocked) out.push(`  ${p.yellow(b.status)} ${b.module}: ${why(b.causes)}`);
      out.push('');
    }
    io.stdout(out.join('\n'));
    return failing ? EXIT_FINDINGS : EXIT_OK;
  },
};

/** Every cause of a blocked module, each as its chain down to the root reason. */
function why(causes: { reason: string }[][]): string {
  return causes.map((chain) => chain.map((r) => r.reason).join(' ← ')).join('; ');
}
