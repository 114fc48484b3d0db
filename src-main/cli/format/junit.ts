import type { Diagnostic, OmittedFindings } from '../../common/diagnostic';
import { RULE_IDS, ruleDocPath, ruleInfo, type RuleCategory, type RuleId } from '../../common/rules';

/** XML 1.0 cannot carry C0 controls other than tab, LF and CR, not even as entities: show them as \u{..}. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

function where(d: Diagnostic): string {
  return d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}` : d.module ? `module ${d.module}` : 'platform';
}

export interface JunitOptions {
  /** The command, as the report's name: `check` or `pr-check`. */
  command: string;
  /** Warnings fail too (`--strict`). */
  strict: boolean;
  /** Rule categories this command does not run (check does not run the pull-request rules). */
  skipCategories: readonly RuleCategory[];
  omitted?: readonly OmittedFindings[];
}

/**
 * JUnit XML test report: one test suite per rule category, one test case per active rule. A rule
 * with blocking findings (errors, or warnings with --strict) is a failure listing them; findings
 * that do not block go to the case's system-out, so a clean run shows every rule as passed.
 */
export function formatJunit(diagnostics: readonly Diagnostic[], options: JunitOptions): string {
  const byRule = new Map<RuleId, Diagnostic[]>();
  for (const d of diagnostics) byRule.set(d.rule, [...(byRule.get(d.rule) ?? []), d]);
  const omitted = new Map((options.omitted ?? []).map((o) => [o.rule, o.count]));
  const suites = new Map<RuleCategory, string[]>();
  const failuresBy = new Map<RuleCategory, number>();
  for (const id of RULE_IDS) {
    const info = ruleInfo(id);
    // A planned rule or one of a category this command skips only shows up if it somehow reported.
    if ((info.status !== 'active' || options.skipCategories.includes(info.category)) && !byRule.has(id)) continue;
    const found = byRule.get(id) ?? [];
    const blocking = found.filter((d) => d.severity === 'error' || (options.strict && d.severity === 'warning'));
    const rest = found.filter((d) => !blocking.includes(d));
    const more = omitted.get(id);
    const lines = (list: Diagnostic[]) => list.map((d) => `${d.severity} ${where(d)}: ${d.message}`).join('\n');
    const fileAttr = found[0]?.file ? ` file="${xml(found[0].file)}"` : '';
    const body: string[] = [];
    if (blocking.length > 0) {
      const text = `${lines(blocking)}${more ? `\n(${more} more findings of this rule not listed)` : ''}\nSee ${ruleDocPath(id)}.`;
      body.push(`      <failure message="${xml(`${blocking.length} blocking finding${blocking.length === 1 ? '' : 's'}: ${blocking[0].message}`)}" type="${id}">${xml(text)}</failure>`);
      failuresBy.set(info.category, (failuresBy.get(info.category) ?? 0) + 1);
    }
    if (rest.length > 0) body.push(`      <system-out>${xml(lines(rest))}</system-out>`);
    const open = `    <testcase classname="mwb.${info.category}" name="${id}"${fileAttr} time="0"`;
    suites.set(info.category, [...(suites.get(info.category) ?? []), body.length > 0 ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`]);
  }
  const total = [...suites.values()].reduce((n, s) => n + s.length, 0);
  const failures = [...failuresBy.values()].reduce((n, f) => n + f, 0);
  const name = `mwb ${options.command}`;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xml(name)}" tests="${total}" failures="${failures}" errors="0" time="0">`];
  for (const [category, cases] of suites) {
    out.push(`  <testsuite name="${xml(`${name}: ${category}`)}" tests="${cases.length}" failures="${failuresBy.get(category) ?? 0}" errors="0" skipped="0" time="0">`, ...cases, '  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
