import type { Diagnostic, RelatedLocation } from '../common/diagnostic';
import type { RuleId } from '../common/rules';
import type { ParsedManifest } from './manifest';
import type { YamlPath } from './yaml-source';

/** Findings of the registry and of profile resolution, at a manifest's YAML path. */
export function diag(m: ParsedManifest, rule: RuleId, severity: Diagnostic['severity'], path: YamlPath, message: string, related?: RelatedLocation[], part: 'key' | 'value' = 'value'): Diagnostic {
  const p = m.locator.at(path, part);
  const d: Diagnostic = { rule, severity, message, module: m.name, file: m.file, line: p.line, column: p.column };
  if (related && related.length > 0) d.related = related;
  return d;
}

export function relatedAt(m: ParsedManifest, path: YamlPath, message: string): RelatedLocation {
  const p = m.locator.at(path);
  return { message, module: m.name, file: m.file, line: p.line, column: p.column };
}

/** `a`, `a and b`, `a, b and 3 more`. */
export function nameList(names: readonly string[], max = 8): string {
  if (names.length <= 1) return names.join('');
  if (names.length <= max) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
