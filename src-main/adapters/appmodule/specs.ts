import type { PyCall, PyValue } from '../python';
import { calleeName, fieldOf, isCallTo, type Unread } from './call-args';

/**
 * The framework's spec dataclasses (core.apps.module, core.permissions.specs, core.exceptions.codes,
 * core.messages.catalog), read from their constructor calls with the field order of each dataclass,
 * so positional arguments are read as Python would bind them.
 */

export const PERMISSION_FIELDS = ['resource', 'action', 'scope', 'description', 'risk_level'] as const;
const EVENT_SCHEMA_FIELDS = ['event_type', 'event_version', 'required_payload_fields', 'field_types', 'compatible_with'];
const EVENT_HANDLER_FIELDS = ['event_type', 'event_version', 'handler_path'];
const TASK_FIELDS = ['task_type', 'handler_path', 'queue'];
const SCHEDULE_FIELDS = ['schedule_id', 'task_type', 'trigger', 'trigger_config', 'misfire_policy'];
const HOOK_FIELDS = ['hook_id', 'phase', 'handler_path'];
const ERROR_SPEC_FIELDS = ['code', 'default_http_status', 'default_message', 'owner_module'];
const MODULE_ERROR_FIELDS = ['code', 'default_http_status', 'default_message'];
const CATALOG_FIELDS = ['locale', 'owner_module', 'messages'];
const MODULE_CATALOG_FIELDS = ['locale', 'messages'];
export const SETTING_FIELDS = ['module', 'key', 'value_type', 'default', 'scopes', 'category', 'description', 'required', 'runtime_mutable', 'sensitive', 'secret_ref_only', 'risk_level', 'cache_ttl_seconds', 'allowed_values', 'min_value', 'max_value', 'kind', 'deprecated'];

const RISK_LEVELS = ['low', 'normal', 'high', 'critical'];
const SCOPES = ['tenant', 'own', 'resource', 'platform'];

export interface PermissionRead {
  resource: string;
  action: string;
  scope: string;
  description: string;
  riskLevel: string;
  at: PyValue;
}

/** Each item a spec list holds, when it is a call to one of `names`; other items are reported. */
function specCalls(items: PyValue[], names: readonly string[], what: string, unread: Unread): PyCall[] {
  const out: PyCall[] = [];
  for (const item of items) {
    if (isCallTo(item, names)) out.push(item);
    else unread.add(item, `an item of ${what} (expected ${names.join(' or ')}(...))`);
  }
  return out;
}

export function readPermissions(v: PyValue | undefined, unread: Unread): PermissionRead[] {
  const out: PermissionRead[] = [];
  for (const call of specCalls(unread.itemsOf(v, 'permissions'), ['PermissionSpec'], 'permissions', unread)) {
    const resource = unread.requiredString(fieldOf(call, 'resource', PERMISSION_FIELDS), call, 'PermissionSpec resource');
    const action = unread.requiredString(fieldOf(call, 'action', PERMISSION_FIELDS), call, 'PermissionSpec action');
    if (resource === undefined || action === undefined) continue;
    const scope = unread.string(fieldOf(call, 'scope', PERMISSION_FIELDS), 'PermissionSpec scope') ?? 'tenant';
    const description = unread.string(fieldOf(call, 'description', PERMISSION_FIELDS), 'PermissionSpec description') ?? '';
    const riskLevel = unread.string(fieldOf(call, 'risk_level', PERMISSION_FIELDS), 'PermissionSpec risk_level') ?? 'normal';
    // PermissionSpec.__post_init__ refuses these at import.
    if (!RISK_LEVELS.includes(riskLevel)) unread.invalid.push({ at: fieldOf(call, 'risk_level', PERMISSION_FIELDS) ?? call, message: `permission ${resource}.${action}: risk_level '${riskLevel}' is not one of ${RISK_LEVELS.join(', ')} ("invalid permission risk_level")` });
    if (!SCOPES.includes(scope)) unread.invalid.push({ at: fieldOf(call, 'scope', PERMISSION_FIELDS) ?? call, message: `permission ${resource}.${action}: scope '${scope}' is not one of ${SCOPES.join(', ')} ("invalid permission scope")` });
    out.push({ resource, action, scope, description, riskLevel, at: call });
  }
  return out;
}

