import type { RuleId } from './rules';

/** How much a finding matters: `error` blocks CI, `warning` blocks with --strict, `info` never blocks. */
export type Severity = 'error' | 'warning' | 'info';

/** A place a diagnostic points to besides its own. Paths are checkout-relative with `/`. */
export interface RelatedLocation {
  message: string;
  module?: string;
  file?: string;
  line?: number;
  column?: number;
}

/** The one finding type shared by the engine, the CLI, the server and the UI. Lines and columns are 1-based. */
export interface Diagnostic {
  rule: RuleId;
  severity: Severity;
  message: string;
  module?: string;
  file?: string;
  line?: number;
  column?: number;
  related?: RelatedLocation[];
}

/** A diagnostic that a waiver in platform.yaml silenced, kept so that nothing disappears without trace. */
export interface WaivedDiagnostic extends Diagnostic {
  waiver: { reason: string; file: string; line: number };
}

export interface DiagnosticSummary {
  errors: number;
  warnings: number;
  infos: number;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function summarize(diagnostics: readonly Diagnostic[]): DiagnosticSummary {
  const summary: DiagnosticSummary = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diagnostics) {
    if (d.severity === 'error') summary.errors++;
    else if (d.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}

/** Whether these findings should fail a CI run. */
export function isBlocking(diagnostics: readonly Diagnostic[], strict: boolean): boolean {
  return diagnostics.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
}

function compareOptional<T extends string | number>(a: T | undefined, b: T | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

/** Total order used everywhere diagnostics are listed, so that output is byte-identical run to run. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareOptional(a.file, b.file) ||
    compareOptional(a.line, b.line) ||
    compareOptional(a.column, b.column) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareOptional(a.rule, b.rule) ||
    compareOptional(a.module, b.module) ||
    compareOptional(a.message, b.message)
  );
}
