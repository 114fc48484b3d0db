import type { default as Ajv, ValidateFunction } from 'ajv';
import { validateDraft07 } from './generated/draft-07-meta-validator';
import { formatPath } from './schema-validation';

/**
 * Checks a module's config defaults against its own config schema. Schemas come from the checkout,
 * so this uses an Ajv instance of its own (nothing registered globally, no remote loading) and
 * caches validators by schema text: platforms often repeat the same schema.
 */
let userAjv: Ajv | undefined;
const cache = new Map<string, ValidateFunction | string>();
const bySchemaObject = new WeakMap<object, ValidateFunction | string>();

/** Ajv's id of the draft-07 meta-schema, which checks a config schema that names no `$schema`. */
const DRAFT_07 = 'http://json-schema.org/draft-07/schema';

/**
 * Ajv's compiler, evaluated the first time a checkout's config schema is compiled: a check of a
 * platform without config schemas never evaluates it (the manifest and platform schemas are compiled
 * ahead of time: schema-validation.ts). A `require` in a function rather than an import: the bundler
 * inlines Ajv and wraps it so that its module bodies run only at this call (test/ajv-on-demand.test.ts
 * proves it on the built CLI); under vitest it is Node's require. Nothing is read from disk at run time.
 *
 * Before compiling a schema, Ajv checks it against the draft-07 meta-schema, whose validator it would
 * compile first (about 50 ms): that validator is compiled ahead of time too (generated/, same options)
 * and handed to the instance in place of its own. Ajv then reports exactly what it reported before
 * (test/schema-validators.test.ts compares both on random schemas).
 */
export function newUserAjv(): Ajv {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: AjvClass } = require('ajv') as typeof import('ajv');
  const ajv = new AjvClass({ allErrors: true, strict: false, validateSchema: true, addUsedSchema: false });
  const meta = ajv.schemas[DRAFT_07];
  if (meta && !meta.validate) meta.validate = validateDraft07;
  return ajv;
}

export interface ConfigProblem {
  /** Path inside `config` (e.g. ['schema'] or ['defaults', 'retries']). */
  path: (string | number)[];
  message: string;
}

function compile(schema: object): ValidateFunction | string {
  const known = bySchemaObject.get(schema);
  if (known !== undefined) return known;
  const key = JSON.stringify(schema);
  let entry = cache.get(key);
  if (entry === undefined) {
    userAjv ??= newUserAjv();
    try {
      entry = userAjv.compile(schema);
    } catch (err) {
      entry = (err as Error).message.split('\n')[0];
    }
    cache.set(key, entry);
  }
  bySchemaObject.set(schema, entry);
  return entry;
}

export function checkConfigDefaults(schema: unknown, defaults: unknown): ConfigProblem[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return [];
  const validate = compile(schema);
  if (typeof validate === 'string') return [{ path: ['schema'], message: `config.schema is not a valid JSON Schema: ${validate}` }];
  const value = defaults === undefined ? {} : defaults;
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => {
    const inner = e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const where = formatPath(['config', 'defaults', ...inner]);
    return {
      path: defaults === undefined ? ['schema'] : ['defaults', ...inner],
      message: `${where} ${e.message ?? 'is invalid'}${defaults === undefined ? ' (no defaults are given)' : ''}`,
    };
  });
}
