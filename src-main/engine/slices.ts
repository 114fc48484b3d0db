/**
 * Work in slices (issue 16): a long computation written as a generator that yields between units
 * of work, so a host can run it to the end at once (runToEnd) or a slice at a time, answering other
 * requests in between (service/sliced-run.ts). The engine reads no clock: it only says where it
 * may stop.
 */
export type Sliced<T> = Generator<void, T, void>;

/** Runs sliced work to its end without stopping. */
export function runToEnd<T>(work: Sliced<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** A counter that says true every `n` calls: where a loop over many items yields. */
export function every(n: number): () => boolean {
  let i = 0;
  return () => {
    if (++i < n) return false;
    i = 0;
    return true;
  };
}
