import type { MigrationDatabase, MigrationPlan } from '../../common/contract-migrations';
import type { PermissionCatalog } from '../../common/contract-permissions';
import type { CheckReport, ModuleRecord, PlatformInfo, Tier } from '../../common/model';
import type { ProfileCapabilities } from '../../service/capabilities';
import { diagnosticsTable, table } from './markdown';

export interface PlatformReportData {
  platform: PlatformInfo;
  check: CheckReport;
  modules: readonly ModuleRecord[];
  profiles: readonly ProfileCapabilities[];
  catalog: PermissionCatalog;
  plan: MigrationPlan;
  database: MigrationDatabase;
  version: string;
}

const TIERS: readonly Tier[] = ['core', 'optional', 'internal'];
const TIER_NOTE: Record<Tier, string> = { core: 'always enabled', optional: 'enabled per platform', internal: 'admin-only tooling' };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const dash = (list: readonly string[]) => (list.length > 0 ? list.join(', ') : '—');

function modulesByTier(d: PlatformReportData): string[] {
  const out = ['## Modules by tier', ''];
  for (const tier of TIERS) {
    const mods = d.modules.filter((m) => m.tier === tier);
    if (mods.length === 0) continue;
    out.push(`### ${tier} (${plural(mods.length, 'module')}, ${TIER_NOTE[tier]})`, '');
    out.push(
      table(
        ['module', 'version', 'status', 'depends on', 'description'],
        mods.map((m) => [m.name, m.version ?? '—', m.status, dash(m.manifest.dependencies.map((x) => x.name)), m.manifest.description ?? '']),
      ),
      '',
    );
  }
  return out;
}

function loadOrder(d: PlatformReportData): string[] {
  const tierOf = new Map(d.modules.map((m) => [m.name, m.tier]));
  return ['## Load order', '', ...d.check.order.map((name, i) => `${i + 1}. ${name} (${tierOf.get(name) ?? '?'})`), ''];
}

function capabilities(d: PlatformReportData): string[] {
  const out = ['## Capabilities per profile', ''];
  for (const p of d.profiles) {
    out.push(`### ${p.profile}${p.isDefault ? ' (default)' : ''}`, '');
    const runtime = p.provided.filter((x) => x.by.startsWith('profile:')).map((x) => `${x.capability}${x.version ? ` ${x.version}` : ''}`);
    out.push(`Provided by the runtime: ${dash(runtime)}.`, '');
    const caps = [...new Set([...p.provided.map((x) => x.capability), ...p.required.map((x) => x.capability)])].sort();
    out.push(
      table(
        ['capability', 'provided by', 'required by', 'state'],
        caps.map((c) => {
          const req = p.required.filter((r) => r.capability === c);
          const bad = req.filter((r) => r.state !== 'ok').map((r) => `${r.module}: ${r.state}`);
          return [c, dash(p.provided.filter((x) => x.capability === c).map((x) => `${x.by.replace(/^profile:/, 'runtime ')}${x.version ? ` ${x.version}` : ''}`)), dash(req.map((r) => `${r.module}${r.range ? ` (${r.range})` : ''}`)), bad.length > 0 ? bad.join('; ') : 'ok'];
        }),
      ),
      '',
    );
    if (p.missing.length > 0) out.push(`Missing: ${p.missing.map((m) => `${code(m.capability)} (required by ${m.requiredBy.join(', ')}; blocks ${dash(m.blocks)})`).join('; ')}.`, '');
    if (p.blocked.length > 0) out.push(`Cannot load under ${p.profile}: ${p.blocked.map((b) => b.module).join(', ')}.`, '');
  }
  return out;
}

function permissions(d: PlatformReportData): string[] {
  const c = d.catalog;
  const out = ['## Permissions', '', `${plural(c.permissions.length, 'permission')} declared; roles in ${code(c.rolesFile)}.`, ''];
  out.push(
    table(
      ['permission', 'module', 'routes', 'granted by', 'risk'],
      c.permissions.map((p) => [code(p.id), p.module, String(p.routes.length), dash([...new Set(p.grantedBy.map((g) => g.role))]), p.risk ?? (p.wildcard ? '(broad scope)' : '')]),
    ),
    '',
  );
  if (c.roles.length > 0) {
    out.push('### Roles', '', table(['role', 'grants', 'description or risk'], c.roles.map((r) => [r.name, dash(r.grants.map((g) => code(g.id))), r.description ?? r.risk ?? ''])), '');
  }
  return out;
}

function migrations(d: PlatformReportData): string[] {
  const steps = d.plan.steps;
  const pending = steps.filter((s) => s.status !== 'applied');
  const out = ['## Migration plan', ''];
  out.push(`Against ${code(d.database.path)} (${d.database.exists ? 'exists' : 'not created yet: every migration is pending'}): ${plural(steps.length, 'migration')}, ${pending.length} pending.`, '');
  if (pending.length === 0) return [...out, 'Nothing to run.', ''];
  out.push(
    table(
      ['wave', 'migration', 'module', 'phase', 'status'],
      pending.map((s) => [String(s.wave), code(s.id), s.module, s.phase, s.reason ? `${s.status}: ${s.reason}` : s.status]),
    ),
    '',
    'Waves 3 (contract) and 4 (maintenance) need a maintenance window.',
    '',
  );
  return out;
}

/** A Markdown report of the platform for a wiki page: modules, load order, capabilities, permissions, migrations, findings. */
export function formatPlatformReport(d: PlatformReportData): string {
  const s = d.check.summary;
  const tiers = TIERS.map((t) => `${d.modules.filter((m) => m.tier === t).length} ${t}`).join(', ');
  const findings = d.check.diagnostics.length + d.plan.diagnostics.length + d.catalog.diagnostics.length;
  const out = [
    `# Platform report: ${d.platform.name}`,
    '',
    `Generated by Module Workbench ${d.version}. ${plural(d.modules.length, 'module')} (${tiers}); core version ${d.platform.coreVersion ?? 'not set'}; profiles ${d.profiles.map((p) => (p.isDefault ? `${p.profile} (default)` : p.profile)).join(', ')}; checks: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.waived} waived.`,
    '',
    ...modulesByTier(d),
    ...loadOrder(d),
    ...capabilities(d),
    ...permissions(d),
    ...migrations(d),
    '## Findings',
    '',
  ];
  const all = [...d.check.diagnostics, ...d.plan.diagnostics.filter((x) => !d.check.diagnostics.some((y) => y.rule === x.rule && y.message === x.message)), ...d.catalog.diagnostics];
  out.push(findings === 0 ? 'None: `mwb check` passes.' : diagnosticsTable(all), '');
  return out.join('\n');
}