export interface NamedRead {
  name: string;
  detail: string;
  at: PyValue;
}

/** event_schemas: the events an app publishes (`type` and its version). */
export function readEventSchemas(v: PyValue | undefined, unread: Unread): NamedRead[] {
  return specCalls(unread.itemsOf(v, 'event_schemas'), ['EventSchemaSpec'], 'event_schemas', unread).flatMap((call) => {
    const name = unread.requiredString(fieldOf(call, 'event_type', EVENT_SCHEMA_FIELDS), call, 'EventSchemaSpec event_type');
    const version = fieldOf(call, 'event_version', EVENT_SCHEMA_FIELDS);
    return name === undefined ? [] : [{ name, detail: version?.kind === 'number' ? `v${version.text}` : '', at: call }];
  });
}

/** event_handlers: the events an app subscribes to, and the handler of each. */
export function readEventHandlers(v: PyValue | undefined, unread: Unread): NamedRead[] {
  return specCalls(unread.itemsOf(v, 'event_handlers'), ['EventHandlerSpec'], 'event_handlers', unread).flatMap((call) => {
    const name = unread.requiredString(fieldOf(call, 'event_type', EVENT_HANDLER_FIELDS), call, 'EventHandlerSpec event_type');
    const handler = unread.string(fieldOf(call, 'handler_path', EVENT_HANDLER_FIELDS), 'EventHandlerSpec handler_path') ?? '';
    return name === undefined ? [] : [{ name, detail: handler, at: call }];
  });
}

export function readTasks(v: PyValue | undefined, unread: Unread): NamedRead[] {
  return specCalls(unread.itemsOf(v, 'task_handlers'), ['TaskHandlerSpec'], 'task_handlers', unread).flatMap((call) => {
    const name = unread.requiredString(fieldOf(call, 'task_type', TASK_FIELDS), call, 'TaskHandlerSpec task_type');
    const handler = unread.string(fieldOf(call, 'handler_path', TASK_FIELDS), 'TaskHandlerSpec handler_path') ?? '';
    return name === undefined ? [] : [{ name, detail: handler, at: call }];
  });
}

export interface ScheduleRead {
  id: string;
  task: string;
  trigger: string;
  /** The cron expression of a `cron` trigger (minute hour day month weekday, from trigger_config). */
  cron?: string;
  at: PyValue;
}

/** A cron trigger's fields as one expression; the framework reads `minute` (default 0) and `hour` (default *). */
function cronOf(config: PyValue | undefined): string | undefined {
  if (config?.kind !== 'dict') return undefined;
  const get = (key: string, fallback: string): string => {
    const e = config.entries.find((x) => x.key.kind === 'str' && x.key.value === key);
    return e?.value.kind === 'str' ? e.value.value : e?.value.kind === 'number' ? e.value.text : fallback;
  };
  const whole = get('cron', '');
  if (whole !== '') return whole;
  return [get('minute', '0'), get('hour', '*'), get('day', '*'), get('month', '*'), get('day_of_week', '*')].join(' ');
}

export function readSchedules(v: PyValue | undefined, unread: Unread): ScheduleRead[] {
  return specCalls(unread.itemsOf(v, 'schedules'), ['ScheduleSpec'], 'schedules', unread).flatMap((call) => {
    const id = unread.requiredString(fieldOf(call, 'schedule_id', SCHEDULE_FIELDS), call, 'ScheduleSpec schedule_id');
    const task = unread.requiredString(fieldOf(call, 'task_type', SCHEDULE_FIELDS), call, 'ScheduleSpec task_type');
    const trigger = unread.requiredString(fieldOf(call, 'trigger', SCHEDULE_FIELDS), call, 'ScheduleSpec trigger');
    if (id === undefined || task === undefined || trigger === undefined) return [];
    return [{ id, task, trigger, cron: trigger === 'cron' ? cronOf(fieldOf(call, 'trigger_config', SCHEDULE_FIELDS)) : undefined, at: call }];
  });
}

