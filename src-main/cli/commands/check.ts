import { checkCheckoutAsync } from '../../service/load-checkout';
import { CHECK_OPTIONS } from './check-options';
import { checkoutArg, maxPerRuleOption, parseArgs, stringOption } from '../args';
import { formatCheckText } from '../format/check-text';
import { formatCheckMarkdown } from '../format/markdown';
import { FINDINGS_FORMATS, printFindingsReport } from '../format/findings-report';
import type { CliIO } from '../io';
import type { Command } from './command';

export const checkCommand: Command = {
  name: 'check',
  summary: 'run every rule; exit 1 on errors (or warnings with --strict)',
  usage: 'mwb check [checkout] [--profile P] [--strict] [--format text|json|sarif|markdown|github|gitlab|junit] [--max-per-rule N (default 500, 0 = all)]',
  async run(argv: string[], io: CliIO): Promise<number> {
    const args = parseArgs(argv, { ...CHECK_OPTIONS, format: { ...CHECK_OPTIONS.format, choices: FINDINGS_FORMATS } }, 'check');
    const result = await checkCheckoutAsync(checkoutArg(args, 'check', io.cwd), stringOption(args, 'profile'), maxPerRuleOption(args));
    return printFindingsReport(io, stringOption(args, 'format') ?? 'text', result.report, args.options.has('strict'), { markdown: formatCheckMarkdown, text: formatCheckText, junit: { command: 'check', skipCategories: ['pr'] } });
  },
};
