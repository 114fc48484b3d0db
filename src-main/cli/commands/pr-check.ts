import { GitError, runPrCheck } from '../../service/changes';
import { checkoutArg, maxPerRuleOption, parseArgs, stringOption } from '../args';
import { formatPrCheckMarkdown, formatPrCheckText } from '../format/pr-check';
import { FINDINGS_FORMATS, printFindingsReport } from '../format/findings-report';
import { UsageError, type CliIO } from '../io';
import type { Command } from './command';

export const prCheckCommand: Command = {
  name: 'pr-check',
  summary: 'what the working tree changes against a base revision, and the pull-request rules',
  usage: 'mwb pr-check [checkout] [--base REV] [--strict] [--format text|json|sarif|markdown|github|gitlab|junit] [--max-per-rule N (default 500, 0 = all)]\n  default base: the merge base of HEAD with main, else master, else origin/HEAD',
  async run(argv: string[], io: CliIO): Promise<number> {
    const args = parseArgs(argv, { base: { value: true }, strict: {}, format: { value: true, choices: FINDINGS_FORMATS }, 'max-per-rule': { value: true } }, 'pr-check');
    const maxPerRule = maxPerRuleOption(args);
    let report;
    try {
      report = (await runPrCheck(checkoutArg(args, 'pr-check', io.cwd), { base: stringOption(args, 'base'), maxPerRule })).report;
    } catch (err) {
      // Repository problems (not a repository, no commits, unknown or missing base) are exit 2.
      if (err instanceof GitError) throw new UsageError(err.message);
      throw err;
    }
    return printFindingsReport(io, stringOption(args, 'format') ?? 'text', report, args.options.has('strict'), { markdown: formatPrCheckMarkdown, text: formatPrCheckText, junit: { command: 'pr-check', skipCategories: [] } });
  },
};