export interface HookRead {
  id: string;
  phase: string;
  handler: string;
  at: PyValue;
}

export function readHooks(v: PyValue | undefined, unread: Unread): HookRead[] {
  return specCalls(unread.itemsOf(v, 'lifecycle_hooks'), ['LifecycleHookSpec'], 'lifecycle_hooks', unread).flatMap((call) => {
    const id = unread.requiredString(fieldOf(call, 'hook_id', HOOK_FIELDS), call, 'LifecycleHookSpec hook_id');
    const phase = unread.requiredString(fieldOf(call, 'phase', HOOK_FIELDS), call, 'LifecycleHookSpec phase');
    const handler = unread.requiredString(fieldOf(call, 'handler_path', HOOK_FIELDS), call, 'LifecycleHookSpec handler_path');
    return id === undefined || phase === undefined || handler === undefined ? [] : [{ id, phase, handler, at: call }];
  });
}

export interface ErrorCodeRead {
  code: string;
  message: string;
  at: PyValue;
}

/** error_codes: ErrorCodeSpec(...) items, or define_module_error_codes(owner, ModuleErrorCode(...), ...). */
export function readErrorCodes(v: PyValue | undefined, unread: Unread): ErrorCodeRead[] {
  const calls: { call: PyCall; order: string[] }[] = [];
  if (isCallTo(v, ['define_module_error_codes'])) {
    for (const a of v.args.slice(1)) {
      if (isCallTo(a, ['ModuleErrorCode'])) calls.push({ call: a, order: MODULE_ERROR_FIELDS });
      else unread.add(a, 'an argument of define_module_error_codes (expected ModuleErrorCode(...))');
    }
  } else {
    for (const c of specCalls(unread.itemsOf(v, 'error_codes'), ['ErrorCodeSpec', 'ModuleErrorCode'], 'error_codes', unread)) calls.push({ call: c, order: calleeName(c) === 'ErrorCodeSpec' ? ERROR_SPEC_FIELDS : MODULE_ERROR_FIELDS });
  }
  return calls.flatMap(({ call, order }) => {
    const code = unread.requiredString(fieldOf(call, 'code', order), call, 'the error code');
    const message = unread.string(fieldOf(call, 'default_message', order), `default_message of ${code ?? 'an error code'}`) ?? '';
    return code === undefined ? [] : [{ code, message, at: call }];
  });
}

export interface CatalogRead {
  locale: string;
  messages: number;
  /** The file the catalog is written in. */
  file: string;
  at: PyValue;
}

/** message_catalogs: MessageCatalog(...) items, or define_module_message_catalogs(owner, catalogs=[ModuleMessageCatalog(...)]). */
export function readCatalogs(v: PyValue | undefined, unread: Unread): CatalogRead[] {
  let calls: { call: PyCall; order: string[] }[];
  if (isCallTo(v, ['define_module_message_catalogs'])) {
    const list = fieldOf(v, 'catalogs', ['owner_module', 'error_codes', 'catalogs']);
    calls = specCalls(unread.itemsOf(list, 'catalogs'), ['ModuleMessageCatalog'], 'catalogs', unread).map((call) => ({ call, order: MODULE_CATALOG_FIELDS }));
  } else {
    calls = specCalls(unread.itemsOf(v, 'message_catalogs'), ['MessageCatalog', 'ModuleMessageCatalog'], 'message_catalogs', unread).map((call) => ({ call, order: calleeName(call) === 'MessageCatalog' ? CATALOG_FIELDS : MODULE_CATALOG_FIELDS }));
  }
  return calls.flatMap(({ call, order }) => {
    const locale = unread.requiredString(fieldOf(call, 'locale', order), call, 'the catalog locale');
    const messages = fieldOf(call, 'messages', order);
    return locale === undefined ? [] : [{ locale, messages: messages?.kind === 'dict' ? messages.entries.length : 0, file: call.file, at: call }];
  });
}
