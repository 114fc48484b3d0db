import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckoutFiles } from '../src-main/service/checkout-reader';

/**
 * A watched CheckoutFiles trusts what it read until the watcher reports a change (`invalidate`).
 * Invalidating a file drops that file; invalidating a folder drops everything known below it (reads
 * made without listing the folder too), whichever way it came to be known. A file edit looks up
 * only that path (checkout-reader.ts keeps the folders something is known under).
 */

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-invalidate-')));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const write = (rel: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
};
const text = (files: CheckoutFiles, rel: string) => {
  const r = files.read(rel);
  return r.ok ? r.text : null;
};

describe('CheckoutFiles.invalidate', () => {
  it('drops a file, a folder read below without a listing, a listed folder, and the whole checkout', () => {
    write('modules/a/migrations/one.sql', 'one');
    write('modules/a/module.yaml', 'name: a');
    write('modules/b/x.sql', 'x');
    const files = new CheckoutFiles(root, true);
    expect(text(files, 'modules/a/migrations/one.sql')).toBe('one');
    expect(text(files, 'modules/a/module.yaml')).toBe('name: a');
    expect(files.list('modules/b')?.map((e) => e.name)).toEqual(['x.sql']);

    write('modules/a/module.yaml', 'name: a2');
    expect(text(files, 'modules/a/module.yaml')).toBe('name: a');
    files.invalidate(['modules/a/module.yaml']);
    expect(text(files, 'modules/a/module.yaml')).toBe('name: a2');

    // A folder never listed, one read below it: invalidating the folder forgets the read.
    write('modules/a/migrations/one.sql', 'one, edited');
    expect(text(files, 'modules/a/migrations/one.sql')).toBe('one');
    files.invalidate(['modules/a']);
    expect(text(files, 'modules/a/migrations/one.sql')).toBe('one, edited');

    // A listed folder: its listing and what is below it.
    write('modules/b/y.sql', 'y');
    expect(files.list('modules/b')?.map((e) => e.name)).toEqual(['x.sql']);
    files.invalidate(['modules/b']);
    expect(files.list('modules/b')?.map((e) => e.name)).toEqual(['x.sql', 'y.sql']);

    // Two levels up.
    write('modules/a/migrations/one.sql', 'one, again');
    expect(text(files, 'modules/a/migrations/one.sql')).toBe('one, edited');
    files.invalidate(['modules']);
    expect(text(files, 'modules/a/migrations/one.sql')).toBe('one, again');

    // A folder that became a link: what was resolved below it is forgotten too.
    write('elsewhere/one.sql', 'outside the module');
    expect(text(files, 'modules/a/migrations/one.sql')).toBe('one, again');
    fs.rmSync(path.join(root, 'modules/a/migrations'), { recursive: true });
    fs.symlinkSync(path.join(root, 'elsewhere'), path.join(root, 'modules/a/migrations'));
    files.invalidate(['modules/a/migrations']);
    expect(text(files, 'modules/a/migrations/one.sql')).toBe('outside the module');
  });
});

describe('CheckoutFiles.read(rel, false)', () => {
  it('reads without keeping the read: a watched reader reads the file again next time', () => {
    write('kept/one.sql', 'first');
    write('kept/two.sql', 'first');
    const files = new CheckoutFiles(root, true);
    expect(text(files, 'kept/one.sql')).toBe('first');
    const once = files.read('kept/two.sql', false);
    expect(once.ok && once.text).toBe('first');
    write('kept/one.sql', 'second');
    write('kept/two.sql', 'second');
    // The kept read is trusted until invalidated; the other was not kept.
    expect(text(files, 'kept/one.sql')).toBe('first');
    expect(text(files, 'kept/two.sql')).toBe('second');
  });
});
