import fc from 'fast-check';
import { stringify } from 'yaml';

/**
 * Generators for whole checkouts: plausible platforms (so the deep rules run: dependencies resolve,
 * permissions are granted, migrations have phases) that are then damaged at random (bytes flipped,
 * lines cut or duplicated, YAML and SQL syntax broken), so the engine sees both the inputs it was
 * written for and the ones it was not.
 */

export type CaseFiles = Record<string, string | Uint8Array>;

const NAMES = ['core', 'tenancy', 'billing', 'orders', 'audit', 'blog', 'x', 'Bad_Name', 'a-b'];
const TIERS = ['core', 'optional', 'internal', 'gold', 7, null];
const VERSIONS = ['1.0.0', '2.3.1', '0.0.1', '1.0', 'v1', '', '1.0.0-beta.1', 3];
const RANGES = ['', ' >= 1.0.0', ' ^2.0.0', ' <1.0.0', ' >=1.0.0 <2.0.0', ' banana', ' *'];
const CAPS = ['database.sql', 'storage.blob', 'queue.jobs', 'mail.smtp', 'billing.invoicing', 'x'];
const SEGMENTS = ['invoice', 'read', 'write', '*', 'Bad', '', 'a.b', 'manage', 'order'];
const PHASES = ['expand', 'backfill', 'contract', 'maintenance', 'other'];
const ROLES = ['admin', 'viewer', 'billing-clerk', 'support', 'auditor'];
const EVENTS = ['billing.invoice.issued', 'orders.order.placed', 'core.tenant.created', 'bad event'];
const CRONS = ['0 * * * *', '@daily', '61 * * * *', '* * *', '*/5 1-3 * * MON-FRI'];

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

/**
 * What a hostile checkout puts into text fields for a terminal: CSI (clear screen, colours), OSC
 * (window title, OSC 8 hyperlinks), BEL, C1 controls, NUL, carriage returns and bidi overrides.
 */
const CONTROL = ['\u001b[2J', '\u001b[31m', '\u001b]0;title\u0007', '\u001b]8;;https://evil.example/\u001b\\', '\u0007', '\u009b2J', '\u0085', '\u0000', '\r', '\b', '\u202e', '\u2066', '\u200f', '\ufeff'];
const controlled = (base: fc.Arbitrary<string>) => fc.tuple(base, pick(CONTROL), fc.nat()).map(([text, c, at]) => text.slice(0, at % (text.length + 1)) + c + text.slice(at % (text.length + 1)));
/** Free text, with control or bidi characters in one case of four. */
const text = (maxLength: number) => fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength }) }, { weight: 1, arbitrary: controlled(fc.string({ maxLength })) });
/** A value from a list, with a control or bidi character slipped in now and then. */
const pickText = (values: readonly string[]) => fc.oneof({ weight: 6, arbitrary: pick(values) }, { weight: 1, arbitrary: controlled(pick(values)) });

const permissionId = (module: string) =>
  fc.oneof(
    fc.tuple(pick(SEGMENTS), pick(SEGMENTS)).map(([a, b]) => `${module}.${a}.${b}`),
    fc.tuple(pick(NAMES), pick(SEGMENTS)).map(([m, a]) => `${m}.${a}`),
    pick(['*', `${module}.*`, 'noDots', '', 'a..b']),
  );

