import type { CapabilityRef, ProfileInfo } from '../../common/model';
import type { ExternalDependency } from './manifest-file';

/**
 * `external_dependencies` as capabilities: `python.<package>` (named as pip normalizes it, so
 * `Sentry_SDK` and `sentry-sdk` are one) and `bin.<program>`, which a runtime profile provides
 * (capability names are lower case, as platform.yaml's profiles write them).
 * Without a profile in platform.yaml, the checkout's own `requirements.txt` (OCA repositories
 * generate it from the manifests) is the environment: it provides the python packages it lists.
 */
const normalize = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

/**
 * One requirement as written (`sentry_sdk<=1.9.0`, `requests[socks]>=2`): its name, and its
 * version specifier as written. Specifiers are PEP 440, which semver cannot always say, and a
 * requirements.txt rarely pins: they are shown, not checked.
 */
export function pythonRequirement(text: string): { name: string; spec: string } | null {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;#]*)/.exec(text);
  if (!m) return null;
  return { name: normalize(m[1]), spec: m[2].trim() };
}

export function capabilityOf(dep: ExternalDependency): CapabilityRef {
  if (dep.kind === 'python') {
    const r = pythonRequirement(dep.name);
    if (r) return { name: `python.${r.name}` };
  }
  return { name: `${dep.kind.toLowerCase()}.${dep.name.trim().toLowerCase()}` };
}

/** The profile a requirements.txt describes: every package it names, without versions (a pin is not a release the workbench can compare). */
export function requirementsProfile(text: string): ProfileInfo {
  const capabilities: CapabilityRef[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('-')) continue;
    const r = pythonRequirement(line);
    if (r && !capabilities.some((c) => c.name === `python.${r.name}`)) capabilities.push({ name: `python.${r.name}` });
  }
  return { name: 'requirements.txt', capabilities };
}
