import type { Diagnostic, WaivedDiagnostic } from '../../common/diagnostic';
import { isRuleId } from '../../common/rules';
import type { HeaderWaiver } from './migration-file';

/**
 * Applies `-- waiver: <rule> <reason>` headers: a header silences that rule's findings in its own
 * file. Waived findings are kept (with the header as the waiver), and a header that silences
 * nothing, or names no rule, is reported as waiver-stale at its line, like a stale waiver in
 * platform.yaml.
 */
export function applyFileWaivers(diagnostics: readonly Diagnostic[], waivers: ReadonlyMap<string, readonly HeaderWaiver[]>, moduleOf: ReadonlyMap<string, string>): { kept: Diagnostic[]; waived: WaivedDiagnostic[] } {
  if (waivers.size === 0) return { kept: [...diagnostics], waived: [] };
  const used = new Set<HeaderWaiver>();
  const kept: Diagnostic[] = [];
  const waived: WaivedDiagnostic[] = [];
  for (const d of diagnostics) {
    const w = d.file !== undefined ? waivers.get(d.file)?.find((x) => x.rule === d.rule) : undefined;
    if (!w) {
      kept.push(d);
      continue;
    }
    used.add(w);
    waived.push({ ...d, waiver: { reason: w.reason, file: d.file as string, line: w.line } });
  }
  for (const [file, list] of waivers) {
    for (const w of list) {
      if (used.has(w)) continue;
      const message = isRuleId(w.rule) ? `waiver for ${w.rule} in this file matches no finding; remove it` : `waiver names '${w.rule}', which is not a rule id (see docs/rules/README.md)`;
      const d: Diagnostic = { rule: 'waiver-stale', severity: 'warning', message, file, line: w.line, column: w.column };
      const module = moduleOf.get(file);
      if (module !== undefined) d.module = module;
      kept.push(d);
    }
  }
  return { kept, waived };
}
