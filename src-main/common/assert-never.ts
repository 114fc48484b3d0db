/** Ends exhaustive switches: the compiler proves the call unreachable, and at run time it names the stray value. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
