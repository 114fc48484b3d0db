import { isBlocking } from '../../common/diagnostic';
import { checkCheckoutAsync } from '../../service/load-checkout';
import { checkoutArg, maxPerRuleOption, parseArgs, stringOption } from '../args';
import { formatCheckText } from '../format/check-text';
import { formatCheckMarkdown } from '../format/markdown';
import { formatSarif } from '../format/sarif';
import { EXIT_FINDINGS, EXIT_OK, type CliIO } from '../io';
import type { Command } from './command';

export const checkCommand: Command = {
  name: 'check',
  summary: 'run every rule; exit 1 on errors (or warnings with --strict)',
  usage: 'mwb check [checkout] [--profile P] [--strict] [--format text|json|sarif|markdown] [--max-per-rule N (default 500, 0 = all)]',
  async run(argv: string[], io: CliIO): Promise<number> {
    const args = parseArgs(argv, { profile: { value: true }, strict: {}, format: { value: true, choices: ['text', 'json', 'sarif', 'markdown'] }, 'max-per-rule': { value: true } }, 'check');
    const result = await checkCheckoutAsync(checkoutArg(args, 'check', io.cwd), stringOption(args, 'profile'), maxPerRuleOption(args));
    const report = result.report;
    switch (stringOption(args, 'format') ?? 'text') {
      case 'json':
        io.stdout(JSON.stringify(report, null, 2) + '\n');
        break;
      case 'sarif':
        io.stdout(formatSarif(report.diagnostics, 'platform.yaml'));
        break;
      case 'markdown':
        io.stdout(formatCheckMarkdown(report));
        break;
      default:
        io.stdout(formatCheckText(report, io.colour));
    }
    return isBlocking(report.diagnostics, args.options.has('strict')) ? EXIT_FINDINGS : EXIT_OK;
  },
};
