import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorkbenchSnapshot } from '../src-main/common/contract';
import { parseManifest } from '../src-main/engine/manifest';
import { permissionCatalog, permissionContext } from '../src-main/service/permissions';
import { WorkbenchSession } from '../src-main/service/session';
import { EXAMPLE, REPO } from './helpers/checkout';

/**
 * The session's incremental re-check (one file re-read, cached parses, edge sources and what an
 * edit cannot change kept) must give exactly the snapshot a fresh full scan of the same tree gives,
 * whatever the edit: a version, a dependency added or removed, a capability, a permission, a syntax
 * error and its fix, a comment that only moves lines, a module added or removed.
 */

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-incremental-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const session = () => new WorkbenchSession({ emit: () => undefined, watch: false });

/** What a snapshot says, without what differs between two scans of the same tree (revision, timing). */
function content(s: WorkbenchSnapshot): string {
  const { revision: _r, stats: _s, ...rest } = s;
  return JSON.stringify(rest);
}

/** The permission catalog (the Permissions view, computed on request from the session's registry), as JSON. */
const catalogOf = (dir: string, s: WorkbenchSession): string => JSON.stringify(permissionCatalog(permissionContext(dir, s.currentRegistry())));

async function fresh(dir: string): Promise<{ snapshot: string; catalog: string }> {
  const s = session();
  try {
    return { snapshot: content(await s.open(dir)), catalog: catalogOf(dir, s) };
  } finally {
    s.close();
  }
}

/**
 * `moved`: the edit only moves text or changes a record-only value (a description, a version every
 * range on it still accepts), so the session moves positions instead of re-running the checks
 * (position-edit.ts). `kind`: what the re-check is (platform.yaml is re-read whole: a full scan).
 */
type Edit = { what: string; file: string; change: (text: string) => string | null; moved?: boolean; kind?: 'full'; reused?: string[] };

/**
 * `reused`: the parts of the check the re-check keeps from the run before, their inputs unchanged
 * (check-reuse.ts; 'registry': an edit of nothing the registry reads, a permission or a route). Each such edit changes the snapshot in a part that runs, so a part wrongly
 * kept shows as a difference from the full scan.
 */
const ANALYSES = ['declared-paths', 'permissions', 'notes', 'migrations', 'tables'];
const RESOLUTIONS = ['resolution:default', 'resolution:full'];
const but = (list: string[], ...left: string[]): string[] => list.filter((p) => !left.includes(p));

async function replay(dir: string, edits: Edit[]): Promise<void> {
  const live = session();
  await live.open(dir);
  try {
    for (const edit of edits) {
      const abs = path.join(dir, edit.file);
      const before = fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : '';
      const after = edit.change(before);
      if (after !== null && after === before) throw new Error(`edit '${edit.what}' changes nothing`);
      const order = live.currentRegistry().order;
      await live.writeAndRecheck((root) => {
        const target = path.join(root, edit.file);
        if (after === null) fs.rmSync(path.dirname(target), { recursive: true, force: true });
        else {
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, after);
        }
        return { result: null, changed: [after === null ? path.posix.dirname(edit.file) : edit.file] };
      });
      const snap = live.current();
      expect(snap.stats.kind, edit.what).toBe(edit.kind ?? 'incremental');
      const full = await fresh(dir);
      expect(content(snap), edit.what).toBe(full.snapshot);
      expect(catalogOf(dir, live), `${edit.what}: the permission catalog`).toBe(full.catalog);
      if (edit.reused) expect([...(snap.stats.reused ?? [])].sort(), `${edit.what}: parts reused`).toEqual([...edit.reused].sort());
      // The registry is only rebuilt when the edit says something new.
      expect(live.currentRegistry().order === order, `${edit.what}: positions moved, nothing re-run`).toBe(edit.moved === true);
      // What later requests compute from (the permission catalog, the tables, the migrations) is the new text's.
      const parsed = live.currentRegistry().manifests.find((m) => m.file === edit.file);
      if (after !== null && parsed) expect(parsed.manifest, edit.what).toEqual(parseManifest({ dir: parsed.dir, file: parsed.file, text: after }).manifest);
    }
  } finally {
    live.close();
  }
}

