import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltCli, writeCheckout } from '../helpers/checkout';

/**
 * Paths declared in manifests (the migrations folder, message catalogs) cannot leave the module
 * folder: not by `../`, not as absolute paths, not through a symlink. Each is a path-outside-module
 * finding at the manifest line that declares it.
 */
interface Finding {
  rule: string;
  module?: string;
  file?: string;
  line?: number;
  message: string;
}

function check(dir: string): Finding[] {
  const r = runBuiltCli(['check', dir, '--format', 'json']);
  expect(r.status, r.stderr).toBe(1);
  return (JSON.parse(r.stdout).diagnostics as Finding[]).filter((d) => d.rule === 'path-outside-module');
}

describe('declared paths stay inside the module folder', () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-outside-'));
  fs.mkdirSync(path.join(outside, 'migrations'));
  fs.writeFileSync(path.join(outside, 'migrations', 'm_0001_x.expand.sql'), 'DROP TABLE everything;\n');
  fs.writeFileSync(path.join(outside, 'secret.json'), '{"password": "hunter2"}\n');

  const base = (name: string, body: string) => `name: ${name}\nversion: 1.0.0\ntier: optional\n${body}`;

  it('../ and absolute paths', () => {
    const dir = writeCheckout({
      'modules/up/module.yaml': base('up', 'migrations: ../shared/migrations\nmessage_catalogs:\n  - ../../secret.json\n'),
      'modules/abs/module.yaml': base('abs', `migrations: ${path.join(outside, 'migrations')}\nmessage_catalogs:\n  - ${path.join(outside, 'secret.json')}\n`),
    });
    const found = check(dir).map((d) => `${d.module} ${d.file}:${d.line}`);
    expect(found).toEqual(['abs modules/abs/module.yaml:4', 'abs modules/abs/module.yaml:6', 'up modules/up/module.yaml:4', 'up modules/up/module.yaml:6']);
  });

  it('symlinks that lead out: the migrations folder, a catalog file, a folder on the way to a catalog', () => {
    const dir = writeCheckout({
      'modules/linky/module.yaml': base('linky', 'migrations: db\nmessage_catalogs:\n  - messages/en.json\n  - locales/de.json\n  - ok/fr.json\n'),
      'modules/linky/messages/.keep': '',
      'modules/linky/ok/fr.json': '{}\n',
    });
    fs.symlinkSync(path.join(outside, 'migrations'), path.join(dir, 'modules/linky/db'));
    fs.symlinkSync(path.join(outside, 'secret.json'), path.join(dir, 'modules/linky/messages/en.json'));
    fs.symlinkSync(outside, path.join(dir, 'modules/linky/locales'));
    fs.symlinkSync(path.join(outside, 'secret.json'), path.join(outside, 'de.json'));
    const found = check(dir);
    expect(found.map((d) => `${d.file}:${d.line}`)).toEqual(['modules/linky/module.yaml:4', 'modules/linky/module.yaml:6', 'modules/linky/module.yaml:7']);
    expect(found[0].message).toContain("migrations folder 'db' leads out of the module folder through a symlink");
    expect(found.map((d) => d.message).join('\n')).not.toContain('ok/fr.json');
  });

  it('a symlink to another module inside the checkout is also refused (it is not this module)', () => {
    const dir = writeCheckout({
      'modules/a/module.yaml': base('a', 'migrations: theirs\n'),
      'modules/b/module.yaml': base('b', ''),
      'modules/b/migrations/b_0001_x.expand.sql': 'CREATE TABLE b (id INTEGER);\n',
    });
    fs.symlinkSync(path.join(dir, 'modules/b/migrations'), path.join(dir, 'modules/a/theirs'));
    const found = check(dir);
    expect(found.map((d) => `${d.file}:${d.line}`)).toEqual(['modules/a/module.yaml:4']);
    expect(found[0].message).toContain('(to modules/b/migrations)');
  });
});
