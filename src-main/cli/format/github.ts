import type { Diagnostic, Severity } from '../../common/diagnostic';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** Workflow-command data: `%`, CR and LF are percent-encoded (the runner decodes them back). */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property values: as data, plus `:` and `,`, which delimit properties. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands (`::error file=..,line=..,col=..,title=..::message`), one per
 * finding: the runner turns them into annotations on the pull request's changed lines. Properties
 * come in @actions/core's order (title, file, line, col) so its output and ours compare byte for byte.
 */
export function formatGithubAnnotations(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props: [string, string | number | undefined][] = [
        ['title', d.rule],
        ['file', d.file],
        ['line', d.file ? d.line : undefined],
        ['col', d.file ? d.column : undefined],
      ];
      const list = props.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${escapeCommandProperty(String(v))}`);
      return `::${COMMAND[d.severity]} ${list.join(',')}::${escapeCommandData(d.message)}\n`;
    })
    .join('');
}
