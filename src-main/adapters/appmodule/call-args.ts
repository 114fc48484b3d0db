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

/** Collects what cannot be read statically while a value is read. */
export class Unread {
  readonly items: NotStatic[] = [];

  add(v: PyValue, what: string): void {
    this.items.push({ at: v, what, why: describeNotStatic(v) });
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
