import { isBlocking, type Diagnostic } from '../../common/diagnostic';
import { EXIT_FINDINGS, EXIT_OK, type CliIO } from '../io';
import { formatSarif } from './sarif';

/** How one command shows its report for people (text) and in a pull request (markdown). */
export interface ReportFormatters<R> {
  markdown(report: R): string;
  text(report: R, colour: boolean): string;
}

/**
 * Prints a report of findings in the format asked for (`json` is the report itself, `sarif` its
 * findings for code scanning) and gives the exit code: 1 on errors, or on warnings with `strict`.
 */
export function printFindingsReport<R extends { diagnostics: Diagnostic[] }>(io: CliIO, format: string, report: R, strict: boolean, formatters: ReportFormatters<R>): number {
  switch (format) {
    case 'json':
      io.stdout(JSON.stringify(report, null, 2) + '\n');
      break;
    case 'sarif':
      io.stdout(formatSarif(report.diagnostics, 'platform.yaml'));
      break;
    case 'markdown':
      io.stdout(formatters.markdown(report));
      break;
    default:
      io.stdout(formatters.text(report, io.colour));
  }
  return isBlocking(report.diagnostics, strict) ? EXIT_FINDINGS : EXIT_OK;
}
