import { describeNotStatic, kwarg, sequenceItems, type PyCall, type PySpan, type PyValue } from '../python';

/** A dataclass constructor's argument by field name: the keyword, else the positional at the field's place. */
export function fieldOf(call: PyCall, name: string, order: readonly string[]): PyValue | undefined {
  const k = kwarg(call, name);
  if (k) return k.value;
  const i = order.indexOf(name);
  return i >= 0 && i < call.args.length ? call.args[i] : undefined;
}

/** The last dotted segment of a callee: `core.apps.AppModule` -> `AppModule`. */
export const calleeName = (call: PyCall): string => call.callee.slice(call.callee.lastIndexOf('.') + 1);

export const isCallTo = (v: PyValue | undefined, names: readonly string[]): v is PyCall => v?.kind === 'call' && names.includes(calleeName(v));

/** Something that could not be read, said once at its own line. */
export interface NotStatic {
  at: PySpan;
  what: string;
  why: string;
}

const LITERALS = new Set(['str', 'number', 'bool', 'list', 'tuple', 'set', 'dict']);
const KIND_WORDS: Record<string, string> = { str: 'a string', number: 'a number', bool: 'a boolean', list: 'a list', tuple: 'a tuple', set: 'a set', dict: 'a dict' };

/**
 * Collects, while a value is read, what cannot be read statically (a call, a name not followed:
 * python-not-static) apart from what is written but wrong (a number where the framework wants a
 * string, a spec without its required field: the framework refuses it at import).
 */
export class Unread {
  readonly items: NotStatic[] = [];
  readonly invalid: { at: PySpan; message: string }[] = [];

  add(v: PyValue, what: string): void {
    if (LITERALS.has(v.kind)) this.invalid.push({ at: v, message: `${what} is ${KIND_WORDS[v.kind]}, which the framework does not accept there` });
    else this.items.push({ at: v, what, why: describeNotStatic(v) });
  }

  /** A field the framework requires (a dataclass field without default), absent from a call. */
  missing(call: PySpan, what: string): void {
    this.invalid.push({ at: call, message: `${what} is missing: the framework refuses the call` });
  }

  /** A required string field of a spec call. */
  requiredString(v: PyValue | undefined, call: PySpan, what: string): string | undefined {
    if (v === undefined) {
      this.missing(call, what);
      return undefined;
    }
    return this.string(v, what);
  }

  /** The items of a list (or tuple, set) value; anything else is reported and gives no items. */
  itemsOf(v: PyValue | undefined, what: string): PyValue[] {
    if (v === undefined || v.kind === 'none') return [];
    const items = sequenceItems(v);
    if (items === undefined) {
      this.add(v, what);
      return [];
    }
    return items;
  }

  /** A string value; anything else is reported (when present) and gives undefined. */
  string(v: PyValue | undefined, what: string): string | undefined {
    if (v === undefined || v.kind === 'none') return undefined;
    if (v.kind === 'str') return v.value;
    this.add(v, what);
    return undefined;
  }

  /** A list of strings: the literal ones, each other item reported. */
  strings(v: PyValue | undefined, what: string): { value: string; at: PyValue }[] {
    const out: { value: string; at: PyValue }[] = [];
    for (const item of this.itemsOf(v, what)) {
      if (item.kind === 'str') out.push({ value: item.value, at: item });
      else this.add(item, `an item of ${what}`);
    }
    return out;
  }
}
