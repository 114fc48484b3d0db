import type { Diagnostic } from '../../common/diagnostic';
import type { ParsedManifest } from '../../engine/manifest';
import { LineIndex } from '../../engine/yaml-source';
import { join } from './layout';
import { phpFunctions } from './php-scan';

/** One update: hook_update_N in `<module>.install`, or hook_post_update_NAME in `<module>.post_update.php`. */
export interface DrupalUpdate {
  /** `node_update_10301` or `node_post_update_fix_titles`: the function name. */
  id: string;
  module: string;
  kind: 'update' | 'post-update';
  /** N for hook_update_N; null for post-updates. */
  number: number | null;
  /** NAME for post-updates. */
  name: string | null;
  summary?: string;
  file: string;
  line: number;
  column: number;
  /** Updates that hook_update_dependencies says must run first (function names). */
  after: string[];
}

export interface DrupalUpdates {
  /** In Drupal's run order: hook_update_N first, then post-updates. */
  order: DrupalUpdate[];
  diagnostics: Diagnostic[];
}

/** `$dependencies['node'][8001] = ['system' => 8002, ...];` (or array(...)) inside hook_update_dependencies. */
function readUpdateDependencies(body: string): { module: string; number: number; after: { module: string; number: number }[] }[] {
  const out: { module: string; number: number; after: { module: string; number: number }[] }[] = [];
  const re = /\$dependencies\s*\[\s*['"]([a-z0-9_]+)['"]\s*\]\s*\[\s*(\d+)\s*\]\s*=\s*(?:\[|array\s*\()([^\])]*)/g;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    const after: { module: string; number: number }[] = [];
    const pair = /['"]([a-z0-9_]+)['"]\s*=>\s*(\d+)/g;
    for (let p = pair.exec(m[3]); p !== null; p = pair.exec(m[3])) after.push({ module: p[1], number: Number(p[2]) });
    out.push({ module: m[1], number: Number(m[2]), after });
  }
  return out;
}

/**
 * Reads every module's update hooks from the texts (never runs PHP) and orders them as Drupal runs
 * them: hook_update_N of each module in number order, modules in load order, waiting for what
 * hook_update_dependencies names; then every post-update, sorted by function name (as Drupal's UpdateRegistry does).
 * `manifests` in load order give the module order (their position is the tie-break).
 */
export function readUpdates(texts: ReadonlyMap<string, string>, manifests: readonly ParsedManifest[], order?: readonly string[]): DrupalUpdates {
  const updates: DrupalUpdate[] = [];
  const posts: DrupalUpdate[] = [];
  const extraDeps: { module: string; number: number; after: { module: string; number: number }[] }[] = [];
  for (const m of manifests) {
    for (const [suffix, kind] of [['.install', 'update'], ['.post_update.php', 'post-update']] as const) {
      const file = join(m.dir, `${m.name}${suffix}`);
      const text = texts.get(file);
      if (text === undefined) continue;
      const lines = new LineIndex(text);
      for (const fn of phpFunctions(text)) {
        const pos = lines.linePos(fn.offset);
        const at = { file, line: pos.line, column: pos.col, summary: fn.summary };
        if (kind === 'update') {
          const u = new RegExp(`^${m.name}_update_(\\d+)$`).exec(fn.name);
          if (u) updates.push({ id: fn.name, module: m.name, kind, number: Number(u[1]), name: null, after: [], ...at });
          if (fn.name === `${m.name}_update_dependencies` && fn.body) extraDeps.push(...readUpdateDependencies(text.slice(fn.body.start, fn.body.end)));
        } else {
          const p = new RegExp(`^${m.name}_post_update_(\\w+)$`).exec(fn.name);
          if (p) posts.push({ id: fn.name, module: m.name, kind, number: null, name: p[1], after: [], ...at });
        }
      }
    }
  }
  const byId = new Map(updates.map((u) => [u.id, u]));
  for (const d of extraDeps) {
    const target = byId.get(`${d.module}_update_${d.number}`);
    if (!target) continue;
    for (const a of d.after) {
      // Drupal waits for the named update, or for the module's last update up to that number when it is gone.
      const candidates = updates.filter((u) => u.module === a.module && (u.number ?? 0) <= a.number);
      const last = candidates.sort((x, y) => (x.number ?? 0) - (y.number ?? 0)).pop();
      if (last) target.after.push(last.id);
    }
  }
  const rank = new Map((order ?? manifests.map((m) => m.name)).map((n, i) => [n, i]));
  const key = (u: DrupalUpdate): [number, number] => [rank.get(u.module) ?? Number.MAX_SAFE_INTEGER, u.number ?? 0];
  const ordered = orderUpdates(updates, key);
  // UpdateRegistry::getAvailableUpdateFunctions sorts every post-update function by name, across modules.
  posts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { order: [...ordered.order, ...posts], diagnostics: ordered.diagnostics };
}

/** Kahn's order: each update after the previous one of its module and after what it waits for; ties by module rank then number. */
function orderUpdates(updates: DrupalUpdate[], key: (u: DrupalUpdate) => [number, number]): { order: DrupalUpdate[]; diagnostics: Diagnostic[] } {
  const waits = new Map<string, Set<string>>();
  const byModule = new Map<string, DrupalUpdate[]>();
  for (const u of updates) byModule.set(u.module, [...(byModule.get(u.module) ?? []), u]);
  for (const list of byModule.values()) {
    list.sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
    list.forEach((u, i) => waits.set(u.id, new Set(i > 0 ? [list[i - 1].id, ...u.after] : u.after)));
  }
  const done = new Set<string>();
  const order: DrupalUpdate[] = [];
  const cmp = (a: DrupalUpdate, b: DrupalUpdate) => {
    const [ka, kb] = [key(a), key(b)];
    return ka[0] - kb[0] || ka[1] - kb[1];
  };
  let pending = [...updates].sort(cmp);
  while (pending.length > 0) {
    const next = pending.find((u) => [...(waits.get(u.id) ?? [])].every((w) => done.has(w)));
    if (!next) break;
    done.add(next.id);
    order.push(next);
    pending = pending.filter((u) => u !== next);
  }
  const diagnostics: Diagnostic[] = pending.map((u) => ({ rule: 'migration-depends-cycle', severity: 'error', message: `update ${u.id} waits (through hook_update_dependencies) for an update that waits for it; Drupal cannot run it`, module: u.module, file: u.file, line: u.line, column: u.column }));
  return { order, diagnostics };
}
