import type { Diagnostic } from '../../common/diagnostic';
import { ruleInfo, type RuleId } from '../../common/rules';

/** A finding of the migration planner, with the rule's catalogue severity. */
export function finding(rule: RuleId, message: string, at: { module?: string; file?: string; line?: number; column?: number }): Diagnostic {
  const d: Diagnostic = { rule, severity: ruleInfo(rule).severity, message };
  if (at.module !== undefined) d.module = at.module;
  if (at.file !== undefined) d.file = at.file;
  if (at.line !== undefined) d.line = at.line;
  if (at.column !== undefined) d.column = at.column;
  return d;
}
