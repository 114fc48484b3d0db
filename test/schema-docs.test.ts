import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EXAMPLE, REPO, runBuiltCli } from './helpers/checkout';

type Node = Record<string, unknown>;

/** Every field schema: each entry of `properties`, each `additionalProperties` object schema, each definition. */
function fields(schema: Node, where = '#'): [string, Node][] {
  const out: [string, Node][] = [];
  const visit = (node: unknown, at: string) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const n = node as Node;
    for (const [k, v] of Object.entries((n.properties as Node) ?? {})) {
      out.push([`${at}/properties/${k}`, v as Node]);
      visit(v, `${at}/properties/${k}`);
    }
    if (n.additionalProperties && typeof n.additionalProperties === 'object') {
      out.push([`${at}/additionalProperties`, n.additionalProperties as Node]);
      visit(n.additionalProperties, `${at}/additionalProperties`);
    }
    if (n.items) visit(n.items, `${at}/items`);
  };
  visit(schema, where);
  for (const [k, v] of Object.entries((schema.definitions as Node) ?? {})) out.push([`${where}/definitions/${k}`, v as Node]);
  return out;
}

const NAMES = ['module', 'platform'];
const read = (name: string) => JSON.parse(fs.readFileSync(path.join(REPO, 'resources/schema', `${name}.schema.json`), 'utf8')) as Node;

describe('the JSON Schemas as editor help', () => {
  it.each(NAMES)('%s: $id, and a title, a description and examples on every field', (name) => {
    const schema = read(name);
    expect(schema.$id).toBe(`https://module-workbench.dev/schema/${name}.schema.json`);
    expect(schema.title).toBeTruthy();
    const all = fields(schema);
    expect(all.length).toBeGreaterThan(name === 'module' ? 50 : 15);
    for (const [at, node] of all) {
      expect(typeof node.title, `${at} title`).toBe('string');
      expect(typeof node.description, `${at} description`).toBe('string');
      expect((node.description as string).length, `${at} description`).toBeGreaterThan(5);
      expect(Array.isArray(node.examples) && node.examples.length > 0, `${at} examples`).toBe(true);
    }
  });

  it.each(NAMES)('%s: every example is valid against its own field schema, and the whole-file examples validate', (name) => {
    const schema = read(name);
    const ajv = new Ajv({ strict: false });
    ajv.addSchema(schema);
    for (const [at, node] of fields(schema)) {
      for (const example of node.examples as unknown[]) {
        const validate = ajv.getSchema(`${schema.$id}${at}`)!;
        expect(validate(example), `${at}: ${JSON.stringify(example)} ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
    const whole = ajv.getSchema(schema.$id as string)!;
    for (const example of schema.examples as unknown[]) expect(whole(example), JSON.stringify(whole.errors)).toBe(true);
  });

  it('the example platform still validates against both', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const platform = ajv.compile(read('platform'));
    expect(platform(parse(fs.readFileSync(path.join(EXAMPLE, 'platform.yaml'), 'utf8'))), JSON.stringify(platform.errors)).toBe(true);
    const manifest = ajv.compile(read('module'));
    const dirs = fs.readdirSync(path.join(EXAMPLE, 'modules'));
    expect(dirs.length).toBeGreaterThan(10);
    for (const m of dirs) {
      const doc = parse(fs.readFileSync(path.join(EXAMPLE, 'modules', m, 'module.yaml'), 'utf8'));
      expect(manifest(doc), `${m}: ${JSON.stringify(manifest.errors)}`).toBe(true);
    }
  });

  it('mwb schema prints them, module by default', () => {
    const mod = runBuiltCli(['schema']);
    expect(mod.status).toBe(0);
    expect(JSON.parse(mod.stdout)).toEqual(read('module'));
    expect(JSON.parse(runBuiltCli(['schema', 'platform']).stdout)).toEqual(read('platform'));
    const bad = runBuiltCli(['schema', 'roles']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('expected module or platform');
  });
});
