import type { BlockReason } from '../common/model';
import type { ParsedManifest } from './manifest';
import type { ModuleResolution, ProvidedCapability, RequiredCapability } from './profile-resolution';
import type { Registry } from './registry';

/*
 * Why a module cannot load, every reason of it: the registry's own root reasons, each missing or
 * mismatched capability, and each blocked dependency or provider, every one as a chain down to
 * its root cause. The first cause stays the module's `blockedBy`.
 */
/** Adds a cause to a module's resolution; the first one becomes its `blockedBy` chain. */
export function addCause(res: ModuleResolution, chain: BlockReason[]): void {
  if (res.causes.some((c) => c[0].reason === chain[0].reason)) return;
  res.causes.push(chain);
  if (res.status === 'ok') res.status = 'blocked';
  if (res.blockedBy.length === 0) res.blockedBy = chain;
}

/**
 * Once the fixpoint has decided who cannot load, a blocked module also lists every other blocked
 * strict dependency and every requirement whose providers all cannot load, not only the first
 * cause found. A dependency blocked for a root reason the module shares (both on one cycle) adds
 * nothing new and is left out.
 */
export function collectOtherCauses(
  reg: Registry,
  modules: Map<string, ModuleResolution>,
  required: RequiredCapability[],
  matching: (capability: string, range: string | undefined) => ProvidedCapability[],
  usable: (p: ProvidedCapability) => boolean,
): void {
  for (const name of reg.order) {
    const res = modules.get(name) as ModuleResolution;
    if (res.status === 'ok') continue;
    const own = new Set((reg.rootBlocks.get(name) ?? []).map((r) => r.reason));
    const m = reg.byName.get(name) as ParsedManifest;
    for (const dep of m.manifest.dependencies) {
      const target = modules.get(dep.name);
      if (!target || target.status === 'ok' || dep.name === name) continue;
      const root = target.blockedBy[target.blockedBy.length - 1];
      if (root && own.has(root.reason)) continue;
      addCause(res, [{ reason: `depends on '${dep.name}', which is ${target.status}`, via: dep.name }, ...target.blockedBy]);
    }
    for (const req of m.manifest.requires) {
      const candidates = matching(req.name, req.version).filter((p) => p.by !== name);
      if (candidates.length === 0 || candidates.some(usable)) continue;
      const via = candidates[0].by;
      const target = modules.get(via) as ModuleResolution;
      addCause(res, [{ reason: `requires capability '${req.name}', provided only by '${via}', which is ${target.status}`, via }, ...target.blockedBy]);
      const entry = required.find((r) => r.module === name && r.capability === req.name && r.state === 'ok');
      if (entry) entry.state = 'provider-blocked';
    }
  }
}
