import { isBlocking, type Diagnostic, type OmittedFindings } from '../../common/diagnostic';
import type { RuleCategory } from '../../common/rules';
import { EXIT_FINDINGS, EXIT_OK, type CliIO } from '../io';
import { formatGithubAnnotations } from './github';
import { formatGitlabCodeQuality } from './gitlab';
import { formatJunit } from './junit';
import { formatSarif } from './sarif';

/** The `--format` values of check and pr-check. */
export const FINDINGS_FORMATS = ['text', 'json', 'sarif', 'markdown', 'github', 'gitlab', 'junit'] as const;

/** How one command shows its report for people (text) and in a pull request (markdown). */
export interface ReportFormatters<R> {
  markdown(report: R): string;
  text(report: R, colour: boolean): string;
  /** The command's name and the rule categories it does not run, for the JUnit report. */
  junit?: { command: string; skipCategories: readonly RuleCategory[] };
}

/**
 * Prints a report of findings in the format asked for (`json` is the report itself, `sarif` its
 * findings for code scanning, `github` workflow-command annotations, `gitlab` a Code Quality
 * report, `junit` a test report) and gives the exit code: 1 on errors, or on warnings with `strict`.
 */
export function printFindingsReport<R extends { diagnostics: Diagnostic[]; omitted?: OmittedFindings[] }>(io: CliIO, format: string, report: R, strict: boolean, formatters: ReportFormatters<R>): number {
  switch (format) {
    case 'json':
      io.stdout(JSON.stringify(report, null, 2) + '\n');
      break;
    case 'sarif':
      io.stdout(formatSarif(report.diagnostics, 'platform.yaml'));
      break;
    case 'github':
      io.stdout(formatGithubAnnotations(report.diagnostics));
      break;
    case 'gitlab':
      io.stdout(formatGitlabCodeQuality(report.diagnostics, 'platform.yaml'));
      break;
    case 'junit':
      io.stdout(formatJunit(report.diagnostics, { command: formatters.junit?.command ?? 'check', skipCategories: formatters.junit?.skipCategories ?? [], strict, omitted: report.omitted }));
      break;
    case 'markdown':
      io.stdout(formatters.markdown(report));
      break;
    default:
      io.stdout(formatters.text(report, io.colour));
  }
  return isBlocking(report.diagnostics, strict) ? EXIT_FINDINGS : EXIT_OK;
}
