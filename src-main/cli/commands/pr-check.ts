import { isBlocking } from '../../common/diagnostic';
import { GitError, runPrCheck } from '../../service/changes';
import { checkoutArg, maxPerRuleOption, parseArgs, stringOption } from '../args';
import { formatPrCheckMarkdown, formatPrCheckText } from '../format/pr-check';
import { formatSarif } from '../format/sarif';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIO } from '../io';
import type { Command } from './command';

export const prCheckCommand: Command = {
  name: 'pr-check',
  summary: 'what the working tree changes against a base revision, and the pull-request rules',
  usage: 'mwb pr-check [checkout] [--base REV] [--strict] [--format text|json|sarif|markdown] [--max-per-rule N (default 500, 0 = all)]\n  default base: the merge base of HEAD with main, else master, else origin/HEAD',
  async run(argv: string[], io: CliIO): Promise<number> {
    const args = parseArgs(argv, { base: { value: true }, strict: {}, format: { value: true, choices: ['text', 'json', 'sarif', 'markdown'] }, 'max-per-rule': { value: true } }, 'pr-check');
    const maxPerRule = maxPerRuleOption(args);
    let report;
    try {
      report = (await runPrCheck(checkoutArg(args, 'pr-check', io.cwd), { base: stringOption(args, 'base'), maxPerRule })).report;
    } catch (err) {
      // Repository problems (not a repository, no commits, unknown or missing base) are exit 2.
      if (err instanceof GitError) throw new UsageError(err.message);
      throw err;
    }
    switch (stringOption(args, 'format') ?? 'text') {
      case 'json':
        io.stdout(JSON.stringify(report, null, 2) + '\n');
        break;
      case 'sarif':
        io.stdout(formatSarif(report.diagnostics, 'platform.yaml'));
        break;
      case 'markdown':
        io.stdout(formatPrCheckMarkdown(report));
        break;
      default:
        io.stdout(formatPrCheckText(report, io.colour));
    }
    return isBlocking(report.diagnostics, args.options.has('strict')) ? EXIT_FINDINGS : EXIT_OK;
  },
};
