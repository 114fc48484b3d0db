import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { runBuiltCli, writeCheckout } from '../helpers/checkout';
import { commitAll, git, writeFiles } from '../helpers/git';

/**
 * Text outputs never pass control or bidi characters from a checkout or a git history to the
 * terminal (issue 12, item 6): a checkout and a history seeded with ESC, OSC 8 hyperlinks, a CSI
 * clear-screen, BEL, C1 controls and bidi overrides in every field that text outputs print.
 */
const ESC = '\u001b';
const CLEAR = `${ESC}[2J${ESC}[H`;
const LINK = `${ESC}]8;;https://evil.example/${ESC}\\`;
const TITLE = `${ESC}]0;pwned\u0007`;
const FAKE_OK = `${CLEAR}${ESC}[32m✔ 0 errors, all good${ESC}[39m`;
/** The same as YAML double-quoted escapes, so the manifests themselves stay printable YAML. */
const Y = (s: string) => JSON.stringify(s).replace(/\\u001b/g, '\\e').replace(/\\u0007/g, '\\a');

/** Any character the terminal would act on; \n is the tool's own line break. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
/** The tool's own colours, the only escape sequences allowed (and only with colour on). */
const OWN_COLOURS = /\u001b\[(?:1|2|22|31|32|33|34|39)m/g;

let dir: string;
const evilFolder = `modules/shop${ESC}[31mred`;

beforeAll(() => {
  dir = writeCheckout({
    'platform.yaml': `name: ${Y(`acme${TITLE}\u202eevil`)}\nprofiles:\n  ${Y(`dev${CLEAR}`)}: {capabilities: [${Y(`blob${TITLE} 1.0.0`)}]}\n`,
    'modules/core/module.yaml': 'name: core\nversion: 1.0.0\ntier: core\n',
    'modules/billing/module.yaml': [
      'name: billing',
      'version: 1.0.0',
      `description: ${Y(`Billing ${LINK}click${ESC}]8;;${ESC}\\`)}`,
      `dependencies: [${Y(`core >= 1.0.0${CLEAR}`)}]`,
      'tenancy: scoped',
      'permissions:',
      `  - {id: billing.invoice.read, description: ${Y(`reads ${FAKE_OK} \u0085\u009b31m`)}, default_roles: [admin]}`,
      'routes:',
      `  - {method: GET, path: ${Y(`/invoices${TITLE}`)}, permission: billing.invoice.read}`,
      '',
    ].join('\n'),
    'modules/billing/migrations/billing_0001_create.expand.sql': 'CREATE TABLE invoices (id INTEGER PRIMARY KEY, tenant_id TEXT, note TEXT);\n',
    'modules/billing/migrations/billing_0002_fix.expand.sql': `UPDATE invoices SET note = '${CLEAR}${TITLE}\u202e' WHERE tenant_id = 'a';\n`,
    [`${evilFolder}/module.yaml`]: 'name: shop\nversion: 1.0.0\n',
    'roles.yaml': `roles:\n  admin:\n    grants: [billing.invoice.read, ${Y(`ghost.${ESC}[2J`)}]\n`,
    'docs/notes/0001-evil.md': `---\ntitle: ${Y(`Fine ${FAKE_OK}\u2066hidden\u2069`)}\nkind: architecture\nstatus: accepted\ndate: 2026-01-05\nmodules: [billing]\n---\n\n# Context\n`,
  });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'core.quotePath', 'false');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--no-verify', '--cleanup=verbatim', '-m', `Release ${FAKE_OK}${TITLE}\u202e`);
  git(dir, 'checkout', '-q', '-b', `feature`);
  writeFiles(dir, { 'modules/billing/module.yaml': fs.readFileSync(path.join(dir, 'modules/billing/module.yaml'), 'utf8').replace('version: 1.0.0', 'version: 1.1.0').replace('tenancy: scoped', 'tenancy: scoped\nevents: {publishes: [billing.invoice.created]}') });
  commitAll(dir, `Change ${LINK}`);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const COMMANDS: readonly (readonly string[])[] = [
  ['check'],
  ['list'],
  ['graph', '--format', 'text'],
  ['capabilities'],
  ['permissions', 'catalog'],
  ['permissions', 'reconcile'],
  ['notes', 'list'],
  ['migrate', 'plan'],
  ['migrate', 'preflight'],
  ['pr-check', '--base', 'main'],
];

describe('text outputs escape control and bidi characters from the checkout and git', () => {
  it.each(COMMANDS.map((args) => [args.join(' '), args] as const))('mwb %s (the built CLI, no terminal)', (_name, args) => {
    const run = runBuiltCli([...args, dir]);
    expect(run.stdout.length).toBeGreaterThan(0);
    for (const [stream, text] of [['stdout', run.stdout], ['stderr', run.stderr]] as const) {
      const raw = RAW.exec(text);
      expect(raw, `${stream} holds U+${raw?.[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, (raw?.index ?? 0) - 40), (raw?.index ?? 0) + 20))}`).toBeNull();
    }
  });

  it('shows the seeded text escaped, so the test reaches every field it names', () => {
    const out = (...args: string[]) => {
      const r = runBuiltCli([...args, dir]);
      return r.stdout + r.stderr;
    };
    const check = out('check');
    expect(check).toContain("grants 'ghost.\\x1b[2J'"); // a grant in roles.yaml
    expect(check).toContain("'>= 1.0.0\\x1b[2J\\x1b[H' is not a valid semver range"); // a dependency string
    expect(out('list')).toContain('profile dev\\x1b[2J\\x1b[H'); // a profile name
    expect(out('capabilities')).toContain('blob\\x1b]0;pwned\\x07 1.0.0'); // a capability
    expect(check).toContain('shop\\x1b[31mred'); // a folder name
    expect(check).toContain("'UPDATE invoices SET note = '\\x1b[2J"); // SQL quoted in a finding
    expect(out('permissions', 'catalog')).toContain('reads \\x1b[2J\\x1b[H\\x1b[32m✔ 0 errors, all good\\x1b[39m \\x85\\x9b31m');
    expect(out('permissions', 'catalog')).toContain('acme\\x1b]0;pwned\\x07\\u202eevil'); // the platform name
    expect(out('notes', 'list')).toContain('Fine \\x1b[2J');
    expect(out('migrate', 'plan')).toContain("'UPDATE invoices SET note = '\\x1b[2J");
    expect(out('pr-check', '--base', 'main')).toContain('"Release \\x1b[2J\\x1b[H\\x1b[32m✔ 0 errors, all good'); // a commit subject
  });

  it('with colour on, only the tool’s own colour sequences reach the terminal', async () => {
    for (const args of COMMANDS) {
      let text = '';
      const io = { stdout: (t: string) => void (text += t), stderr: (t: string) => void (text += t), colour: true, cwd: dir };
      await runCli([...args, dir], io);
      expect(text.length).toBeGreaterThan(0);
      const rest = text.replace(OWN_COLOURS, '');
      expect(RAW.exec(rest), `${args.join(' ')}: ${JSON.stringify(rest.slice(0, 200))}`).toBeNull();
    }
  });

  it('error messages on stderr are escaped too', () => {
    const run = runBuiltCli(['check', path.join(dir, `missing${CLEAR}`)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('missing\\x1b[2J');
    expect(RAW.test(run.stderr)).toBe(false);
  });
});
