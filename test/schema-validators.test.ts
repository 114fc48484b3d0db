import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { newUserAjv } from '../src-main/engine/config-defaults';
import { validateDraft07 } from '../src-main/engine/generated/draft-07-meta-validator';
import { validateModule, validatePlatform } from '../src-main/engine/generated/schema-validators';
import { checkCheckout } from '../src-main/service/load-checkout';
import { EXAMPLE, FIXTURES, REPO, copyFixture } from './helpers/checkout';
import { yamlFiles } from './helpers/yaml-corpus';

/**
 * The module and platform schemas are compiled ahead of time (scripts/generate-schema-validators.mjs
 * writes src-main/engine/generated/): the committed code must be what the generator writes from the
 * current schemas and Ajv, and report exactly the errors (same objects, same order) that compiling the
 * schemas at run time with the options engine/schema-validation.ts used reports.
 */

interface Generator {
  generatedFiles(): Record<string, string>;
  REGENERATE: string;
}
const generator = (): Promise<Generator> => import(path.join(REPO, 'scripts', 'generate-schema-validators.mjs')) as Promise<Generator>;

const readJson = (rel: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(REPO, rel), 'utf8')) as Record<string, unknown>;

/** Validators compiled now, as schema-validation.ts compiled them at first use before (same options, one instance). */
function runtimeValidators(): { module: ValidateFunction; platform: ValidateFunction } {
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  return { module: ajv.compile(readJson('resources/schema/module.schema.json')), platform: ajv.compile(readJson('resources/schema/platform.schema.json')) };
}

function outcome(fn: ValidateFunction, value: unknown): { valid: boolean; errors: ErrorObject[] | null | undefined } {
  const valid = fn(value) as boolean;
  return { valid, errors: fn.errors };
}

/** Every manifest and platform.yaml of the fixtures and the example platform that js-yaml reads. */
function corpus(): { module: unknown[]; platform: unknown[] } {
  const out = { module: [] as unknown[], platform: [] as unknown[] };
  for (const file of [...yamlFiles(FIXTURES), ...yamlFiles(EXAMPLE)]) {
    const kind = path.basename(file) === 'module.yaml' ? 'module' : path.basename(file) === 'platform.yaml' ? 'platform' : null;
    if (!kind) continue;
    try {
      out[kind].push(yaml.load(fs.readFileSync(file, 'utf8')));
    } catch {
      // A fixture of a YAML syntax error: nothing to validate.
    }
  }
  return out;
}

