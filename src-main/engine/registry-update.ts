import type { Diagnostic } from '../common/diagnostic';
import type { ParsedManifest } from './manifest';
import type { ModuleLinks } from './registry-checks';
import { composeRegistry, registryParts, type Registry, type RegistryInput, type RegistryReuse } from './registry';

/**
 * The registry again after edits of manifests that changed, of what the registry reads, only their
 * dependency lists (a dependency added, removed, its range changed; issue 16: a full build takes
 * about 100 ms at 5,000 modules). Every other part is taken from the registry before (its parts,
 * registry.ts): the names, each unedited module's links (its dependency findings, reasons and
 * edges), the load order when it cannot have changed (no cycle before, and the last of each edited
 * module's new dependencies to load is the last of its old ones, so each loads before it: the
 * module is ready at the same step, and the ordering makes the same choice at every step), and the findings of the checks that read the
 * order. A kept finding placed in (or related to) an edited manifest is computed again: the edit
 * may have moved it. The result is what buildRegistry gives (test/registry-update.test.ts and
 * test/session-incremental.test.ts compare them).
 */

/** What the registry reads of a manifest, but its dependency lists: any other difference builds it whole. */
function outsideLinks(m: ParsedManifest): string {
  const { description: _d, permissions: _p, routes: _r, dependencies: _s, optional_dependencies: _o, ...read } = m.manifest;
  const { dependencies: _ad, optional_dependencies: _ao, ...at } = m.at;
  const { permissions: _ip, routes: _ir, ...index } = m.rawIndex;
  return JSON.stringify([m.dir, m.file, m.folder, m.name, m.named, m.invalid, read, at, index]);
}

/** Findings placed in (or related to) one of `files`. */
function touches(diagnostics: readonly Diagnostic[], files: ReadonlySet<string>): boolean {
  return diagnostics.some((d) => (d.file !== undefined && files.has(d.file)) || d.related?.some((r) => r.file !== undefined && files.has(r.file)));
}

/** The last position in `pos` of `deps` (-1 for none). */
function lastLoaded(deps: readonly number[], pos: readonly number[]): number {
  let last = -1;
  for (const d of deps) if (pos[d] > last) last = pos[d];
  return last;
}

/**
 * The registry of `input.manifests` made from `previous` (built from the same files, only some of
 * them edited); null when an edit changed more than dependency lists, or a manifest came or went.
 */
export function updateRegistry(previous: Registry, input: RegistryInput): Registry | null {
  const parts = registryParts(previous);
  if (!parts || input.manifests.length !== previous.manifests.length) return null;
  const byFile = new Map(input.manifests.map((m) => [m.file, m]));
  if (byFile.size !== input.manifests.length) return null;
  const edited = new Set<string>();
  const manifests: ParsedManifest[] = [];
  for (const old of previous.manifests) {
    const m = byFile.get(old.file);
    if (!m) return null;
    if (m !== old) {
      if (outsideLinks(m) !== outsideLinks(old)) return null;
      edited.add(m.file);
    }
    manifests.push(m);
  }
  // Findings kept are computed again when placed in an edited manifest, or one moved since they were made.
  const touched = new Set([...edited, ...(parts.stale ?? [])]);
  const editedIds = new Set<number>();
  const reuse: RegistryReuse = {
    parts,
    links(i, name) {
      // The names are those of the registry before (composeRegistry checks), each owned by the same file.
      if (edited.has((previous.byName.get(name) as ParsedManifest).file)) {
        editedIds.add(i);
        return undefined;
      }
      const kept = parts.links[i];
      return touches(kept.diagnostics, touched) ? undefined : kept;
    },
    order(links: readonly ModuleLinks[]) {
      if (parts.cycles.length > 0) return null;
      const pos: number[] = [];
      parts.orderIds.forEach((id, at) => (pos[id] = at));
      // The last of its dependencies to load is the same one (so each new one loads before it, and not itself).
      for (const u of editedIds) if (lastLoaded(links[u].deps, pos) !== lastLoaded(parts.links[u].deps, pos)) return null;
      return parts.orderIds;
    },
    keep: (findings) => !touches(findings, touched),
  };
  // Its order is a list of its own: service/position-edit.ts keys its per-run caches by the order list.
  return composeRegistry(input, manifests, reuse);
}