function manifestArb(name: string) {
  return fc.record(
    {
      name: fc.oneof(fc.constant(name), pick(NAMES)),
      version: pick(VERSIONS),
      tier: pick(TIERS),
      description: text(30),
      min_core_version: pick(['>=1.0.0', '^2.0.0', 'nonsense', '']),
      dependencies: fc.array(fc.tuple(pickText(NAMES), pickText(RANGES)).map(([n, r]) => n + r), { maxLength: 4 }),
      optional_dependencies: fc.array(pick(NAMES), { maxLength: 2 }),
      capabilities: fc.record(
        {
          requires: fc.array(fc.tuple(pickText(CAPS), pick(RANGES)).map(([c, r]) => c + r), { maxLength: 3 }),
          provides: fc.array(fc.tuple(pick(CAPS), pick(['', ' 1.0.0', ' 2.1.0', ' x'])).map(([c, v]) => c + v), { maxLength: 2 }),
        },
        { requiredKeys: [] },
      ),
      permissions: fc.array(
        fc.record(
          { id: permissionId(name), description: text(10), risk: text(10), default_roles: fc.array(pickText(ROLES), { maxLength: 3 }) },
          { requiredKeys: ['id'] },
        ),
        { maxLength: 4 },
      ),
      routes: fc.array(
        fc.record(
          {
            method: pick(['GET', 'POST', 'DELETE', 'FETCH']),
            path: pickText(['/api/x', '/api/{id}', '', '/']),
            permission: permissionId(name),
            permissions: fc.array(permissionId(name), { maxLength: 2 }),
            public: fc.boolean(),
            tenant_scoped: fc.boolean(),
          },
          { requiredKeys: ['method', 'path'] },
        ),
        { maxLength: 3 },
      ),
      events: fc.record({ publishes: fc.array(pick(EVENTS), { maxLength: 2 }), subscribes: fc.array(pickText(EVENTS), { maxLength: 2 }) }, { requiredKeys: [] }),
      tenancy: pick(['scoped', 'global', 'partly']),
      migrations: pick(['migrations', 'db', '../escape', '/abs', 'migrations/']),
      hooks: fc.record({ on_startup: pick(['core.hooks:start', 'scripts/run.sh']), on_enable: pick(['x:y', '']) }, { requiredKeys: [] }),
      tasks: fc.array(fc.record({ name: pick(['sweep', 'renew', '']), handler: pick(['m.tasks:sweep', 'h']) }), { maxLength: 2 }),
      schedules: fc.array(fc.record({ task: pick(['sweep', 'renew', 'ghost']), cron: pick(CRONS) }), { maxLength: 2 }),
      error_codes: fc.array(fc.record({ code: pickText(['E_ONE', 'E_TWO', 'bad', 'E_ONE']), message: text(8) }), { maxLength: 2 }),
      message_catalogs: fc.array(pick(['messages/en.yaml', '../out.yaml', '/etc/passwd', 'missing.yaml']), { maxLength: 2 }),
      config: fc.record({ schema: pick([{ type: 'object', properties: { n: { type: 'integer' } } }, { type: 'nonsense' }, {}]), defaults: pick([{ n: 1 }, { n: 'x' }, {}]) }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  );
}

const sqlStatement = fc.oneof(
  pick([
    'CREATE TABLE t (id INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL)',
    'CREATE TABLE u (id INTEGER PRIMARY KEY, name TEXT)',
    'CREATE INDEX i ON t (tenant_id)',
    'ALTER TABLE t ADD COLUMN note TEXT',
    'ALTER TABLE t ADD COLUMN flag INTEGER NOT NULL',
    "INSERT INTO t (id, tenant_id) VALUES (1, 'a;b')",
    "UPDATE t SET note = 'it''s' WHERE tenant_id = 'x'",
    'DELETE FROM u',
    'DROP TABLE u',
    'ALTER TABLE t RENAME TO t2',
    'CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET note = 1; SELECT 1; END',
    '/* block ; comment */ SELECT 1',
    'SELECT "quoted;ident" FROM t',
    "SELECT 'unterminated",
    'BEGIN',
    '',
  ]),
  text(40),
);

const sqlFile = fc.tuple(fc.array(pick(['-- depends: billing_0001_a', '-- waiver: migration-phase-violation because', '-- depends:', '-- plain comment']), { maxLength: 2 }), fc.array(sqlStatement, { maxLength: 5 })).map(([headers, statements]) => [...headers, ...statements.map((s) => `${s};`)].join('\n') + '\n');

const migrationName = (module: string) =>
  fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 12 }), pick(['add_table', 'invoice_status', 'x']), pick(PHASES)).map(([n, slug, phase]) => `${module}_${String(n).padStart(4, '0')}_${slug}.${phase}.sql`),
    pick(['readme.sql', `${module}_1_x.expand.sql`, `other_0001_x.expand.sql`, `${module}_0001_X Y.backfill.sql`]),
  );

const rolesArb = fc.dictionary(
  pick(ROLES),
  fc.record({ grants: fc.array(fc.oneof(permissionId('billing'), pickText(['*', 'core.*', 'ghost.thing.read'])), { maxLength: 4 }), risk: fc.oneof(fc.constant(undefined), text(12)) }, { requiredKeys: ['grants'] }),
  { maxKeys: 4 },
);

const platformArb = fc.record(
  {
    name: pickText(['acme', '', 'x']),
    core_version: pick(['2.3.0', '1.0.0', 'nope']),
    modules: fc.oneof(fc.constant(['modules/*']), fc.constant(['../outside/*']), fc.constant(['modules/*', 'extra/*'])),
    profiles: fc.dictionary(pickText(['default', 'full', 'ci']), fc.record({ capabilities: fc.array(fc.tuple(pickText(CAPS), pick(['', ' 1.0.0', ' 2.0.0'])).map(([c, v]) => c + v), { maxLength: 4 }) }), { maxKeys: 2 }),
    default_profile: pick(['default', 'full', 'ghost']),
    waivers: fc.array(fc.record({ rule: pickText(['dependency-missing', 'tier-violation', 'made-up']), module: pick(NAMES), reason: pickText(['because', '']) }, { requiredKeys: ['rule'] }), { maxLength: 2 }),
    tenancy: fc.record({ column: pick(['tenant_id', 'org_id', '1bad']) }),
  },
  { requiredKeys: ['name'] },
);

