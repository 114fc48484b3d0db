/**
 * Values read from Python source without running it. Every value keeps the file and the span it
 * was written at, so a finding about it points at the real line.
 */

/** Where a value was written: checkout-relative file with `/`, 1-based lines and columns. */
export interface PySpan {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface PyKeyword extends PySpan {
  name: string;
  value: PyValue;
}

/** An operation the resolver may fold once its operands are known (`A + B`, `*A` in a list, `**A` in a dict). */
export interface PyFold {
  op: '+' | 'starred' | 'spread';
  operands: PyValue[];
}

export type PyValue = PySpan &
  (
    | { kind: 'str'; value: string }
    | { kind: 'number'; value: number; text: string }
    | { kind: 'bool'; value: boolean }
    | { kind: 'none' }
    | { kind: 'list' | 'tuple' | 'set'; items: PyValue[] }
    | { kind: 'dict'; entries: { key: PyValue; value: PyValue }[] }
    | { kind: 'call'; callee: string; args: PyValue[]; kwargs: PyKeyword[] }
    /** A (dotted) name the resolver did not or could not follow, e.g. `RiskLevel.HIGH`. */
    | { kind: 'name'; name: string }
    /** Cannot be read statically (a computed value). `reason` is written for the user. */
    | { kind: 'unknown'; text: string; reason: string; fold?: PyFold }
  );

export type PyCall = PyValue & { kind: 'call' };

/** The keyword argument `name=` of a call, if given. */
export function kwarg(call: PyCall, name: string): PyKeyword | undefined {
  return call.kwargs.find((k) => k.name === name);
}

/** A string literal's value, or undefined for anything else. */
export function literalString(v: PyValue | undefined): string | undefined {
  return v?.kind === 'str' ? v.value : undefined;
}

/** The strings of a list, tuple or set of string literals (or of one string); the items that are not literal strings apart. */
export function literalStrings(v: PyValue | undefined): { values: string[]; unknown: PyValue[] } {
  const values: string[] = [];
  const unknown: PyValue[] = [];
  if (v === undefined) return { values, unknown };
  if (v.kind === 'str') return { values: [v.value], unknown };
  if (v.kind !== 'list' && v.kind !== 'tuple' && v.kind !== 'set') return { values, unknown: [v] };
  for (const item of v.items) {
    if (item.kind === 'str') values.push(item.value);
    else unknown.push(item);
  }
  return { values, unknown };
}

/** Items of a list, tuple or set; undefined for anything else. */
export function sequenceItems(v: PyValue | undefined): PyValue[] | undefined {
  return v !== undefined && (v.kind === 'list' || v.kind === 'tuple' || v.kind === 'set') ? v.items : undefined;
}

/** The value of a string key in a dict literal. */
export function dictGet(v: PyValue | undefined, key: string): PyValue | undefined {
  if (v?.kind !== 'dict') return undefined;
  for (let i = v.entries.length - 1; i >= 0; i--) {
    const e = v.entries[i];
    if (e.key.kind === 'str' && e.key.value === key) return e.value;
  }
  return undefined;
}

/** Why a value is not a plain literal, in words for a diagnostic ("a call to os.getenv()", "the name X"). */
export function describeNotStatic(v: PyValue): string {
  switch (v.kind) {
    case 'unknown':
      return v.reason;
    case 'name':
      return `the name ${v.name}, which is not bound to a literal in the files read`;
    case 'call':
      return `a call to ${v.callee}()`;
    default:
      return `a ${v.kind} value`;
  }
}
