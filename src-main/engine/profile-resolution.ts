import type { Diagnostic } from '../common/diagnostic';
import type { BlockReason, GraphEdge, ModuleRecord } from '../common/model';
import { addCause, collectOtherCauses } from './block-causes';
import type { ParsedManifest } from './manifest';
import { satisfies } from './refs';
import type { Registry } from './registry';
import { diag, nameList, relatedAt } from './registry-findings';

export interface ModuleResolution {
  status: ModuleRecord['status'];
  /** The first cause's chain, from this module down to its root reason. */
  blockedBy: BlockReason[];
  /** Every independent cause (its own reasons, each blocked dependency or provider), each a chain like blockedBy. */
  causes: BlockReason[][];
}

export interface ProvidedCapability {
  capability: string;
  version: string | null;
  /** Module name, or `profile:<name>`. */
  by: string;
}

export interface RequiredCapability {
  capability: string;
  range: string | null;
  module: string;
  /** `ok`, or `missing` / `version-mismatch` / `provider-blocked`. */
  state: 'ok' | 'missing' | 'version-mismatch' | 'provider-blocked';
}

export interface MissingCapability {
  capability: string;
  requiredBy: string[];
  /** Every module that cannot load because of it, transitively, in load order. */
  blocks: string[];
}

export interface ProfileResolution {
  profile: string;
  modules: Map<string, ModuleResolution>;
  provided: ProvidedCapability[];
  required: RequiredCapability[];
  missing: MissingCapability[];
  /** Requirer -> provider edges for the capabilities that resolve. */
  edges: GraphEdge[];
  diagnostics: Diagnostic[];
}

/**
 * Resolves capabilities for one runtime profile and decides which modules can load: a module is
 * blocked by its own root reasons, by a required capability nobody (usable) provides, or by a
 * strict dependency that is itself blocked or invalid. Iterates to a fixpoint in load order.
 */
