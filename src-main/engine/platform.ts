import semver from 'semver';
import type { Diagnostic } from '../common/diagnostic';
import { TABLE_NAMINGS, type CapabilityRef, type PlatformInfo, type ProfileInfo, type TableNaming } from '../common/model';
import { isRuleId, type RuleId } from '../common/rules';
import { parseCapabilityProvision } from './refs';
import { validatePlatformSchema } from './schema-validation';
import { parseYamlSource, type Locator, type YamlPath } from './yaml-source';

import { PLATFORM_FILE } from './platform-file';

export { PLATFORM_FILE };

export interface Waiver {
  rule: string;
  module?: string;
  file?: string;
  reason: string;
  line: number;
  column: number;
}

export interface ParsedPlatform {
  info: PlatformInfo;
  /** core_version as written in platform.yaml, before the fallback to the core module's version. */
  declaredCoreVersion: string | null;
  waivers: Waiver[];
  diagnostics: Diagnostic[];
  locator: Locator | null;
  /** Whether platform.yaml exists. */
  present: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads platform.yaml (or the defaults when there is none). `text` is undefined when the file is absent.
 * Pure; never throws.
 */
export function parsePlatform(text: string | undefined, folderName: string, unreadable?: string): ParsedPlatform {
  const info: PlatformInfo = {
    name: folderName,
    coreVersion: null,
    profiles: [{ name: 'default', capabilities: [] }],
    defaultProfile: 'default',
    moduleGlobs: ['modules/*'],
    rolesFile: 'roles.yaml',
    notesDir: 'docs/notes',
    tenantColumn: 'tenant_id',
    tables: { naming: 'prefix', shared: [] },
  };
  const result: ParsedPlatform = { info, declaredCoreVersion: null, waivers: [], diagnostics: [], locator: null, present: text !== undefined || unreadable !== undefined };
  if (unreadable !== undefined) {
    result.diagnostics.push({ rule: 'manifest-unreadable', severity: 'error', message: unreadable, file: PLATFORM_FILE, line: 1, column: 1 });
    return result;
  }
  if (text === undefined) return result;

  const yaml = parseYamlSource(PLATFORM_FILE, text);
  result.locator = yaml.locator;
  result.diagnostics.push(...yaml.diagnostics);
  if (yaml.diagnostics.length > 0 || yaml.empty) return result;
  const raw = yaml.value;
  const report = (path: YamlPath, message: string, part: 'key' | 'value' = 'value', rule: RuleId = 'platform-invalid') => {
    const p = yaml.locator.at(path, part);
    result.diagnostics.push({ rule, severity: 'error', message, file: PLATFORM_FILE, line: p.line, column: p.column });
  };
  if (!isRecord(raw)) {
    report([], `platform.yaml must be a mapping of settings, not ${Array.isArray(raw) ? 'a list' : `a ${typeof raw}`}`);
    return result;
  }
  for (const issue of validatePlatformSchema(raw)) report(issue.path, issue.message, issue.part);

  if (typeof raw.name === 'string' && raw.name !== '') info.name = raw.name;
  if (typeof raw.core_version === 'string') {
    if (semver.valid(raw.core_version)) result.declaredCoreVersion = raw.core_version;
    else report(['core_version'], `core_version: '${raw.core_version}' is not a semver version such as 2.3.0`);
  }
  if (Array.isArray(raw.modules)) {
    const globs: string[] = [];
    raw.modules.forEach((g, i) => {
      if (typeof g !== 'string' || g === '') return;
      if (/^([\\/]|[A-Za-z]:)/.test(g) || g.split(/[\\/]/).includes('..')) {
        report(['modules', i], `modules[${i}]: discovery glob '${g}' leaves the checkout; module folders must be inside it`);
        return;
      }
      globs.push(g);
    });
    if (globs.length > 0) info.moduleGlobs = globs;
  }
  if (typeof raw.roles === 'string' && raw.roles !== '') info.rolesFile = raw.roles;
  if (typeof raw.notes === 'string' && raw.notes !== '') info.notesDir = raw.notes;
  if (isRecord(raw.tenancy) && typeof raw.tenancy.column === 'string') info.tenantColumn = raw.tenancy.column;
  if (isRecord(raw.database)) {
    if (raw.database.dialect === 'postgres' || raw.database.dialect === 'sqlite') info.dialect = raw.database.dialect;
    if (isRecord(raw.database.connections)) {
      info.connections = Object.entries(raw.database.connections).flatMap(([name, c]) => (isRecord(c) && typeof c.env === 'string' ? [{ name, env: c.env }] : []));
    }
  }
  if (isRecord(raw.tables)) {
    // The schema has already reported wrong types; only well-formed values are taken.
    if (TABLE_NAMINGS.includes(raw.tables.naming as TableNaming)) info.tables.naming = raw.tables.naming as TableNaming;
    if (Array.isArray(raw.tables.shared)) info.tables.shared = raw.tables.shared.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
  }

  if (isRecord(raw.profiles) && Object.keys(raw.profiles).length > 0) {
    const profiles: ProfileInfo[] = [];
    for (const [name, body] of Object.entries(raw.profiles)) {
      const capabilities: CapabilityRef[] = [];
      const caps = isRecord(body) && Array.isArray(body.capabilities) ? body.capabilities : [];
      caps.forEach((c, i) => {
        if (typeof c !== 'string') return;
        const parsed = parseCapabilityProvision(c);
        if (parsed.ok) capabilities.push(parsed.value);
        else report(['profiles', name, 'capabilities', i], `profiles.${name}.capabilities[${i}]: ${parsed.message}`);
      });
      profiles.push({ name, capabilities });
    }
    info.profiles = profiles;
  }
  info.defaultProfile = info.profiles[0].name;
  if (typeof raw.default_profile === 'string') {
    if (info.profiles.some((p) => p.name === raw.default_profile)) info.defaultProfile = raw.default_profile;
    else report(['default_profile'], `default_profile '${raw.default_profile}' names no profile (profiles: ${info.profiles.map((p) => p.name).join(', ')})`);
  }

  if (Array.isArray(raw.waivers)) {
    raw.waivers.forEach((w, i) => {
      if (!isRecord(w) || typeof w.rule !== 'string' || typeof w.reason !== 'string') return;
      const p = yaml.locator.at(['waivers', i]);
      if (!isRuleId(w.rule)) {
        report(['waivers', i, 'rule'], `waivers[${i}].rule: '${w.rule}' is not a known rule id`);
        return;
      }
      result.waivers.push({
        rule: w.rule,
        module: typeof w.module === 'string' ? w.module : undefined,
        file: typeof w.file === 'string' ? w.file : undefined,
        reason: w.reason,
        line: p.line,
        column: p.column,
      });
    });
  }
  return result;
}
