#!/usr/bin/env node
// Synthetic, valid platform checkouts for the benchmark (SPEC §1-§5).
// Deterministic for a seed; every reference points at an earlier module, so the
// graph is acyclic, tiers are respected and every range is satisfied.
//
//   node scripts/bench/generate.mjs <dir> <n> [--seed S]

import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRandom } from './random.mjs';
import { toYaml } from './yaml-emit.mjs';

export { toYaml };

/** Bump when the output changes, so cached platforms under .bench/ are regenerated. */
export const GENERATOR_VERSION = 2;
/** Written at the root of every generated platform; its presence allows overwriting the folder. */
export const MARKER_FILE = '.bench-platform.json';

const CORE_VERSION = '3.2.0';
const TENANT_COLUMN = 'tenant_id';
const ROLES = ['admin', 'editor', 'viewer', 'support'];
const DEFAULT_PROFILE_CAPS = ['db 1.4.0', 'http 2.1.0', 'cache 1.0.0', 'i18n 1.2.0'];
const FULL_PROFILE_CAPS = [...DEFAULT_PROFILE_CAPS, 'search 1.1.0', 'queue 2.0.0', 'mail 1.3.0'];
const DEFAULT_PROFILE_CAP_NAMES = DEFAULT_PROFILE_CAPS.map((c) => c.split(' ')[0]);

