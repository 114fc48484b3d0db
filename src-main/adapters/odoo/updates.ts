import type { Diagnostic } from '../../common/diagnostic';
import { parsePythonFile } from '../python';
import type { UpdatePlan, UpdateStep } from '../adapter';
import { odooVersion } from '../versioning/odoo';
import { baseOf, dirOf, MIGRATION_SCRIPT as SCRIPT } from './layout';

/**
 * Odoo's migration scripts, `<addon>/migrations/<version>/{pre,post,end}-*.py` (and `upgrades/`),
 * in the order Odoo's MigrationManager runs them when the addons are updated (`odoo -u`): for each
 * addon in load order its `pre-` scripts before the addon loads and its `post-` scripts right after,
 * versions ascending (a short `1.2.0` folder is the series' `16.0.1.2.0`; `0.0.0` runs every time),
 * files by name within a version; then every addon's `end-` scripts, in load order. Which versions a
 * database still has to run depends on the version it has installed: the workbench lists them all.
 */
type Stage = 'pre' | 'post' | 'end';

interface Script {
  addon: string;
  version: string;
  sortKey: number[];
  stage: Stage;
  file: string;
  name: string;
}

function versionKey(folder: string, series: string | null): number[] | null {
  if (folder === '0.0.0') return [-1];
  const v = odooVersion(folder);
  if (v === null) return null;
  const s = (v.series ?? series ?? '0.0').split('.').map(Number);
  return [...s, ...v.addon.split('.').map(Number)];
}

const compare = (a: number[], b: number[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};

/** Where `migrate(...)` is defined (what Odoo calls), and the script's docstring's first line. */
function entry(file: string, text: string): { line: number; column: number; summary?: string } {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => /^def\s+migrate\s*\(/.test(l));
  const doc = parsePythonFile(file, text).expressions[0];
  const summary = doc?.kind === 'str' && (i < 0 || doc.line <= i + 1) ? doc.value.trim().split('\n')[0] : undefined;
  return { line: i >= 0 ? i + 1 : 1, column: 1, summary: summary || undefined };
}

export function planOdooUpdates(texts: ReadonlyMap<string, string>, addonDirs: ReadonlyMap<string, string>, order: readonly string[], series: string | null): UpdatePlan {
  const diagnostics: Diagnostic[] = [];
  const scripts: Script[] = [];
  for (const file of texts.keys()) {
    const m = SCRIPT.exec(file);
    if (!m) continue;
    // The folder two levels up must be an addon of the graph.
    const addonDir = dirOf(dirOf(dirOf(file)));
    const addon = addonDirs.get(addonDir);
    if (addon === undefined) continue;
    const sortKey = versionKey(m[1], series);
    if (sortKey === null) {
      diagnostics.push({ rule: 'manifest-invalid', severity: 'warning', message: `migration folder '${m[1]}' is not an Odoo version (16.0.1.2.0 or 1.2.0): Odoo never runs ${baseOf(file)}`, module: addon, file, line: 1, column: 1 });
      continue;
    }
    scripts.push({ addon, version: m[1], sortKey, stage: m[3] as Stage, file, name: m[2] });
  }
  const byAddon = new Map<string, Script[]>();
  for (const s of scripts) byAddon.set(s.addon, [...(byAddon.get(s.addon) ?? []), s]);
  const sorted = (addon: string, stage: Stage) =>
    (byAddon.get(addon) ?? []).filter((s) => s.stage === stage).sort((a, b) => compare(a.sortKey, b.sortKey) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const steps: UpdateStep[] = [];
  const step = (s: Script): UpdateStep => {
    const at = entry(s.file, texts.get(s.file) as string);
    return { id: `${s.addon}/${s.version}/${s.name}`, module: s.addon, kind: `${s.stage}-migration`, number: null, summary: at.summary, file: s.file, line: at.line, column: at.column, after: [] };
  };
  for (const addon of order) for (const stage of ['pre', 'post'] as const) steps.push(...sorted(addon, stage).map(step));
  for (const addon of order) steps.push(...sorted(addon, 'end').map(step));
  return { steps, diagnostics, runWith: 'odoo -u (pre- and post- scripts around each addon by version, then end- scripts)', notRun: 'its updates are Python, which the workbench reads but never runs' };
}