export function resolveProfile(reg: Registry, profileName: string): ProfileResolution {
  const profile = reg.platform.profiles.find((p) => p.name === profileName) ?? reg.platform.profiles[0];
  const provided: ProvidedCapability[] = [];
  const providers = new Map<string, ProvidedCapability[]>();
  const addProvider = (p: ProvidedCapability): void => {
    provided.push(p);
    const list = providers.get(p.capability) ?? [];
    list.push(p);
    providers.set(p.capability, list);
  };
  for (const cap of profile.capabilities) addProvider({ capability: cap.name, version: cap.version ?? null, by: `profile:${profile.name}` });
  for (const name of reg.order) {
    for (const cap of (reg.byName.get(name) as ParsedManifest).manifest.provides) addProvider({ capability: cap.name, version: cap.version ?? null, by: name });
  }

  const modules = new Map<string, ModuleResolution>();
  for (const name of reg.order) {
    const m = reg.byName.get(name) as ParsedManifest;
    const roots = reg.rootBlocks.get(name) ?? [];
    const causes = roots.map((r) => [r]);
    modules.set(name, { status: m.invalid ? 'invalid' : roots.length > 0 ? 'blocked' : 'ok', blockedBy: causes[0] ?? [], causes });
  }

  const diagnostics: Diagnostic[] = [];
  const required: RequiredCapability[] = [];
  const missingRoots = new Map<string, { requiredBy: string[] }>();
  const capabilityRoots: { module: string; cap: string; diagnostic: Diagnostic }[] = [];
  const matched = new Map<string, ProvidedCapability[]>();
  const matching = (capability: string, range: string | undefined): ProvidedCapability[] => {
    const key = `${capability} ${range ?? ''}`;
    let list = matched.get(key);
    if (!list) {
      list = (providers.get(capability) ?? []).filter((p) => range === undefined || (p.version !== null && satisfies(p.version, range)));
      matched.set(key, list);
    }
    return list;
  };

  for (const name of reg.order) {
    const m = reg.byName.get(name) as ParsedManifest;
    const res = modules.get(name) as ModuleResolution;
    for (const req of m.at.requires) {
      const all = providers.get(req.name) ?? [];
      const path = ['capabilities', 'requires', req.index];
      const entry: RequiredCapability = { capability: req.name, range: req.version ?? null, module: name, state: 'ok' };
      required.push(entry);
      if (all.length === 0) {
        entry.state = 'missing';
        const d = diag(m, 'capability-missing', 'error', path, '');
        capabilityRoots.push({ module: name, cap: req.name, diagnostic: d });
        diagnostics.push(d);
        const miss = missingRoots.get(req.name) ?? { requiredBy: [] };
        miss.requiredBy.push(name);
        missingRoots.set(req.name, miss);
        addCause(res, [{ reason: `requires capability '${req.name}', which no module and not profile '${profile.name}' provides` }]);
      } else if (matching(req.name, req.version).length === 0) {
        entry.state = 'version-mismatch';
        const offered = all.map((p) => (p.version ? `at ${p.version} by ${p.by}` : `without a version by ${p.by}`)).join(', ');
        const related = all
          .filter((p) => reg.byName.has(p.by))
          .map((p) => {
            const pm = reg.byName.get(p.by) as ParsedManifest;
            const at = pm.at.provides.find((c) => c.name === req.name);
            return relatedAt(pm, at ? ['capabilities', 'provides', at.index] : ['name'], `${p.by} provides ${req.name} ${p.version ?? '(no version)'}`);
          });
        const d = diag(m, 'capability-version-mismatch', 'error', path, `'${name}' requires ${req.name} ${req.version}, but it is provided ${offered}`, related);
        capabilityRoots.push({ module: name, cap: req.name, diagnostic: d });
        diagnostics.push(d);
        addCause(res, [{ reason: `requires ${req.name} ${req.version}, but only ${offered} is provided` }]);
      }
    }
  }

  // Propagate: strict dependencies and capability providers that cannot load block their users.
  const usable = (p: ProvidedCapability): boolean => p.by.startsWith('profile:') || modules.get(p.by)?.status === 'ok';
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of reg.order) {
      const res = modules.get(name) as ModuleResolution;
      if (res.status !== 'ok') continue;
      const m = reg.byName.get(name) as ParsedManifest;
      for (const dep of m.manifest.dependencies) {
        const target = modules.get(dep.name);
        if (target && target.status !== 'ok') {
          addCause(res, [{ reason: `depends on '${dep.name}', which is ${target.status}`, via: dep.name }, ...target.blockedBy]);
          break;
        }
      }
      if (res.status !== 'ok') {
        changed = true;
        continue;
      }
      for (const req of m.manifest.requires) {
        // The first provider other than the module itself, unless one of them is usable (no list is made: this runs for every requirement of every module).
        let first: ProvidedCapability | null = null;
        let anyUsable = false;
        for (const p of matching(req.name, req.version)) {
          if (p.by === name) continue;
          first ??= p;
          if (usable(p)) {
            anyUsable = true;
            break;
          }
        }
        if (first === null || anyUsable) continue;
        const via = first.by;
        const target = modules.get(via) as ModuleResolution;
        addCause(res, [{ reason: `requires capability '${req.name}', provided only by '${via}', which is ${target.status}`, via }, ...target.blockedBy]);
        required.find((r) => r.module === name && r.capability === req.name && r.state === 'ok')!.state = 'provider-blocked';
        changed = true;
        break;
      }
    }
  }
  collectOtherCauses(reg, modules, required, matching, usable);

  // Who each root cause blocks, transitively.
  const blockedVia = new Map<string, string[]>();
  for (const name of reg.order) {
    const res = modules.get(name) as ModuleResolution;
    for (const cause of res.causes) {
      for (const step of cause) {
        if (!step.via) continue;
        const list = blockedVia.get(step.via) ?? [];
        if (!list.includes(name)) list.push(name);
        blockedVia.set(step.via, list);
      }
    }
  }
  const dependentsOf = (name: string): string[] => reg.order.filter((n) => (blockedVia.get(name) ?? []).includes(n));
  for (const root of capabilityRoots) {
    const blocked = dependentsOf(root.module);
    const tail = blocked.length > 0 ? `; this also blocks ${nameList(blocked)}` : '';
    if (root.diagnostic.rule === 'capability-missing') {
      root.diagnostic.message = `'${root.module}' requires capability '${root.cap}', which neither a module nor profile '${profile.name}' provides: '${root.module}' is blocked${tail}`;
    } else {
      root.diagnostic.message += `: '${root.module}' is blocked${tail}`;
    }
  }
  const missing: MissingCapability[] = [...missingRoots.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([capability, { requiredBy }]) => {
      const blocks = new Set<string>(requiredBy);
      for (const r of requiredBy) for (const d of dependentsOf(r)) blocks.add(d);
      return { capability, requiredBy, blocks: reg.order.filter((n) => blocks.has(n)) };
    });

  const edges: GraphEdge[] = [];
  for (const e of reg.order) {
    for (const req of (reg.byName.get(e) as ParsedManifest).manifest.requires) {
      for (const p of matching(req.name, req.version)) {
        if (reg.byName.has(p.by) && p.by !== e) edges.push({ from: e, to: p.by, kind: 'capability', label: req.name });
      }
    }
  }

  return { profile: profile.name, modules, provided, required, missing, edges, diagnostics };
}