const DOMAINS = [
  'billing', 'invoices', 'payments', 'catalog', 'orders', 'shipping', 'inventory', 'crm',
  'contacts', 'tickets', 'helpdesk', 'reports', 'analytics', 'audit', 'search', 'files',
  'media', 'mailer', 'notify', 'calendar', 'tasks', 'projects', 'timesheets', 'hr',
  'payroll', 'assets', 'fleet', 'booking', 'pricing', 'tax', 'ledger', 'budget', 'wiki',
  'forums', 'chat', 'surveys', 'forms', 'workflow', 'sso', 'webhooks', 'exports', 'imports',
  'loyalty', 'coupons', 'reviews', 'warranty', 'returns', 'vendors', 'contracts', 'quotes',
];
const RESOURCES = ['item', 'record', 'entry', 'setting', 'report', 'job', 'batch', 'note', 'attachment', 'comment'];
const ACTIONS = ['read', 'create', 'update', 'delete', 'export', 'approve', 'manage'];
const VERBS = ['created', 'updated', 'deleted', 'archived', 'approved', 'synced'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const CRONS = ['*/15 * * * *', '0 * * * *', '30 2 * * *', '0 3 * * 1', '0 0 1 * *', '5,35 * * * *', '0 9-17 * * 1-5', '@daily', '@hourly'];
const HOOKS = ['on_startup', 'on_shutdown', 'on_enable', 'on_disable', 'health_check'];
const ERROR_SUFFIXES = ['NOT_FOUND', 'CONFLICT', 'INVALID_STATE', 'QUOTA_EXCEEDED', 'LOCKED', 'EXPIRED'];

// ---------------------------------------------------------------------------

const TIER_RANK = { core: 0, optional: 1, internal: 2 };

function moduleName(i, width, rnd) {
  return `m${String(i).padStart(width, '0')}-${rnd.pick(DOMAINS)}`;
}

const snake = (name) => name.replace(/-/g, '_');
const upper = (name) => name.replace(/-/g, '_').toUpperCase();

/** A range the given version satisfies, in one of the forms people write. */
function rangeFor(version, rnd) {
  const [major, minor] = version.split('.').map(Number);
  switch (rnd.int(0, 3)) {
    case 0: return `>= ${major}.0.0`;
    case 1: return `>=${major}.${minor}.0`;
    case 2: return `^${major}.${minor}.0`;
    default: return `>=${major}.0.0 <${major + 1}.0.0`;
  }
}

/**
 * Pick `k` distinct earlier modules whose tier rank is <= maxRank.
 * Half of the picks favour recent modules, which gives the graph some depth.
 */
function pickEarlier(pools, maxRank, k, rnd, exclude) {
  // Pools per tier hold indices in creation order; view them as one virtual list.
  const lists = [pools.core, pools.optional, pools.internal].slice(0, maxRank + 1);
  const total = lists.reduce((s, l) => s + l.length, 0);
  const chosen = new Set();
  const want = Math.min(k, total - (exclude ? exclude.size : 0));
  let guard = 0;
  while (chosen.size < want && guard++ < 50 * (want + 1)) {
    const list = lists[Math.floor(rnd.next() * lists.length)];
    if (list.length === 0) continue;
    const idx = rnd.chance(0.5)
      ? list[list.length - 1 - Math.floor(rnd.next() * Math.min(40, list.length))]
      : list[Math.floor(rnd.next() * list.length)];
    if (exclude && exclude.has(idx)) continue;
    chosen.add(idx);
  }
  return [...chosen];
}

function configFor(rnd) {
  const modes = ['fast', 'safe', 'balanced'];
  const schema = {
    type: 'object',
    additionalProperties: false,
    required: ['enabled'],
    properties: {
      enabled: { type: 'boolean' },
      page_size: { type: 'integer', minimum: 1, maximum: 500 },
      mode: { type: 'string', enum: modes },
      label: { type: 'string', maxLength: 40 },
    },
  };
  const defaults = { enabled: rnd.chance(0.7), page_size: rnd.int(1, 10) * 25, mode: rnd.pick(modes) };
  return { schema, defaults };
}

/**
 * Three migrations per module, one change in three phases: expand (a table), backfill (data,
 * tenant-scoped in scoped modules), contract (drops the legacy column). `dependsOn`, when given, is
 * a dependency's expand migration the backfill reads (a cross-module `-- depends:` header).
 */
function migrationsFor(m, scoped, dependsOn) {
  const table = `${snake(m.name)}_items`;
  const tenantCol = scoped ? `  ${TENANT_COLUMN} TEXT NOT NULL,\n` : '';
  const indexCols = scoped ? `${TENANT_COLUMN}, status` : 'status';
  const expand =
    `-- ${m.name}: initial schema\n` +
    `CREATE TABLE ${table} (\n` +
    '  id INTEGER PRIMARY KEY,\n' +
    tenantCol +
    '  name TEXT NOT NULL,\n' +
    '  status TEXT,\n' +
    '  legacy_code TEXT,\n' +
    "  created_at TEXT NOT NULL DEFAULT (datetime('now'))\n" +
    ');\n' +
    `CREATE INDEX ${table}_status_idx ON ${table} (${indexCols});\n`;
  const scopeClause = scoped ? ` AND ${TENANT_COLUMN} IS NOT NULL` : '';
  const backfill =
    `-- ${m.name}: carry legacy codes over into status (idempotent)\n` +
    (dependsOn ? `-- depends: ${dependsOn}\n` : '') +
    `UPDATE ${table} SET status = legacy_code WHERE status IS NULL AND legacy_code IS NOT NULL${scopeClause};\n`;
  const contract =
    `-- ${m.name}: legacy_code is no longer read\n` +
    `ALTER TABLE ${table} DROP COLUMN legacy_code;\n`;
  return [
    [`${m.name}_0001_init.expand.sql`, expand],
    [`${m.name}_0002_retire_legacy_code.backfill.sql`, backfill],
    [`${m.name}_0003_retire_legacy_code.contract.sql`, contract],
  ];
}

/**
 * Build the platform in memory: { platform, roles, modules: [{name, manifest, migrations}] }.
 * Pure; `generatePlatform` writes it.
 */
export function buildPlatform(n, { seed = 1 } = {}) {
  if (!Number.isInteger(n) || n < 1) throw new Error(`n must be a positive integer, got ${n}`);
  const rnd = makeRandom(seed);
  const width = Math.max(4, String(n).length);
  const pools = { core: [], optional: [], internal: [] };
  const mods = []; // { name, tier, version, publishes, provides }
  const capPool = []; // { name, version, providerRank }
  const eventPool = []; // { name, rank }
  const grants = Object.fromEntries(ROLES.map((r) => [r, []]));
  const out = [];

  for (let i = 0; i < n; i++) {
    let name;
    let tier;
    let version;
    if (i === 0) {
      name = 'core';
      tier = 'core';
      version = CORE_VERSION;
    } else {
      name = moduleName(i, width, rnd);
      const r = rnd.next();
      tier = r < 0.05 ? 'core' : r < 0.9 ? 'optional' : 'internal';
      version = `${rnd.int(1, 4)}.${rnd.int(0, 12)}.${rnd.int(0, 9)}`;
    }
    const rank = TIER_RANK[tier];
    const scoped = i !== 0 && rnd.chance(0.3);
    const m = { name, tier, version };

    // Dependencies: earlier modules only, tier-respecting; most also depend on core.
    let deps = [];
    let optDeps = [];
    if (i > 0) {
      const k = rnd.int(1, 4);
      const picked = new Set(rnd.chance(0.6) ? [0] : []);
      for (const idx of pickEarlier(pools, rank, k - picked.size, rnd, picked)) picked.add(idx);
      deps = [...picked].sort((a, b) => a - b);
      if (rnd.chance(0.2)) optDeps = pickEarlier(pools, rank, rnd.int(1, 2), rnd, picked).sort((a, b) => a - b);
    }
    const depRef = (idx) => {
      const d = mods[idx];
      return rnd.chance(0.4) ? `${d.name} ${rangeFor(d.version, rnd)}` : d.name;
    };

    // Capabilities: unique provisions; requirements from earlier providers of a
    // compatible tier, or from the default profile.
    const provides = [];
    for (let k = 0, c = rnd.int(0, 2); k < c; k++) {
      const cap = { name: `cap-${i}-${k}`, version: `1.${rnd.int(0, 9)}.0`, rank };
      provides.push(cap);
    }
    const requires = [];
    const reqCount = i === 0 ? 1 : rnd.int(0, 2);
    const reqSeen = new Set();
    for (let k = 0; k < reqCount; k++) {
      let capName;
      if (capPool.length === 0 || rnd.chance(0.3)) {
        capName = rnd.pick(DEFAULT_PROFILE_CAP_NAMES);
      } else {
        const cap = capPool[capPool.length - 1 - Math.floor(rnd.next() * Math.min(200, capPool.length))];
        if (cap.rank > rank) continue;
        capName = cap.name;
      }
      if (reqSeen.has(capName)) continue;
      reqSeen.add(capName);
      requires.push(rnd.chance(0.5) ? `${capName} >=1.0.0` : capName);
    }

    // Permissions, routes, roles.
    const permissions = [];
    const resources = rnd.sample(RESOURCES, 2);
    const permIds = new Set();
    for (let k = 0, c = rnd.int(2, 4); k < c; k++) {
      const id = `${name}.${rnd.pick(resources)}.${rnd.pick(ACTIONS)}`;
      if (permIds.has(id)) continue;
      permIds.add(id);
      const action = id.split('.').pop();
      const roles = ['admin'];
      if (action === 'read') roles.push('viewer', 'editor', 'support');
      else if (action === 'create' || action === 'update') roles.push('editor');
      else if (action === 'export') roles.push('support');
      const perm = { id, description: `${action[0].toUpperCase()}${action.slice(1)} ${id.split('.')[1]}s of ${name}`, default_roles: roles };
      if (action === 'delete' || action === 'manage') perm.risk = `Destructive: ${action} removes or rewrites ${name} data`;
      permissions.push(perm);
      for (const r of roles) grants[r].push(id);
    }
    const permList = [...permIds];
    const routes = [];
    const routeKeys = new Set();
    for (let k = 0, c = rnd.int(2, 5); k < c; k++) {
      const res = rnd.pick(resources);
      const method = rnd.pick(METHODS);
      const p = method === 'GET' && rnd.chance(0.5) ? `/${name}/${res}s` : `/${name}/${res}s/{id}`;
      if (routeKeys.has(`${method} ${p}`)) continue;
      routeKeys.add(`${method} ${p}`);
      const route = { method, path: p };
      // Prefer a permission on the route's resource, as a hand-written manifest would.
      const onResource = permList.filter((id) => id.split('.')[1] === res);
      if (method === 'GET' && rnd.chance(0.15)) route.public = true;
      else if (permList.length > 1 && rnd.chance(0.1)) route.permissions = rnd.sample(permList, 2);
      else route.permission = rnd.pick(onResource.length ? onResource : permList);
      if (scoped) route.tenant_scoped = true;
      routes.push(route);
    }

    // Events: publish own, subscribe to earlier ones of a compatible tier.
    const publishes = [];
    for (let k = 0, c = rnd.int(1, 2); k < c; k++) {
      const ev = `${name}.${rnd.pick(resources)}.${rnd.pick(VERBS)}`;
      if (!publishes.includes(ev)) publishes.push(ev);
    }
    const subscribes = [];
    if (eventPool.length > 0) {
      for (let k = 0, c = rnd.int(0, 2); k < c; k++) {
        const ev = eventPool[Math.floor(rnd.next() * eventPool.length)];
        if (ev.rank <= rank && !subscribes.includes(ev.name)) subscribes.push(ev.name);
      }
    }

    // Hooks, tasks, schedules, error codes.
    const hooks = {};
    for (const h of rnd.sample(HOOKS, rnd.int(1, 3))) hooks[h] = `${snake(name)}.hooks.${h}`;
    const tasks = [];
    const schedules = [];
    for (let k = 0, c = rnd.int(0, 2); k < c; k++) {
      const task = { name: `${name}-job-${k + 1}`, handler: `${snake(name)}.tasks.job_${k + 1}` };
      tasks.push(task);
      if (rnd.chance(0.8)) schedules.push({ task: task.name, cron: rnd.pick(CRONS) });
    }
    const error_codes = rnd.sample(ERROR_SUFFIXES, rnd.int(1, 2)).map((s) => ({
      code: `${upper(name)}_${s}`,
      message: `${name}: ${s.toLowerCase().replace(/_/g, ' ')}`,
    }));

    const manifest = {
      name,
      version,
      tier,
      description: `${i === 0 ? 'Platform core' : `Synthetic ${tier} module #${i}`} (benchmark)`,
      min_core_version: i > 0 && rnd.chance(0.3) ? '>=3.0.0' : undefined,
      dependencies: deps.length ? deps.map(depRef) : undefined,
      optional_dependencies: optDeps.length ? optDeps.map(depRef) : undefined,
      capabilities: requires.length || provides.length
        ? {
            requires: requires.length ? requires : undefined,
            provides: provides.length ? provides.map((c) => `${c.name} ${c.version}`) : undefined,
          }
        : undefined,
      permissions,
      routes,
      events: { publishes, subscribes: subscribes.length ? subscribes : undefined },
      tenancy: scoped ? 'scoped' : 'global',
      hooks,
      tasks: tasks.length ? tasks : undefined,
      schedules: schedules.length ? schedules : undefined,
      error_codes,
      config: i > 0 && rnd.chance(0.2) ? configFor(rnd) : undefined,
    };

    // A quarter of the modules' backfills wait for a dependency's expand migration.
    const dependsOn = deps.length > 0 && rnd.chance(0.25) ? `${mods[deps[deps.length - 1]].name}_0001_init` : undefined;
    out.push({ name, manifest, migrations: migrationsFor(m, scoped, dependsOn) });
    mods.push(m);
    pools[tier].push(i);
    for (const c of provides) capPool.push(c);
    for (const e of publishes) eventPool.push({ name: e, rank });
  }

  const platform = {
    name: `bench-${n}`,
    core_version: CORE_VERSION,
    modules: ['modules/*'],
    profiles: {
      default: { description: 'Baseline runtime', capabilities: DEFAULT_PROFILE_CAPS },
      full: { description: 'Every runtime service', capabilities: FULL_PROFILE_CAPS },
    },
    default_profile: 'default',
    tenancy: { column: TENANT_COLUMN },
  };
  const roles = { roles: Object.fromEntries(ROLES.map((r) => [r, { grants: grants[r] }])) };
  return { platform, roles, modules: out };
}

/** Refuse to clobber a folder that is neither empty nor one of ours. */
function prepareDir(dir) {
  if (existsSync(dir)) {
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes(MARKER_FILE)) {
      throw new Error(`${dir} is not empty and is not a generated platform; refusing to overwrite it`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(path.join(dir, 'modules'), { recursive: true });
}

/** Write a platform of `n` modules into `dir`. Returns a short summary. */
export function generatePlatform(dir, n, { seed = 1 } = {}) {
  const built = buildPlatform(n, { seed });
  prepareDir(dir);
  const header = `# Generated by scripts/bench/generate.mjs (n=${n}, seed=${seed}); do not edit.\n`;
  writeFileSync(path.join(dir, 'platform.yaml'), header + toYaml(built.platform));
  writeFileSync(path.join(dir, 'roles.yaml'), header + toYaml(built.roles));
  let files = 2;
  for (const mod of built.modules) {
    const modDir = path.join(dir, 'modules', mod.name);
    const migDir = path.join(modDir, 'migrations');
    mkdirSync(migDir, { recursive: true });
    writeFileSync(path.join(modDir, 'module.yaml'), toYaml(mod.manifest));
    files++;
    for (const [file, sql] of mod.migrations) {
      writeFileSync(path.join(migDir, file), sql);
      files++;
    }
  }
  const marker = { generator: 'scripts/bench/generate.mjs', version: GENERATOR_VERSION, n, seed };
  writeFileSync(path.join(dir, MARKER_FILE), JSON.stringify(marker, null, 2) + '\n');
  return { dir, n, seed, files };
}

function parseCli(argv) {
  const positional = [];
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seed') seed = argv[++i];
    else if (a.startsWith('--seed=')) seed = a.slice('--seed='.length);
    else if (a === '-h' || a === '--help') return null;
    else positional.push(a);
  }
  if (positional.length !== 2) return null;
  const n = Number(positional[1]);
  if (seed !== undefined && /^\d+$/.test(String(seed))) seed = Number(seed);
  if (!Number.isInteger(n) || n < 1 || seed === undefined) return null;
  return { dir: positional[0], n, seed };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseCli(process.argv.slice(2));
  if (!args) {
    process.stderr.write('usage: node scripts/bench/generate.mjs <dir> <n> [--seed S]\n');
    process.exit(2);
  }
  const t0 = performance.now();
  try {
    const res = generatePlatform(args.dir, args.n, { seed: args.seed });
    process.stdout.write(`generated ${res.n} modules (${res.files} files, seed ${res.seed}) in ${res.dir} in ${Math.round(performance.now() - t0)} ms\n`);
  } catch (err) {
    process.stderr.write(`generate: ${err.message}\n`);
    process.exit(2);
  }
}
