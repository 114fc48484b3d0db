import path from 'node:path';
import type { AdaptedCheckout } from '../adapters/adapter';
import type { DiffLine, ReconcileApplyResult, ReconcilePlan, ReconcilePreview } from '../common/contract-permissions';
import { diffLines } from '../engine/permissions/line-diff';
import { permissionFindings } from '../engine/permissions/permission-rules';
import type { Registry } from '../engine/registry';
import { sha256, writeFileAtomic } from '../node/atomic-write';
import { readTextFile } from '../node/text-file';

/**
 * Reconcile for roles an adapter read from many files (Drupal's user.role.*.yml): only stale grants
 * are removed (the grants `check` reports as role-grant-unknown, not the "cannot verify" ones), each
 * file rewritten atomically with every other byte kept. Nothing is added.
 */

interface StaleFile {
  file: string;
  text: string;
  lines: Set<number>;
}

function staleGrants(root: string, registry: Registry, adapted: AdaptedCheckout): { plan: ReconcilePlan; files: StaleFile[] } {
  const roles = adapted.roles;
  if (!roles) return { plan: { roles: [], required: false }, files: [] };
  const unknown = adapted.refine(permissionFindings(registry, roles)).filter((d) => d.rule === 'role-grant-unknown');
  const byFile = new Map<string, StaleFile>();
  const plan: ReconcilePlan = { roles: roles.roles.map((r) => ({ role: r.name, add: [], stale: [] })), required: false };
  for (const d of unknown) {
    const role = roles.roles.find((r) => r.grants.some((g) => (g.file ?? roles.file) === d.file && g.line === d.line));
    const grant = role?.grants.find((g) => (g.file ?? roles.file) === d.file && g.line === d.line);
    if (!role || !grant || d.file === undefined) continue;
    const read = readTextFile(path.join(root, d.file));
    if (!read.ok) continue;
    const entry = byFile.get(d.file) ?? { file: d.file, text: read.text, lines: new Set<number>() };
    entry.lines.add(grant.line);
    byFile.set(d.file, entry);
    plan.roles.find((r) => r.role === role.name)?.stale.push(grant.id);
  }
  plan.required = byFile.size > 0;
  return { plan, files: [...byFile.values()] };
}

const versionOf = (files: StaleFile[]): string | null => (files.length === 0 ? null : sha256(Buffer.from(files.map((f) => `${f.file}\n${f.text}`).join('\n'), 'utf8')));

export function adaptedReconcilePreview(root: string, registry: Registry, adapted: AdaptedCheckout, removeStale: boolean): ReconcilePreview {
  const { plan, files } = staleGrants(root, registry, adapted);
  const diff: DiffLine[] = [];
  if (removeStale && adapted.removeGrants) for (const f of files) diff.push(...diffLines(f.text, adapted.removeGrants(f.text, f.lines)));
  const rolesFile = files.length === 1 ? files[0].file : (adapted.roles?.file ?? '');
  return { rolesFile, plan, removeStale, created: [], diff, baseVersion: versionOf(files), canApply: adapted.removeGrants !== undefined, problem: adapted.removeGrants ? null : `the ${adapted.kind} adapter does not write role files`, diagnostics: [] };
}

export function adaptedReconcileApply(root: string, registry: Registry, adapted: AdaptedCheckout, removeStale: boolean, baseVersion?: string | null): ReconcileApplyResult {
  const { plan, files } = staleGrants(root, registry, adapted);
  if (baseVersion !== undefined && baseVersion !== versionOf(files)) return { status: 'conflict', message: 'a role file changed on disk since the preview; look at the new preview before applying' };
  if (!adapted.removeGrants) return { status: 'refused', message: `the ${adapted.kind} adapter does not write role files`, diagnostics: [] };
  if (!removeStale || files.length === 0) return { status: 'unchanged', plan };
  for (const f of files) {
    // Between reading and writing, someone may have saved the file: never overwrite that.
    const now = readTextFile(path.join(root, f.file));
    if (!now.ok || now.text !== f.text) return { status: 'conflict', message: `${f.file} changed on disk while reconciling; nothing more was written` };
    writeFileAtomic(path.join(root, f.file), adapted.removeGrants(f.text, f.lines));
  }
  const written = files.map((f) => f.file).join(', ');
  return { status: 'applied', version: sha256(Buffer.from(written, 'utf8')), written, plan: { roles: plan.roles.map((r) => ({ ...r, stale: [] })), required: false } };
}
