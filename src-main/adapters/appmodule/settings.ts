import type { PyValue } from '../python';
import { fieldOf, isCallTo, type Unread } from './call-args';
import { SETTING_FIELDS } from './specs';

/**
 * An app's SettingSpecs as the native `config: {schema, defaults}`: one property per full key
 * (`module.key`) with the type, bounds and allowed values the framework validates a value against
 * (core.apps.module _validate_setting_value), and the declared default. The registry's
 * config-defaults-invalid then finds a default the framework would refuse at import.
 */

export interface SettingsRead {
  schema: { type: 'object'; properties: Record<string, Record<string, unknown>> };
  defaults: Record<string, unknown>;
  /** The full keys with their risk level and scopes, for the views. */
  keys: { key: string; riskLevel: string; scopes: string[]; at: PyValue }[];
}

/** A literal Python value as JSON, or undefined when it is not a literal. */
function literal(v: PyValue | undefined): unknown {
  if (v === undefined) return undefined;
  switch (v.kind) {
    case 'str':
    case 'bool':
    case 'number':
      return v.value;
    case 'none':
      return null;
    case 'list':
    case 'tuple':
    case 'set': {
      const items = v.items.map(literal);
      return items.includes(undefined) ? undefined : items;
    }
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const e of v.entries) {
        const value = literal(e.value);
        if (e.key.kind !== 'str' || value === undefined) return undefined;
        out[e.key.value] = value;
      }
      return out;
    }
    default:
      return undefined;
  }
}

function typeSchema(valueType: string, allowed: unknown, secretRef: boolean): Record<string, unknown> {
  if (secretRef) return { type: 'string', minLength: 1 };
  switch (valueType) {
    case 'string':
      return { type: 'string' };
    case 'int':
      return { type: 'integer' };
    case 'float':
      return { type: 'number' };
    case 'bool':
      return { type: 'boolean' };
    case 'enum':
      return Array.isArray(allowed) && allowed.length > 0 ? { type: 'string', enum: allowed } : { type: 'string' };
    case 'string_list':
      return { type: 'array', items: { type: 'string' } };
    default:
      return {};
  }
}

export function readSettings(v: PyValue | undefined, unread: Unread): SettingsRead | undefined {
  const items = unread.itemsOf(v, 'settings');
  if (items.length === 0) return undefined;
  const out: SettingsRead = { schema: { type: 'object', properties: {} }, defaults: {}, keys: [] };
  for (const item of items) {
    if (!isCallTo(item, ['SettingSpec'])) {
      unread.add(item, 'an item of settings (expected SettingSpec(...))');
      continue;
    }
    const module = unread.requiredString(fieldOf(item, 'module', SETTING_FIELDS), item, 'SettingSpec module');
    const key = unread.requiredString(fieldOf(item, 'key', SETTING_FIELDS), item, 'SettingSpec key');
    const valueType = unread.requiredString(fieldOf(item, 'value_type', SETTING_FIELDS), item, 'SettingSpec value_type');
    if (module === undefined || key === undefined || valueType === undefined) continue;
    const full = `${module}.${key}`;
    const schema = typeSchema(valueType, literal(fieldOf(item, 'allowed_values', SETTING_FIELDS)), literal(fieldOf(item, 'secret_ref_only', SETTING_FIELDS)) === true);
    const min = literal(fieldOf(item, 'min_value', SETTING_FIELDS));
    const max = literal(fieldOf(item, 'max_value', SETTING_FIELDS));
    if (typeof min === 'number' && (valueType === 'int' || valueType === 'float')) schema.minimum = min;
    if (typeof max === 'number' && (valueType === 'int' || valueType === 'float')) schema.maximum = max;
    out.schema.properties[full] = schema;
    const def = fieldOf(item, 'default', SETTING_FIELDS);
    const value = literal(def);
    if (value !== undefined) out.defaults[full] = value;
    else if (def !== undefined) unread.add(def, `the default of setting ${full}`);
    const scopes = literal(fieldOf(item, 'scopes', SETTING_FIELDS));
    out.keys.push({ key: full, riskLevel: (literal(fieldOf(item, 'risk_level', SETTING_FIELDS)) as string | undefined) ?? 'normal', scopes: Array.isArray(scopes) ? scopes.map(String) : [], at: item });
  }
  return out;
}
