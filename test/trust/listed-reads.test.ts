import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckoutFiles } from '../../src-main/service/checkout-reader';
import { readListedManifestSource, readManifestSource } from '../../src-main/service/manifest-source';

/**
 * The analyses' reads (service/checkout-reader.ts) take a folder listing's word that an entry is a
 * regular file, not a symlink, and open it without a stat first (node/text-file.ts,
 * readUnlinkedText: O_NOFOLLOW). A symlink swapped in between the listing and the read must still
 * be resolved under the path rule: one that leads out is not read, one that stays inside is read
 * through. Before, the listing's word was taken and the read followed the link out of the checkout.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-listed-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function setUp(name: string): { root: string; outside: string } {
  const root = path.join(tmp, name, 'checkout');
  const outside = path.join(tmp, name, 'outside.sql');
  fs.mkdirSync(path.join(root, 'modules', 'a', 'migrations'), { recursive: true });
  fs.writeFileSync(path.join(root, 'modules', 'a', 'migrations', 'a_0001_init.expand.sql'), 'CREATE TABLE a_items (id INTEGER);\n');
  fs.writeFileSync(path.join(root, 'modules', 'a', 'migrations', 'a_0002_more.expand.sql'), 'CREATE TABLE a_more (id INTEGER);\n');
  fs.writeFileSync(outside, 'SECRET OUTSIDE THE CHECKOUT\n');
  return { root, outside };
}

describe.each([
  ['an unwatched reader (apply)', false],
  ['a watched or one-shot reader (session, check)', true],
])('%s', (label, watched) => {
  it('does not follow a symlink to outside the checkout that replaced a listed file', () => {
    const { root, outside } = setUp(`out-${String(watched)}`);
    const files = new CheckoutFiles(root, watched);
    const listing = files.list('modules/a/migrations');
    expect(listing?.map((e) => [e.name, e.file])).toEqual([
      ['a_0001_init.expand.sql', true],
      ['a_0002_more.expand.sql', true],
    ]);
    const file = path.join(root, 'modules', 'a', 'migrations', 'a_0001_init.expand.sql');
    fs.rmSync(file);
    fs.symlinkSync(outside, file);
    const read = files.read('modules/a/migrations/a_0001_init.expand.sql');
    expect(read).toEqual({ ok: false, missing: false, message: 'leads out of the checkout through a symlink; not read' });
    expect(JSON.stringify(read)).not.toContain('SECRET');
    // The other listed file is read as usual.
    expect(files.read('modules/a/migrations/a_0002_more.expand.sql')).toEqual({ ok: true, text: 'CREATE TABLE a_more (id INTEGER);\n' });
  });

  it('reads through a symlink inside the checkout that replaced a listed file', () => {
    const { root } = setUp(`in-${String(watched)}`);
    const files = new CheckoutFiles(root, watched);
    files.list('modules/a/migrations');
    const file = path.join(root, 'modules', 'a', 'migrations', 'a_0001_init.expand.sql');
    fs.rmSync(file);
    fs.symlinkSync('a_0002_more.expand.sql', file);
    expect(files.read('modules/a/migrations/a_0001_init.expand.sql')).toEqual({ ok: true, text: 'CREATE TABLE a_more (id INTEGER);\n' });
  });
});

describe("check's scan: a manifest found in the module folder's listing", () => {
  function moduleWithManifest(name: string): { root: string; outside: string; manifest: string } {
    const root = path.join(tmp, name, 'checkout');
    const outside = path.join(tmp, name, 'outside.yaml');
    fs.mkdirSync(path.join(root, 'modules', 'a'), { recursive: true });
    fs.writeFileSync(path.join(root, 'modules', 'a', 'module.yaml'), 'name: a\nversion: 1.0.0\n');
    fs.writeFileSync(path.join(root, 'modules', 'a', 'other.yaml'), 'name: other\n');
    fs.writeFileSync(outside, 'name: SECRET\n');
    return { root, outside, manifest: path.join(root, 'modules', 'a', 'module.yaml') };
  }

  it('is read as readManifestSource reads it, and not through a link out swapped in after the listing', () => {
    const { root, outside, manifest } = moduleWithManifest('manifest-out');
    const files = new CheckoutFiles(root, true);
    expect(readListedManifestSource(files, 'modules/a')).toEqual({ dir: 'modules/a', file: 'modules/a/module.yaml', text: 'name: a\nversion: 1.0.0\n' });
    const again = new CheckoutFiles(root, true);
    expect(again.list('modules/a')?.find((e) => e.name === 'module.yaml')?.file).toBe(true);
    fs.rmSync(manifest);
    fs.symlinkSync(outside, manifest);
    const read = readListedManifestSource(again, 'modules/a');
    expect(read).toEqual(readManifestSource(root, 'modules/a'));
    expect(read?.unreadable?.message).toContain('leads out of the checkout through a symlink');
    expect(JSON.stringify(read)).not.toContain('SECRET');
  });

  it('reads through a link inside swapped in after the listing, and a manifest gone since is none', () => {
    const { root, manifest } = moduleWithManifest('manifest-in');
    const files = new CheckoutFiles(root, true);
    files.list('modules/a');
    fs.rmSync(manifest);
    fs.symlinkSync('other.yaml', manifest);
    expect(readListedManifestSource(files, 'modules/a')).toEqual({ dir: 'modules/a', file: 'modules/a/module.yaml', text: 'name: other\n' });
    const gone = new CheckoutFiles(root, true);
    gone.list('modules/a');
    fs.rmSync(manifest);
    expect(readListedManifestSource(gone, 'modules/a')).toBeNull();
  });
});