const noteArb = fc
  .record({
    title: text(12),
    kind: pick(['architecture', 'migration', 'essay']),
    status: pick(['draft', 'proposed', 'accepted', 'superseded', 'lost']),
    date: pick(['2026-01-02', 'yesterday']),
    modules: fc.array(pickText(NAMES), { maxLength: 3 }),
  }, { requiredKeys: [] })
  .map((fm) => `---\n${stringify(fm)}---\n\n# Title\n\nBody text.\n`);

/** A mutation applied to a file's text: the ways real files get broken. */
const mutation = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(pick([':', '- ', '"', "'", '&a ', '*a ', '\t', '{', '[', '#', '\n  ', '---\n', '\u0000', 'ü', '\r\n', ';', '/*', '--', 'END', 'BEGIN ']), fc.string({ maxLength: 6 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bad-bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }) },
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, m: Mutation): string | Uint8Array {
  const at = 'at' in m ? m.at % (text.length + 1) : 0;
  switch (m.kind) {
    case 'none':
      return text;
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate-line': {
      const lines = text.split('\n');
      const i = at % Math.max(lines.length, 1);
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
    case 'bad-bytes': {
      const bytes = Buffer.from(text, 'utf8');
      const i = at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, i), Buffer.from(m.bytes), bytes.subarray(i)]);
    }
  }
}

const mutated = <T>(arb: fc.Arbitrary<T>, render: (value: T) => string) => fc.tuple(arb, mutation).map(([v, m]) => mutate(render(v), m));

// Folder names may hold control characters too (NUL and '/' aside, a file system takes anything).
const moduleArb = fc.oneof({ weight: 8, arbitrary: pick(NAMES.slice(0, 6)) }, { weight: 1, arbitrary: pick(['shop\u001b[31m', 'bad\u202eecnalab', 'bell\u0007']) }).chain((folder) =>
  fc.record({
    folder: fc.constant(folder),
    manifest: fc.oneof({ weight: 9, arbitrary: mutated(manifestArb(folder), (m) => stringify(m)) }, { weight: 1, arbitrary: pick(['', '- a list\n', 'name: [unclosed\n', 'a: &a [*a]\n']) }),
    migrations: fc.array(fc.tuple(migrationName(folder), mutated(sqlFile, (s) => s)), { maxLength: 4 }),
    sources: fc.array(fc.tuple(pick(['src/repo.ts', 'src/db.py', 'lib/q.go', 'src/x.js']), pick(['const q = "SELECT * FROM t";\n', 'q = "UPDATE t SET a = 1 WHERE tenant_id = ?"\n', "x = 'DELETE FROM u'\n", 'q = "DELETE FROM t WHERE note = \'\u001b[2J\'"\n', 'no sql here\n'])), { maxLength: 2 }),
  }),
);

/** A whole checkout as a map of relative path -> content. */
export const checkoutArb: fc.Arbitrary<CaseFiles> = fc
  .record({
    platform: fc.option(mutated(platformArb, (p) => stringify(p)), { nil: undefined, freq: 8 }),
    roles: fc.option(mutated(rolesArb, (r) => stringify({ roles: r })), { nil: undefined, freq: 5 }),
    modules: fc.array(moduleArb, { maxLength: 5 }),
    notes: fc.array(mutated(noteArb, (n) => n), { maxLength: 2 }),
  })
  .map(({ platform, roles, modules, notes }) => {
    const files: CaseFiles = {};
    if (platform !== undefined) files['platform.yaml'] = platform;
    if (roles !== undefined) files['roles.yaml'] = roles;
    for (const m of modules) {
      files[`modules/${m.folder}/module.yaml`] = m.manifest;
      for (const [name, sql] of m.migrations) files[`modules/${m.folder}/migrations/${name}`] = sql;
      for (const [rel, text] of m.sources) files[`modules/${m.folder}/${rel}`] = text;
      files[`modules/${m.folder}/messages/en.yaml`] = 'hello: world\n';
    }
    notes.forEach((n, i) => (files[`docs/notes/${String(i + 1).padStart(4, '0')}-note.md`] = n));
    return files;
  });
