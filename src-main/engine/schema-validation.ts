import type { ErrorObject, ValidateFunction } from 'ajv';
import moduleSchema from '../../resources/schema/module.schema.json';
import platformSchema from '../../resources/schema/platform.schema.json';
import { validateModule, validatePlatform } from './generated/schema-validators';
import type { YamlPath } from './yaml-source';

/** One schema violation: where it is, and a message that names the field path. */
export interface SchemaIssue {
  path: YamlPath;
  /** Whether the position is the key (unknown or misplaced field) rather than the value. */
  part: 'key' | 'value';
  message: string;
}

// The validators are compiled ahead of time (scripts/generate-schema-validators.mjs, `npm run
// generate:validators`) with the Ajv options this module compiled them with at first use before
// ({ allErrors: true, strict: false, validateSchema: false }): same errors, in the same order, without
// the ~50 ms of compiling them on every start nor evaluating Ajv's compiler. test/schema-validators.test.ts
// fails when the generated file is stale. The schemas are checked against the draft-07 meta-schema by
// test/schema-docs.test.ts.
export const MODULE_SCHEMA: object = moduleSchema;
export const PLATFORM_SCHEMA: object = platformSchema;

/** Plain-English readings of the schema's patterns, so messages say what to write rather than a regex. */
const PATTERN_HINTS: Record<string, string> = {
  '^[a-z][a-z0-9-]{0,63}$': 'a lowercase name: a letter, then letters, digits or dashes (64 characters at most)',
  '^[a-z][a-z0-9-]{0,63}(\\s+\\S.*)?$': '"name" or "name <range>", e.g. "core >= 1.0.0"',
  '^[a-z][a-z0-9_.-]*(\\s+\\S.*)?$': '"capability" or "capability <version or range>", e.g. "search.fulltext >= 1.0"',
  '^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*){2,}$': 'an event name module.entity.verb in lowercase, e.g. "billing.invoice.paid"',
  '^[A-Z][A-Z0-9_]+$': 'an UPPER_SNAKE_CASE code, e.g. "INVOICE_NOT_FOUND"',
  '^/': 'a path starting with "/"',
  '^[A-Za-z_][A-Za-z0-9_]*$': 'an SQL identifier',
};

function toPath(instancePath: string): (string | number)[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

/** `routes[2].method`, or `(top level)` for the root. */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out === '' ? '(top level)' : out;
}

function describe(error: ErrorObject): SchemaIssue {
  const path = toPath(error.instancePath);
  const where = formatPath(path);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path, part: 'value', message: `${where}: missing required field '${String(p.missingProperty)}'` };
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      return { path: [...path, key], part: 'key', message: `${formatPath([...path, key])}: unknown field '${key}'` };
    }
    case 'enum':
      return {
        path,
        part: 'value',
        message: `${where}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'type':
      return { path, part: 'value', message: `${where}: must be ${article(String(p.type))}` };
    case 'pattern': {
      const hint = PATTERN_HINTS[String(p.pattern)];
      return { path, part: 'value', message: `${where}: must be ${hint ?? `text matching ${String(p.pattern)}`}` };
    }
    default:
      return { path, part: 'value', message: `${where}: ${error.message ?? 'is invalid'}` };
  }
}

function article(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'integer':
      return 'an integer';
    default:
      return `a ${type}`;
  }
}

function validate(fn: ValidateFunction, value: unknown): SchemaIssue[] {
  if (fn(value)) return [];
  const issues = (fn.errors ?? []).map(describe);
  // The semver pattern is long; say it in words.
  for (const issue of issues) {
    if (issue.message.includes('text matching ^(0|[1-9]')) {
      issue.message = `${formatPath(issue.path)}: must be a semver version such as 1.4.0`;
    }
  }
  return issues;
}

export function validateModuleSchema(value: unknown): SchemaIssue[] {
  return validate(validateModule, value);
}

export function validatePlatformSchema(value: unknown): SchemaIssue[] {
  return validate(validatePlatform, value);
}

export const MODULE_TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(
  Object.keys((moduleSchema as { properties: Record<string, unknown> }).properties),
);
