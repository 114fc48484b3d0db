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

/**
 * Findings listed per rule at most, by default: a checkout with 40,000 copies of one mistake gets
 * the first 500 and a count of the rest, rather than a report nobody can read or a UI that stalls.
 * Summaries and exit codes always count every finding. 0 means no cap.
 */
export const DEFAULT_MAX_PER_RULE = 500;

export interface OmittedFindings {
  rule: string;
  /** Findings of this rule not listed (beyond the cap). */
  count: number;
}

/** Keeps the first `max` findings of each rule (in the given order); counts the rest. */
export function capPerRule<T extends Diagnostic>(diagnostics: readonly T[], max: number): { listed: T[]; omitted: OmittedFindings[] } {
  if (!(max > 0)) return { listed: [...diagnostics], omitted: [] };
  const seen = new Map<string, number>();
  const listed: T[] = [];
  for (const d of diagnostics) {
    const n = (seen.get(d.rule) ?? 0) + 1;
    seen.set(d.rule, n);
    if (n <= max) listed.push(d);
  }
  const omitted = [...seen].filter(([, n]) => n > max).map(([rule, n]) => ({ rule, count: n - max }));
  omitted.sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  return { listed, omitted };
}