describe('the incremental re-check gives what a full scan gives', () => {
  it('on the example platform, edit after edit', async () => {
    const dir = path.join(work, 'example');
    fs.cpSync(EXAMPLE, dir, { recursive: true });
    const billing = 'modules/billing/module.yaml';
    await replay(dir, [
      // billing has folded scalars (`risk: >-`) the line reader is not sure of: its edits re-check.
      { what: 'version bump every range on it still accepts', file: billing, change: (t) => t.replace('version: 1.5.0', 'version: 1.6.0') },
      { what: 'description changed', file: billing, change: (t) => t.replace(/^description: .*$/m, 'description: Edited.') },
      { what: "version that breaks a dependent's gate (analytics needs billing >= 1.4.0)", file: billing, change: (t) => t.replace('version: 1.6.0', 'version: 1.3.0') },
      { what: 'version that mends the gate', file: billing, change: (t) => t.replace('version: 1.3.0', 'version: 1.5.1') },
      { what: 'version written quoted', file: billing, change: (t) => t.replace('version: 1.5.1', 'version: "1.5.2"') },
      { what: 'version that is no version', file: billing, change: (t) => t.replace('version: "1.5.2"', 'version: banana') },
      { what: 'version fixed again', file: billing, change: (t) => t.replace('version: banana', 'version: 1.5.3') },
      { what: "core's version bumped", file: 'modules/core/module.yaml', change: (t) => t.replace('version: 2.3.0', 'version: 2.4.0') },
      { what: 'provided capability version changed', file: 'modules/payments/module.yaml', change: (t) => t.replace('    - payments.processing 1.2.0', '    - payments.processing 1.0.0') },
      { what: 'route added', file: billing, change: (t) => t.replace('routes:\n', 'routes:\n  - { method: GET, path: /api/v1/billing/extra, permission: billing.nothing.read }\n') },
      { what: 'tier changed', file: billing, change: (t) => t.replace('tier: optional', 'tier: internal') },
      { what: 'tier changed back', file: billing, change: (t) => t.replace('tier: internal', 'tier: optional') },
      { what: 'tenancy changed (tables)', file: billing, change: (t) => t.replace('tenancy: scoped', 'tenancy: global') },
      { what: 'table added in a migration', file: 'modules/billing/migrations/billing_0001_create_subscriptions.expand.sql', change: (t) => `${t}\nCREATE TABLE shared_extra (id INTEGER PRIMARY KEY);\n` },
      { what: 'roles.yaml: a grant of nothing added', file: 'roles.yaml', change: (t) => t.replace('      - core.*\n', '      - core.*\n      - nobody.thing.read\n') },
      { what: 'platform.yaml: a capability dropped from the default profile', file: 'platform.yaml', change: (t) => t.replace('      - mail.smtp 1.0.0\n', ''), kind: 'full' },
      { what: 'comment that moves every line', file: billing, change: (t) => `# moved\n# twice\n${t}` },
      { what: 'dependency added', file: billing, change: (t) => t.replace('  - payments ^1.2.0\n', '  - payments ^1.2.0\n  - orders\n') },
      { what: 'dependency on a missing module', file: billing, change: (t) => t.replace('  - orders\n', '  - nowhere >= 1.0.0\n') },
      { what: 'dependency removed', file: billing, change: (t) => t.replace('  - nowhere >= 1.0.0\n', '') },
      { what: 'capability required', file: billing, change: (t) => t.replace('    - tasks.scheduler >=2.0\n', '    - tasks.scheduler >=2.0\n    - nobody.offers >=1\n') },
      { what: 'permission added', file: billing, change: (t) => t.replace('permissions:\n', 'permissions:\n  - id: billing.extra.read\n    description: Added.\n') },
      { what: 'syntax error', file: billing, change: (t) => t.replace('tier: optional', 'tier: [optional') },
      { what: 'syntax error fixed', file: billing, change: (t) => t.replace('tier: [optional', 'tier: optional') },
      { what: 'module added', file: 'modules/extra/module.yaml', change: () => 'name: extra\nversion: 1.0.0\ndependencies:\n  - billing >= 1.0.0\n  - core\nevents:\n  subscribes:\n    - billing.invoice.issued\n' },
      { what: 'module edited after it was added (nothing depends on it)', file: 'modules/extra/module.yaml', change: (t) => t.replace('version: 1.0.0', 'version: 1.0.1'), moved: true },
      { what: 'module removed', file: 'modules/extra/module.yaml', change: () => null },
      { what: 'a depended-on module removed', file: 'modules/payments/module.yaml', change: () => null },
    ]);
  }, 120_000);

  it('on a generated platform', async () => {
    const dir = path.join(work, 'generated');
    const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
    generatePlatform(dir, 60, { seed: 3 });
    const names = fs.readdirSync(path.join(dir, 'modules')).sort();
    const mid = `modules/${names[30]}/module.yaml`;
    const first = `modules/${names[1]}/module.yaml`;
    const last = names[names.length - 1];
    // A module (not mid) that provides a capability, and that capability's name.
    const provider = names.map((n) => `modules/${n}/module.yaml`).find((f) => f !== mid && /^ {4}- cap-\d+-\d+ \d/m.test(fs.readFileSync(path.join(dir, f), 'utf8'))) as string;
    const cap = (/^ {4}- (cap-\d+-\d+) \d/m.exec(fs.readFileSync(path.join(dir, provider), 'utf8')) as RegExpExecArray)[1];
    const capLine = new RegExp(`^( {4}- ${cap}) \\d+\\.\\d+\\.\\d+$`, 'm');
    const requireCap = (t: string, req: string) => t.replace(/^capabilities:\n/m, `capabilities:\n  requires:\n    - ${req}\n`).replace(/\n {2}requires:\n((?: {4}.*\n)*) {2}requires:\n/, '\n  requires:\n$1');
    // A module with tasks, for edits of a task's handler.
    const tasked = names.map((n) => `modules/${n}/module.yaml`).find((f) => f !== mid && /^tasks:\n {2}- name: \S+\n {4}handler: \S+$/m.test(fs.readFileSync(path.join(dir, f), 'utf8'))) as string;
    await replay(dir, [
      { what: "a task's handler (read by no rule)", file: tasked, change: (t) => t.replace(/^( {4}handler: )(\S+)$/m, '$1$2_edited'), moved: true },
      { what: "a task's handler given a number (the task is dropped: its schedule names nothing)", file: tasked, change: (t) => t.replace(/^( {4}handler: )(\S+)$/m, (_, key: string) => `${key}5`) },
      { what: "the task's handler named again", file: tasked, change: (t) => t.replace(/^( {4}handler: )5$/m, '$1jobs.again') },
      { what: 'description comment (the benchmark edit)', file: mid, change: (t) => t.replace(/^description:/m, '# edit\ndescription:'), moved: true },
      { what: 'description changed (the benchmark edit)', file: mid, change: (t) => t.replace(/^description: .*$/m, 'description: "Edited, edit 1"'), moved: true },
      { what: 'patch version bump (the benchmark edit)', file: mid, change: (t) => t.replace(/^version: "?(\d+)\.(\d+)\.(\d+)"?$/m, (_, a, b, c) => `version: "${a}.${b}.${Number(c) + 1}"`), moved: true },
      { what: "a permission's description changed (the benchmark edit: no rule reads it)", file: mid, change: (t) => t.replace(/^( {4}description: )(.*)$/m, '$1"$2, edited"'), moved: true },
      { what: "an error code's message (read by no rule)", file: mid, change: (t) => t.replace(/^( {4}message: )(.*)$/m, '$1"Edited message"'), moved: true },
      { what: "a lifecycle hook's handler (read by no rule)", file: mid, change: (t) => t.replace(/^( {2}on_\w+: )(\S+)$/m, '$1$2_edited'), moved: true },
      { what: 'a lifecycle hook given a number (dropped from the record: a re-check)', file: mid, change: (t) => t.replace(/^( {2}on_\w+: )(\S+)$/m, (_, key: string) => `${key}5`) },
      { what: 'the hook named again', file: mid, change: (t) => t.replace(/^( {2}on_\w+: )5$/m, '$1edited.hook') },
      { what: "a permission's description folded (not plain block YAML: a re-check, every part kept)", file: mid, change: (t) => t.replace(/^( {4}description: )(.*)$/m, '$1>-\n      $2'), reused: ['registry', ...ANALYSES, ...RESOLUTIONS] },
      { what: "the permission's description plain again", file: mid, change: (t) => t.replace(/^( {4}description: )>-\n {6}(.*)$/m, '$1$2'), reused: ['registry', ...ANALYSES, ...RESOLUTIONS] },
      { what: 'a permission renamed (the routes naming it name nothing now)', file: mid, change: (t) => t.replace(/^( {2}- id: )(\S+)$/m, '$1$2-renamed'), reused: ['registry', ...but(ANALYSES, 'permissions'), ...RESOLUTIONS] },
      { what: 'a permission named back', file: mid, change: (t) => t.replace(/-renamed$/m, ''), reused: ['registry', ...but(ANALYSES, 'permissions'), ...RESOLUTIONS] },
      { what: 'a route given a permission nobody declares (a finding appears)', file: mid, change: (t) => t.replace(/^( {4}permission: )(\S+)$/m, '$1nobody.thing.read # $2'), reused: ['registry', ...but(ANALYSES, 'permissions'), ...RESOLUTIONS] },
      { what: 'the route mended (the finding goes)', file: mid, change: (t) => t.replace(/nobody\.thing\.read # (\S+)/, '$1'), reused: ['registry', ...but(ANALYSES, 'permissions'), ...RESOLUTIONS] },
      { what: "a route's permission switched to another the module declares (the benchmark edit)", file: mid, change: (t) => t.replace(/^( {4}permission: )(\S+)$/m, (_, head: string, id: string) => { const declared = [...t.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]); return `${head}${declared[(declared.indexOf(id) + 1) % declared.length]}`; }), reused: ['registry', ...but(ANALYSES, 'permissions'), ...RESOLUTIONS] },
      { what: "a permission's risk changed (read by the permission rules alone)", file: mid, change: (t) => t.replace(/^( {4}risk: )(.*)$/m, '$1"Edited risk"'), reused: ['registry', ...but(ANALYSES, 'permissions'), ...RESOLUTIONS] },
      { what: "the permission's risk removed", file: mid, change: (t) => t.replace('    risk: "Edited risk"\n', ''), reused: ['registry', ...but(ANALYSES, 'permissions'), ...RESOLUTIONS] },
      { what: "a provided capability's patch version (the benchmark edit; the profiles list it so)", file: mid, change: (t) => t.replace(/^( {4}- cap-\d+-\d+ \d+\.\d+\.)(\d+)$/m, (_, head: string, patch: string) => `${head}${Number(patch) + 1}`), moved: true },
      { what: 'a provided capability at a new major version every `>=1.0.0` required of it accepts', file: mid, change: (t) => t.replace(/^( {4}- cap-\d+-\d+ )(\d+)\./m, (_, head: string, major: string) => `${head}${Number(major) + 5}.`), moved: true },
      { what: 'a provided capability without its version (profiles re-resolved)', file: mid, change: (t) => t.replace(/^( {4}- cap-\d+-\d+) \d+\.\d+\.\d+$/m, '$1'), reused: ANALYSES },
      { what: 'a provided capability given a version again', file: mid, change: (t) => t.replace(/^( {4}- cap-\d+-\d+)$/m, '$1 1.0.0'), reused: ANALYSES },
      { what: 'a capability provided anew', file: mid, change: (t) => t.replace(/^ {2}provides:\n/m, '  provides:\n    - cap-bench-new 1.0.0\n'), reused: ANALYSES },
      { what: 'that capability no longer provided', file: mid, change: (t) => t.replace('    - cap-bench-new 1.0.0\n', ''), reused: ANALYSES },
      { what: "a range required of another module's capability", file: mid, change: (t) => requireCap(t, `${cap} >=1.0.0 <3.0.0`), reused: ANALYSES },
      { what: 'that capability provided at a version the range accepts', file: provider, change: (t) => t.replace(capLine, '$1 2.5.0'), moved: true },
      { what: 'that capability provided at a version the range refuses (a mismatch, its requirer blocked)', file: provider, change: (t) => t.replace(capLine, '$1 3.0.0'), reused: ANALYSES },
      { what: 'that capability at a version the range accepts again', file: provider, change: (t) => t.replace(capLine, '$1 1.0.1'), reused: ANALYSES },
      { what: 'the range no longer required', file: mid, change: (t) => t.replace(`    - ${cap} >=1.0.0 <3.0.0\n`, ''), reused: ANALYSES },
      { what: 'a capability required that nobody provides (the module is blocked)', file: mid, change: (t) => t.replace(/^capabilities:\n/m, 'capabilities:\n  requires:\n    - nobody-offers\n').replace(/\n {2}requires:\n((?: {4}.*\n)*) {2}requires:\n/, '\n  requires:\n$1'), reused: ANALYSES },
      { what: 'the capability no longer required', file: mid, change: (t) => t.replace('    - nobody-offers\n', ''), reused: ANALYSES },
      // The benchmark's edits the rules read (scripts/bench/incremental.mjs): a dependency on core added then removed, a route's permission switched to another the module declares.
      // (mid holds a capability finding by now, which the added line moves: the profiles are resolved again. test/dependency-edit.test.ts has them kept.)
      { what: 'a dependency on core added (the benchmark edit)', file: mid, change: (t) => t.replace(/^dependencies:\n/m, 'dependencies:\n  - core\n'), reused: ['registry-parts', ...ANALYSES] },
      { what: 'that dependency removed again (the benchmark edit)', file: mid, change: (t) => t.replace('dependencies:\n  - core\n', 'dependencies:\n'), reused: ['registry-parts', ...ANALYSES] },
      { what: 'a dependency that changes the load order', file: mid, change: (t) => t.replace(/^dependencies:\n/m, `dependencies:\n  - ${last}\n`), reused: ['registry-parts'] },
      { what: 'dependency on a missing module', file: mid, change: (t) => t.replace(/^dependencies:\n/m, 'dependencies:\n  - nowhere >= 1.0.0\n') },
      { what: 'lines added above a finding and inside its list', file: mid, change: (t) => `# top\n\n${t.replace(/^dependencies:\n/m, 'dependencies:\n  # why\n')}`, moved: true },
      { what: 'a block re-indented', file: mid, change: (t) => t.replace(/^dependencies:\n((?: {2}.*\n)+)/m, (_, body: string) => `dependencies:\n${body.replace(/^ {2}/gm, '    ')}`), moved: true },
      { what: 'a scalar quoted (same text, new token)', file: mid, change: (t) => t.replace(/^tier: (\w+)$/m, 'tier: "$1"') },
      { what: 'version 9.0.0: every >= range on it still accepts', file: first, change: (t) => t.replace(/^version: "?(\d+)\.(\d+)\.(\d+)"?$/m, 'version: "9.0.0"'), moved: true },
      { what: "version below its dependents' ranges", file: first, change: (t) => t.replace('version: "9.0.0"', 'version: "0.0.1"') },
      { what: 'version mended', file: first, change: (t) => t.replace('version: "0.0.1"', 'version: 9.0.1'), moved: false },
      { what: 'description of a module others depend on', file: first, change: (t) => t.replace(/^description: .*$/m, 'description: Depended on'), moved: true },
      { what: 'migrations folder moved (the module has none there)', file: mid, change: (t) => `${t}migrations: elsewhere\n` },
      { what: 'migrations folder back', file: mid, change: (t) => t.replace('migrations: elsewhere\n', '') },
      { what: 'event subscription added', file: mid, change: (t) => t.replace(/^events:\n/m, 'events:\n  subscribes:\n    - nobody.thing.happened\n') },
      { what: 'manifest emptied', file: mid, change: () => '' },
    ]);
  }, 120_000);

  it('after dependency edits (the registry updated, the parts they cannot change kept)', async () => {
    const dir = path.join(work, 'dependencies');
    const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
    generatePlatform(dir, 60, { seed: 5 });
    const names = fs.readdirSync(path.join(dir, 'modules')).sort();
    const midName = names[30];
    const mid = `modules/${midName}/module.yaml`;
    // What the edits pick from: the load order, what mid reaches, who depends on mid.
    const probe = session();
    const reg = (await probe.open(dir), probe.currentRegistry());
    probe.close();
    const pos = new Map(reg.order.map((n, i) => [n, i]));
    const depsOf = (n: string) => reg.byName.get(n)?.manifest.dependencies.map((d) => d.name) ?? [];
    const allDepsOf = (n: string) => [...depsOf(n), ...(reg.byName.get(n)?.manifest.optional_dependencies.map((d) => d.name) ?? [])];
    const reach = (n: string): Set<string> => {
      const seen = new Set<string>();
      for (const stack = allDepsOf(n); stack.length > 0; ) {
        const d = stack.pop() as string;
        if (seen.has(d)) continue;
        seen.add(d);
        stack.push(...allDepsOf(d));
      }
      return seen;
    };
    const lastLoaded = Math.max(...depsOf(midName).map((d) => pos.get(d) as number));
    // Loaded before mid's last-loaded dependency (the order stays), not reached by mid yet.
    const before = reg.order.filter((n) => (pos.get(n) as number) < lastLoaded && n !== 'core' && !reach(midName).has(n)).pop() as string;
    // Loaded before mid, not reached by it (the order may change: what is kept is not asserted).
    const other = reg.order.filter((n) => (pos.get(n) as number) < (pos.get(midName) as number) && n !== 'core' && n !== before && !reach(midName).has(n)).pop() as string;
    const later = reg.order.find((n) => (pos.get(n) as number) > (pos.get(midName) as number) && !reach(n).has(midName)) as string;
    // Depends on mid, does not reach `before`: it does when mid depends on `before`.
    const dependent = names.find((n) => depsOf(n).includes(midName) && !reach(n).has(before)) as string;
    const dependentFile = `modules/${dependent}/module.yaml`;
    const beforePermission = (/^ {2}- id: (\S+)$/m.exec(fs.readFileSync(path.join(dir, 'modules', before, 'module.yaml'), 'utf8')) as RegExpExecArray)[1];
    const underscored = (n: string) => n.replace(/-/g, '_');
    const firstDep = depsOf(midName).find((d) => d !== 'core') as string;
    expect([before, other, later, dependent, firstDep].every((n) => typeof n === 'string')).toBe(true);
    const addDep = (line: string) => (t: string) => t.replace(/^dependencies:\n/m, `dependencies:\n  - ${line}\n`);
    const dropDep = (line: string) => (t: string) => t.replace(`dependencies:\n  - ${line}\n`, 'dependencies:\n');
    const graphless = ['declared-paths', 'notes', 'migrations'];
    await replay(dir, [
      // The benchmark's edits in its order: record-only ones (moved, no check run), then a dependency on core.
      { what: 'patch version bump (moved)', file: mid, change: (t) => t.replace(/^version: "?(\d+)\.(\d+)\.(\d+)"?$/m, (_, a, b, c) => `version: "${a}.${b}.${Number(c) + 1}"`), moved: true },
      { what: "a provided capability's patch version (moved; the profiles list it so)", file: mid, change: (t) => t.replace(/^( {4}- cap-\d+-\d+ \d+\.\d+\.)(\d+)$/m, (_, head: string, patch: string) => `${head}${Number(patch) + 1}`), moved: true },
      { what: 'a dependency on core added (the benchmark edit: every part kept)', file: mid, change: addDep('core'), reused: ['registry-parts', ...ANALYSES, ...RESOLUTIONS] },
      { what: 'that dependency removed (the benchmark edit)', file: mid, change: dropDep('core'), reused: ['registry-parts', ...ANALYSES, ...RESOLUTIONS] },
      // Findings in another module that a dependency of mid settles: its reach grows through mid.
      { what: `a route of ${dependent} guarded by a permission of ${before}, which it does not reach`, file: dependentFile, change: (t) => t.replace(/^( {4}permission: )(\S+)$/m, `$1${beforePermission}`) },
      { what: `lines added above that finding (moved: the finding's place is new, the permission rules' kept findings are not)`, file: dependentFile, change: (t) => `# moved\n#\n${t}`, moved: true },
      { what: 'a dependency on core added after the move (the permission findings made again)', file: mid, change: addDep('core'), reused: ['registry-parts', ...but(ANALYSES, 'permissions'), ...RESOLUTIONS] },
      { what: 'that dependency removed (every part kept again)', file: mid, change: dropDep('core'), reused: ['registry-parts', ...ANALYSES, ...RESOLUTIONS] },
      { what: `a foreign key of ${dependent} to a table of ${before}, which it does not depend on`, file: `modules/${dependent}/migrations/${dependent}_0009_link.expand.sql`, change: () => `CREATE TABLE ${underscored(dependent)}_links (id INTEGER PRIMARY KEY, ref INTEGER REFERENCES ${underscored(before)}_items(id));\n` },
      { what: 'a dependency on a module loaded earlier that mid did not reach (the permission and table rules see a new reach: their findings in another module go)', file: mid, change: addDep(before), reused: ['registry-parts', ...graphless, ...RESOLUTIONS] },
      { what: 'that dependency removed', file: mid, change: dropDep(before), reused: ['registry-parts', ...graphless, ...RESOLUTIONS] },
      { what: 'an optional dependency (resolution does not read it; the table rules follow strict ones only)', file: mid, change: (t) => `${t}optional_dependencies:\n  - ${before}\n`, reused: ['registry-parts', ...graphless, 'tables', ...RESOLUTIONS] },
      { what: 'the optional dependency removed', file: mid, change: (t) => t.replace(`optional_dependencies:\n  - ${before}\n`, ''), reused: ['registry-parts', ...graphless, 'tables', ...RESOLUTIONS] },
      { what: 'a dependency on a module loaded later (the load order changes)', file: mid, change: addDep(later), reused: ['registry-parts'] },
      { what: 'that dependency removed (the order back)', file: mid, change: dropDep(later), reused: ['registry-parts'] },
      { what: 'a dependency cycle', file: mid, change: addDep(dependent), reused: ['registry-parts'] },
      { what: 'the cycle broken', file: mid, change: dropDep(dependent), reused: ['registry-parts'] },
      { what: 'a dependency on a missing module (mid blocked; the table rules follow present modules only)', file: mid, change: addDep('nowhere >=1.0.0'), reused: ['registry-parts', ...graphless, 'tables'] },
      { what: 'the missing module no longer named', file: mid, change: dropDep('nowhere >=1.0.0'), reused: ['registry-parts', ...graphless, 'tables'] },
      { what: 'a range the dependency no longer matches', file: mid, change: (t) => t.replace(new RegExp(`^  - "?${firstDep}( [^"\\n]*)?"?$`, 'm'), `  - "${firstDep} >=99.0.0"`), reused: ['registry-parts', ...ANALYSES] },
      { what: 'a line added above the mismatch and core depended on (the finding moves; mid still blocked by it alone)', file: mid, change: (t) => `# above\n${addDep('core')(t)}`, reused: ['registry-parts', ...ANALYSES, ...RESOLUTIONS] },
      { what: 'the range matching again', file: mid, change: (t) => t.replace(`  - "${firstDep} >=99.0.0"`, `  - ${firstDep}`), reused: ['registry-parts', ...ANALYSES] },
      { what: `${other} made unable to load (a capability nobody provides)`, file: `modules/${other}/module.yaml`, change: (t) => t.replace(/^capabilities:\n/m, 'capabilities:\n  requires:\n    - nobody-offers\n').replace(/\n {2}requires:\n((?: {4}.*\n)*) {2}requires:\n/, '\n  requires:\n$1') },
      { what: 'a dependency on the module that cannot load (mid blocked through it: the profiles resolved again)', file: mid, change: addDep(other) },
      { what: 'that dependency removed', file: mid, change: dropDep(other) },
    ]);
  }, 120_000);
});
