import { createHash } from 'node:crypto';
import type { Diagnostic, Severity } from '../../common/diagnostic';

/** GitLab's scale is info, minor, major, critical, blocker; errors rank above warnings in the widget. */
const SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'major' | 'minor' | 'info';
  location: { path: string; lines: { begin: number } };
}

/**
 * GitLab Code Quality report (docs.gitlab.com/ci/testing/code_quality, "Code Quality report
 * format"): a JSON array of issues. Fingerprints are stable across runs and line moves (rule,
 * module, file, message) and unique within the report, as GitLab drops issues sharing one.
 */
export function formatGitlabCodeQuality(diagnostics: readonly Diagnostic[], fallbackFile: string): string {
  const seen = new Map<string, number>();
  const issues: CodeQualityIssue[] = diagnostics.map((d) => {
    const key = `${d.rule}|${d.module ?? ''}|${d.file ?? ''}|${d.message}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return {
      description: d.message,
      check_name: d.rule,
      fingerprint: createHash('md5').update(n === 0 ? key : `${key}|${n}`).digest('hex'),
      severity: SEVERITY[d.severity],
      location: { path: d.file ?? fallbackFile, lines: { begin: d.line ?? 1 } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
