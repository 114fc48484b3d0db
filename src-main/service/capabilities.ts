import type { BlockReason } from '../common/model';
import { UnknownProfileError } from '../engine/check';
import { resolveProfile, type MissingCapability, type ProvidedCapability, type RequiredCapability } from '../engine/profile-resolution';
import { buildRegistry } from '../engine/registry';
import { loadCheckout } from './load-checkout';

export interface ProfileCapabilities {
  profile: string;
  isDefault: boolean;
  provided: ProvidedCapability[];
  required: RequiredCapability[];
  missing: MissingCapability[];
  /** Modules that cannot load in this profile, in load order: the first cause's chain (`reasons`) and every cause. */
  blocked: { module: string; status: 'blocked' | 'invalid'; reasons: BlockReason[]; causes: BlockReason[][] }[];
}

export interface CapabilitiesReport {
  checkout: string;
  profiles: ProfileCapabilities[];
}

/** Capabilities per runtime profile (all of them, or one). */
export function capabilitiesReport(dir: string, only?: string): CapabilitiesReport {
  const loaded = loadCheckout(dir);
  const registry = buildRegistry({ platform: loaded.platform, manifests: loaded.manifests, discoveryDiagnostics: loaded.discoveryDiagnostics, exists: loaded.exists });
  const names = registry.platform.profiles.map((p) => p.name);
  if (only !== undefined && !names.includes(only)) throw new UnknownProfileError(only, names);
  const profiles = (only === undefined ? names : [only]).map((profile): ProfileCapabilities => {
    const r = resolveProfile(registry, profile);
    const blocked: ProfileCapabilities['blocked'] = [];
    for (const name of registry.order) {
      const m = r.modules.get(name);
      if (m && m.status !== 'ok') blocked.push({ module: name, status: m.status, reasons: m.blockedBy, causes: m.causes });
    }
    return { profile, isDefault: profile === registry.platform.defaultProfile, provided: r.provided, required: r.required, missing: r.missing, blocked };
  });
  return { checkout: loaded.root, profiles };
}