describe('schema validators compiled ahead of time', () => {
  it('the committed files are what the generator writes from the current schemas and Ajv', async () => {
    const { generatedFiles, REGENERATE } = await generator();
    for (const [file, text] of Object.entries(generatedFiles())) {
      const at = path.join(REPO, file);
      const committed = fs.existsSync(at) ? fs.readFileSync(at, 'utf8') : '(missing)';
      expect(committed === text, `${file} is stale (a schema or the Ajv version changed): run \`${REGENERATE}\` and commit it`).toBe(true);
    }
  });

  it('report the errors of a runtime compile on every fixture manifest and platform.yaml', () => {
    const runtime = runtimeValidators();
    const { module, platform } = corpus();
    expect(module.length).toBeGreaterThan(100);
    expect(platform.length).toBeGreaterThan(10);
    const keywords = new Set<string>();
    for (const [values, pre, run] of [
      [module, validateModule, runtime.module],
      [platform, validatePlatform, runtime.platform],
    ] as const) {
      for (const value of values) {
        const expected = outcome(run, value);
        expect(outcome(pre, value)).toEqual(expected);
        for (const e of expected.errors ?? []) keywords.add(e.keyword);
      }
    }
    // The fixtures (test/fixtures/schema-errors above all) exercise every keyword the messages name.
    for (const k of ['required', 'additionalProperties', 'enum', 'type', 'pattern', 'minLength', 'propertyNames']) expect(keywords).toContain(k);
  });

  it('report the errors of a runtime compile on manifests with random values put anywhere', () => {
    const runtime = runtimeValidators();
    const { module, platform } = corpus();
    const keys = [
      ...Object.keys((readJson('resources/schema/module.schema.json').properties as object) ?? {}),
      ...Object.keys((readJson('resources/schema/platform.schema.json').properties as object) ?? {}),
      'requires', 'provides', 'method', 'path', 'id', 'code', 'message', 'handler', 'column', 'env', 'rule', 'reason',
    ];
    const objects = (v: unknown[]) => v.filter((x) => typeof x === 'object' && x !== null && !Array.isArray(x));
    const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        fc.constantFrom('core', 'a.b.c', '/x', 'GET', '1.0.0', 'Bad_Name', '', 'X_CODE', 'core >= 1.0'),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom(...keys), tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    for (const [base, pre, run] of [
      [objects(module), validateModule, runtime.module],
      [objects(platform), validatePlatform, runtime.platform],
    ] as const) {
      fc.assert(
        fc.property(fc.constantFrom(...base), fc.constantFrom(...keys), value, (doc, key, v) => {
          const mutated = { ...(doc as object), [key]: v };
          expect(outcome(pre, mutated)).toEqual(outcome(run, mutated));
        }),
        { numRuns: 400, seed: 16 },
      );
    }
  });

  it('check reports each kind of schema error with the message it always gave (test/fixtures/schema-errors)', () => {
    const { report } = checkCheckout(copyFixture('schema-errors'));
    const got = report.diagnostics
      .filter((d) => d.rule === 'manifest-invalid' || d.rule === 'platform-invalid')
      .map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);
    // One of each keyword's messages, written down from the build before the validators were precompiled.
    expect(got).toEqual(
      expect.arrayContaining([
        "modules/lists/module.yaml:8:5 tasks[0]: missing required field 'handler'",
        "modules/lists/module.yaml:10:5 tasks[1].every: unknown field 'every'",
        'modules/naming/module.yaml:4:7 tier: must be one of "core", "optional", "internal"',
        'modules/lists/module.yaml:3:24 optional_dependencies: must be a list',
        'modules/naming/module.yaml:2:7 name: must be a lowercase name: a letter, then letters, digits or dashes (64 characters at most)',
        'modules/naming/module.yaml:3:10 version: must be a semver version such as 1.4.0',
        'modules/routes/module.yaml:2:10 version: must be a semver version such as 1.4.0',
        'modules/naming/module.yaml:6:19 min_core_version: must NOT have fewer than 1 characters',
        'platform.yaml:16:5 database.connections: property name must be valid',
        'platform.yaml:22:24 tables.shared[1]: must be text matching ^[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?$',
        "platform.yaml:26:5 waivers[1]: missing required field 'rule'",
      ]),
    );
    expect(got).toHaveLength(57);
  });

  it("config schemas: Ajv checks them with the precompiled draft-07 meta-schema and reports what it reported before", () => {
    const patched = newUserAjv();
    // The instance uses the generated validator instead of compiling the meta-schema itself.
    expect(patched.getSchema('http://json-schema.org/draft-07/schema')).toBe(validateDraft07);
    const plain = new Ajv({ allErrors: true, strict: false, validateSchema: true, addUsedSchema: false });
    const compileAndRun = (ajv: Ajv, schema: object, data: unknown) => {
      try {
        const fn = ajv.compile(schema);
        return outcome(fn, data);
      } catch (err) {
        return { threw: (err as Error).message };
      }
    };
    const keyword: fc.Arbitrary<unknown> = fc.oneof(
      fc.constantFrom('object', 'string', 'integer', 'number', 'boolean', 'array', 'null', 'nope'),
      fc.array(fc.constantFrom('string', 'integer', 'x'), { maxLength: 2 }),
      fc.integer({ min: -2, max: 3 }),
      fc.jsonValue({ maxDepth: 1 }),
    );
    // Nested schemas two levels deep at most: Ajv compiles each new random schema (milliseconds apiece).
    const schema: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{ s: Record<string, unknown> }>((tie) => ({
      s: fc.record(
        {
          type: keyword,
          minimum: keyword,
          maxLength: keyword,
          enum: fc.oneof(fc.array(fc.jsonValue({ maxDepth: 0 }), { maxLength: 3 }), keyword),
          required: fc.oneof(fc.array(fc.constantFrom('a', 'b', 'a'), { maxLength: 3 }), keyword),
          additionalProperties: fc.oneof({ maxDepth: 2 }, fc.boolean(), keyword, tie('s')),
          properties: fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.oneof({ maxDepth: 2 }, keyword, tie('s')), { maxKeys: 3 }),
          items: fc.oneof({ maxDepth: 2 }, keyword, tie('s'), fc.array(tie('s'), { maxLength: 2 })),
          uniqueItems: keyword,
          definitions: fc.dictionary(fc.constantFrom('x', 'y'), fc.oneof({ maxDepth: 2 }, fc.constant({ type: 'string' }), tie('s')), { maxKeys: 1 }),
          $ref: fc.constantFrom('#/definitions/x', '#/definitions/y', '#', 'missing.json'),
          format: fc.constantFrom('email', 'uri', 'made-up'),
        },
        { requiredKeys: [] },
      ),
    })).s;
    const data = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }));
    let refused = 0;
    fc.assert(
      fc.property(schema, data, (s, d) => {
        const before = compileAndRun(plain, s, d);
        expect(compileAndRun(patched, s, d)).toEqual(before);
        if ('threw' in before && before.threw.startsWith('schema is invalid')) refused++;
      }),
      { numRuns: 300, seed: 7 },
    );
    // The random schemas include many the meta-schema refuses (so its errors were compared too).
    expect(refused).toBeGreaterThan(30);
  });
});
