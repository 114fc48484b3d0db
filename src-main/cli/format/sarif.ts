import type { Diagnostic, Severity } from '../../common/diagnostic';
import { RULE_IDS, ruleDocPath, ruleInfo, type RuleId } from '../../common/rules';
import { TOOL_VERSION } from '../version';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 as GitHub code scanning accepts it: rule metadata, file regions relative to the checkout. */
export function formatSarif(diagnostics: readonly Diagnostic[], fallbackFile: string): string {
  const used = RULE_IDS.filter((id) => diagnostics.some((d) => d.rule === id));
  const indexOf = new Map<RuleId, number>(used.map((id, i) => [id, i]));
  const rules = used.map((id) => {
    const info = ruleInfo(id);
    return {
      id,
      name: id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: info.summary },
      fullDescription: { text: `${info.summary} See ${ruleDocPath(id)}.` },
      help: { text: `${info.summary} Documentation: ${ruleDocPath(id)} in the Module Workbench repository.`, markdown: `${info.summary}\n\nSee \`${ruleDocPath(id)}\`.` },
      defaultConfiguration: { level: LEVEL[info.severity] },
      properties: { category: info.category, tags: [info.category] },
    };
  });
  const results = diagnostics.map((d) => ({
    ruleId: d.rule,
    ruleIndex: indexOf.get(d.rule),
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: d.file ?? fallbackFile, uriBaseId: '%SRCROOT%' },
          region: { startLine: d.line ?? 1, startColumn: d.column ?? 1 },
        },
      },
    ],
    ...(d.related && d.related.length > 0
      ? {
          relatedLocations: d.related
            .filter((r) => r.file)
            .map((r, id) => ({
              id,
              message: { text: r.message },
              physicalLocation: { artifactLocation: { uri: r.file, uriBaseId: '%SRCROOT%' }, region: { startLine: r.line ?? 1, startColumn: r.column ?? 1 } },
            })),
        }
      : {}),
    partialFingerprints: { 'mwbFinding/v1': fingerprint(d) },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'module-workbench', semanticVersion: TOOL_VERSION, version: TOOL_VERSION, rules } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The platform checkout' } } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** Stable across runs and line moves: rule, module and message. */
function fingerprint(d: Diagnostic): string {
  const text = `${d.rule}|${d.module ?? ''}|${d.file ?? ''}|${d.message}`;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}
