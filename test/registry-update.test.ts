import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifest, type ParsedManifest } from '../src-main/engine/manifest';
import { parsePlatform } from '../src-main/engine/platform';
import { buildRegistry, type Registry, type RegistryInput } from '../src-main/engine/registry';
import { updateRegistry } from '../src-main/engine/registry-update';
import { REPO } from './helpers/checkout';

/**
 * The registry updated after dependency edits (engine/registry-update.ts: each unedited module's
 * links, the load order when it cannot have changed, the order-reading checks' findings kept) must
 * be what buildRegistry gives for the same manifests, edit after edit: random dependencies added
 * (before or after the module in load order, itself, a module that is not there), removed, given a
 * range that fails, optional ones added, lines moved above them.
 */

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-registry-update-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** What a registry says, as JSON (its parts in the order it lists them). */
function content(r: Registry): string {
  return JSON.stringify({ platform: r.platform, manifests: r.manifests.map((m) => m.file), byName: [...r.byName.keys()], order: r.order, edges: r.edges, diagnostics: r.diagnostics, rootBlocks: [...r.rootBlocks], waivers: r.waivers });
}

function random(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** One random edit of a manifest's dependency lists (and sometimes a line above them), or null when it has none to edit. */
function edit(text: string, names: readonly string[], pick: (n: number) => number): string | null {
  const block = /^dependencies:\n((?: {2}- .*\n)*)/m.exec(text);
  if (!block) return null;
  const items = block[1].split('\n').filter((l) => l !== '');
  const other = names[pick(names.length)];
  const put = (list: string[]): string => text.replace(block[0], `dependencies:\n${list.map((l) => `${l}\n`).join('')}`);
  switch (pick(7)) {
    case 0:
      return put([`  - ${other}`, ...items]);
    case 1:
      return items.length > 1 ? put(items.filter((_, i) => i !== pick(items.length))) : put([...items, '  - core']);
    case 2:
      return put([...items, '  - nowhere-module >=1.0.0']);
    case 3:
      return put([...items, `  - "${other} >=99.0.0"`]);
    case 4:
      return `${text}optional_dependencies:\n  - ${other}\n`.replace(/\noptional_dependencies:\n((?: {2}- .*\n)*)optional_dependencies:\n/, '\noptional_dependencies:\n$1');
    case 5:
      return `# moved ${pick(1000)}\n${put([...items.slice(1), items[0] ?? '  - core'])}`;
    default:
      return put(items.slice(0, -1).length > 0 ? items.slice(0, -1) : ['  - core']);
  }
}

describe('the registry updated after dependency edits is the registry built again', () => {
  it('edit after edit on a generated platform', async () => {
    const dir = path.join(work, 'generated');
    const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
    generatePlatform(dir, 80, { seed: 11 });
    const platform = parsePlatform(fs.readFileSync(path.join(dir, 'platform.yaml'), 'utf8'), 'generated');
    const names = fs.readdirSync(path.join(dir, 'modules')).sort();
    const texts = new Map(names.map((n) => [`modules/${n}/module.yaml`, fs.readFileSync(path.join(dir, 'modules', n, 'module.yaml'), 'utf8')]));
    const parse = (file: string): ParsedManifest => parseManifest({ dir: path.posix.dirname(file), file, text: texts.get(file) as string });
    let manifests = [...texts.keys()].map(parse);
    const input = (list: ParsedManifest[]): RegistryInput => ({ platform, manifests: list, exists: () => true });
    let registry = buildRegistry(input(manifests));
    const pick = random(7);
    let updated = 0;
    let keptOrder = 0;
    for (let step = 0; step < 160; step++) {
      // One to three manifests edited at once.
      const files = [...new Set(Array.from({ length: 1 + pick(3) }, () => [...texts.keys()][pick(texts.size)]))];
      for (const file of files) {
        const next = edit(texts.get(file) as string, names, pick);
        if (next !== null) texts.set(file, next);
      }
      manifests = manifests.map((m) => (files.includes(m.file) ? parse(m.file) : m));
      const next = updateRegistry(registry, input(manifests));
      const fresh = buildRegistry(input([...texts.keys()].map(parse)));
      if (next) {
        updated++;
        if (next.order.every((n, i) => n === registry.order[i])) keptOrder++;
        expect(content(next), `step ${step}: ${files.join(', ')}`).toBe(content(fresh));
        expect(next.order, 'a list of its own').not.toBe(registry.order);
      }
      registry = next ?? buildRegistry(input(manifests));
    }
    // Both ways were taken: the update (with the order kept, and derived again) and the full build.
    expect(updated).toBeGreaterThan(40);
    expect(keptOrder).toBeGreaterThan(10);
    expect(updated - keptOrder).toBeGreaterThan(5);
  }, 60_000);

  it('when the order changes: a dependency on a module loaded later, the last-loaded dependency removed, a cycle made and broken', () => {
    const platform = parsePlatform(undefined, 'hand');
    const text = (name: string, deps: string[]) => `name: ${name}\nversion: 1.0.0\ntier: ${name === 'core' ? 'core' : 'optional'}\ndependencies:\n${deps.map((d) => `  - ${d}\n`).join('')}`;
    const parse = (name: string, deps: string[]) => parseManifest({ dir: `modules/${name}`, file: `modules/${name}/module.yaml`, text: text(name, deps) });
    const input = (list: ParsedManifest[]): RegistryInput => ({ platform, manifests: list, exists: () => true });
    let manifests = [parse('core', []), parse('a', ['core']), parse('b', ['core', 'c']), parse('c', ['core'])];
    let registry = buildRegistry(input(manifests));
    expect(registry.order).toEqual(['core', 'a', 'c', 'b']);
    const steps: [string, string[], string[]][] = [
      // b's last-loaded dependency removed: b is ready as soon as core is, before c.
      ['b', ['core'], ['core', 'a', 'b', 'c']],
      // a now needs c, loaded after it.
      ['a', ['core', 'c'], ['core', 'b', 'c', 'a']],
      // b needs a dependency loaded before it: the order stays.
      ['b', ['core', 'core'], ['core', 'b', 'c', 'a']],
      // A cycle a -> c -> a, then broken.
      ['c', ['core', 'a'], ['core', 'b', 'a', 'c']],
      ['c', ['core'], ['core', 'b', 'c', 'a']],
    ];
    for (const [name, deps, order] of steps) {
      manifests = manifests.map((m) => (m.name === name ? parse(name, deps) : m));
      const next = updateRegistry(registry, input(manifests));
      expect(next, `${name} -> ${deps.join(', ')}`).not.toBeNull();
      const fresh = buildRegistry(input(manifests.map((m) => parse(m.name, [...m.manifest.dependencies.map((d) => d.name)]))));
      expect(fresh.order).toEqual(order);
      expect(content(next as Registry), `${name} -> ${deps.join(', ')}`).toBe(content(fresh));
      registry = next as Registry;
    }
  });
});
