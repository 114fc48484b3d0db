import type { Diagnostic } from '../../common/diagnostic';
import { parseYamlSource, type Locator } from '../../engine/yaml-source';
import { baseOf, dirOf } from './layout';
import { isRecord, str } from './model';

/** One `dependencies` item: `project:module (constraint)`, with its index in the list. */
export interface InfoDependency {
  raw: string;
  project?: string;
  name: string;
  constraint?: string;
  index: number;
}

/** A `*.info.yml` as Drupal reads it: the machine name is the file stem, the folder is the extension's path. */
export interface InfoFile {
  name: string;
  file: string;
  dir: string;
  type?: string;
  label?: string;
  description?: string;
  project?: string;
  version?: string;
  coreRequirement?: string;
  required: boolean;
  hidden: boolean;
  package?: string;
  lifecycle?: string;
  lifecycleLink?: string;
  dependencies: InfoDependency[];
  /** Profiles: the modules they install (`install:`), Drupal 10+. */
  install: string[];
  /** `distribution:` of a profile, or `base profile:` (profile inheritance). */
  locator: Locator;
  diagnostics: Diagnostic[];
}

const DEP_RE = /^\s*(?:([a-z][a-z0-9_]*):)?([a-z][a-z0-9_]*)\s*(?:\((.*)\))?\s*$/;

export function parseDependencyText(raw: string): Omit<InfoDependency, 'index'> | null {
  const m = DEP_RE.exec(raw);
  if (!m) return null;
  return { raw, project: m[1], name: m[2], constraint: m[3]?.trim() || undefined };
}

export function readInfoFile(file: string, text: string): InfoFile {
  const name = baseOf(file).slice(0, -'.info.yml'.length);
  const yaml = parseYamlSource(file, text, name);
  const info: InfoFile = { name, file, dir: dirOf(file), required: false, hidden: false, dependencies: [], install: [], locator: yaml.locator, diagnostics: [...yaml.diagnostics] };
  const raw = yaml.value;
  if (!isRecord(raw)) {
    if (yaml.diagnostics.length === 0) {
      info.diagnostics.push({ rule: 'manifest-invalid', severity: 'error', message: `${file} must be a mapping (name: ..., type: module, core_version_requirement: ...)`, file, line: 1, column: 1 });
    }
    return info;
  }
  info.type = str(raw.type);
  info.label = str(raw.name);
  info.description = str(raw.description);
  info.project = str(raw.project);
  info.version = str(raw.version);
  info.coreRequirement = str(raw.core_version_requirement);
  info.required = raw.required === true;
  info.hidden = raw.hidden === true;
  info.package = str(raw.package);
  info.lifecycle = str(raw.lifecycle);
  info.lifecycleLink = str(raw.lifecycle_link);
  const deps = Array.isArray(raw.dependencies) ? raw.dependencies : [];
  deps.forEach((d, index) => {
    const parsed = typeof d === 'string' ? parseDependencyText(d) : null;
    if (parsed) {
      info.dependencies.push({ ...parsed, index });
      return;
    }
    const p = yaml.locator.at(['dependencies', index]);
    info.diagnostics.push({ rule: 'manifest-invalid', severity: 'error', message: `dependencies[${index}]: ${JSON.stringify(d)} is not 'project:module (constraint)'`, file, line: p.line, column: p.column });
  });
  if (Array.isArray(raw.install)) for (const m of raw.install) if (typeof m === 'string') info.install.push(parseDependencyText(m)?.name ?? m);
  return info;
}
