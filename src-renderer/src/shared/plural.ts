/**
 * A count with its noun, singular or plural: `plural(1, 'error')` is "1 error", `plural(2, 'error')`
 * "2 errors"; irregular nouns pass their plural (`plural(n, 'entry', 'entries')`). Every view
 * counts through this, so the GUI never says "1 errors".
 */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : pluralNoun}`;
}

/** The noun alone, for labels that put the count elsewhere. */
export function nounFor(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return count === 1 ? noun : pluralNoun;
}
