import path from 'node:path';
import type { Diagnostic } from '../common/diagnostic';
import type { ParsedManifest } from '../engine/manifest';
import { staysInside } from '../engine/registry';
import type { Analysis, AnalysisContext } from './analysis';
import { relativeInside, type CheckoutFiles } from './checkout-reader';

/**
 * Paths a manifest declares (its migrations folder, its message catalogs) must stay inside the
 * module folder. The registry refuses `../` and absolute paths from the text alone; this analysis
 * adds what only the disk can tell: a symlink, at the path or on the way to it, that leads out.
 * Nothing behind such a path is read.
 */
function realInside(files: CheckoutFiles, moduleDir: string, rel: string): { inside: boolean; target?: string } {
  // A name the module folder's listing shows as a folder or a regular file (no link) is inside: its
  // real path is the folder's plus that name; one the listing lacks is missing. Only a watched
  // reader's listing is the disk as this run saw it (the usual `migrations`: no path work for 5,000
  // modules, issue 16).
  if (files.watched && rel !== '.' && rel !== '..' && !rel.includes('/') && !rel.includes('\\')) {
    const entries = files.list(moduleDir);
    const entry = entries?.find((e) => e.name === rel);
    if (entries && (!entry || entry.dir || entry.file)) return { inside: true };
  }
  const base = files.realPath(moduleDir);
  const real = files.realPath(path.posix.join(moduleDir, rel));
  // Missing paths are other rules' business (message-catalog-missing).
  if (base === null || real === null) return { inside: true };
  const r = relativeInside(base.abs, real.abs);
  if (r === '' || (!r.startsWith('..') && !path.isAbsolute(r))) return { inside: true };
  return { inside: false, target: real.rel ?? real.abs };
}

/** The paths a manifest declares; `at` finds the position only for a finding (it may parse the manifest again). */
function declaredPaths(m: ParsedManifest): { rel: string; what: string; at: () => { line: number; column: number } }[] {
  const out: { rel: string; what: string; at: () => { line: number; column: number } }[] = [];
  const mf = m.manifest;
  if (staysInside(mf.migrations)) out.push({ rel: mf.migrations, what: 'migrations folder', at: () => m.locator.at(['migrations']) });
  for (const c of mf.message_catalogs) if (staysInside(c)) out.push({ rel: c, what: 'message catalog', at: () => m.locator.item(['message_catalogs'], c) });
  return out;
}

function findingsOf(files: CheckoutFiles, m: ParsedManifest): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of declaredPaths(m)) {
    const res = realInside(files, m.dir, p.rel);
    if (res.inside) continue;
    const at = p.at();
    out.push({
      rule: 'path-outside-module',
      severity: 'error',
      message: `${p.what} '${p.rel}' leads out of the module folder through a symlink (to ${res.target}); it is not read. Keep the files inside ${m.dir}`,
      module: m.name,
      file: m.file,
      line: at.line,
      column: at.column,
    });
  }
  return out;
}

/** With watched files, a module's findings are kept until its manifest or a path on the way to or inside its folder changes. */
const memo = new WeakMap<CheckoutFiles, { version: number; byManifest: WeakMap<ParsedManifest, Diagnostic[]> }>();

export const declaredPathsAnalysis: Analysis = {
  id: 'declared-paths',
  run(ctx: AnalysisContext): Diagnostic[] {
    const previous = ctx.files.watched ? memo.get(ctx.files) : undefined;
    const changed = previous ? ctx.files.changedSince(previous.version) : null;
    const unchanged = (m: ParsedManifest) => changed !== null && !changed.some((p) => p === m.dir || m.dir.startsWith(`${p}/`) || p.startsWith(`${m.dir}/`));
    const byManifest = new WeakMap<ParsedManifest, Diagnostic[]>();
    const out: Diagnostic[] = [];
    for (const m of ctx.registry.manifests) {
      if (!m.named) continue;
      const kept = previous && unchanged(m) ? previous.byManifest.get(m) : undefined;
      const found = kept ?? findingsOf(ctx.files, m);
      byManifest.set(m, found);
      out.push(...found);
    }
    if (ctx.files.watched) memo.set(ctx.files, { version: ctx.files.version, byManifest });
    return out;
  },
  affectedBy(rel, registry) {
    return registry.manifests.some((m) => rel.startsWith(`${m.dir}/`) && declaredPaths(m).some((p) => path.posix.normalize(`${m.dir}/${p.rel}`) === rel));
  },
};
