/**
 * The plain scalars of the `yaml` package's YAML 1.2 core schema, as the fast YAML path resolves
 * them: js-yaml through a schema made of these (yaml-fast.ts), and the block-subset reader
 * (yaml-subset.ts) by corePlainScalar. One list, so that both resolve alike.
 */

/**
 * A core scalar type. js-yaml tries every implicit type on every plain scalar (keys too), so each
 * first asks `may`, a cheap condition every text its expression matches meets (its length or first
 * character): most plain scalars are names and sentences that no expression needs to see.
 */
export interface CoreScalar {
  name: string;
  may(s: string): boolean;
  test: RegExp;
  construct(s: string): unknown;
}

/** A first character a number can start with: a sign, a dot or a digit. */
const numberStart = (s: string): boolean => {
  const c = s.charCodeAt(0);
  return c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57);
};
const zeroStart = (s: string): boolean => s.charCodeAt(0) === 48;

// The yaml package's core tags (yaml/dist/schema/core, common/null.js), in its order.
export const CORE_SCALARS: readonly CoreScalar[] = [
  { name: 'null', may: (s) => s.length <= 4, test: /^(?:~|[Nn]ull|NULL)?$/, construct: () => null },
  { name: 'bool', may: (s) => s.length === 4 || s.length === 5, test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, construct: (s) => s[0] === 't' || s[0] === 'T' },
  { name: 'int-oct', may: zeroStart, test: /^0o[0-7]+$/, construct: (s) => parseInt(s.substring(2), 8) },
  { name: 'int', may: numberStart, test: /^[-+]?[0-9]+$/, construct: (s) => parseInt(s, 10) },
  { name: 'int-hex', may: zeroStart, test: /^0x[0-9a-fA-F]+$/, construct: (s) => parseInt(s.substring(2), 16) },
  { name: 'float-nan', may: numberStart, test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, construct: (s) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY) },
  { name: 'float-exp', may: numberStart, test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, construct: (s) => parseFloat(s) },
  { name: 'float', may: numberStart, test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, construct: (s) => parseFloat(s) },
];

/** A plain scalar's value as js-yaml reads it with CORE (its implicit types tried in order; text when none matches). */
export function corePlainScalar(s: string): unknown {
  // Every core type's text starts with one of `~nNtTfF+-.` or a digit (their expressions say so); most plain scalars are names.
  const c = s.charCodeAt(0);
  if (!(c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70 || c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57)) && s.length > 0) return s;
  for (const t of CORE_SCALARS) if (t.may(s) && t.test.test(s)) return t.construct(s);
  return s;
}
