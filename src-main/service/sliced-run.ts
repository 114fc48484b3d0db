import type { Sliced } from '../engine/slices';

/**
 * Runs sliced work (engine/slices.ts) a slice at a time, giving the event loop a turn in between
 * (issue 16): work done ahead of a request, as the Migrations plan after a check of the session,
 * then delays a request or an edit arriving meanwhile by one slice, not by the whole work. Work
 * whose result would be of no use any more (`stale`: a newer check of the session) is given up
 * between slices with SlicesAborted.
 */

export class SlicesAborted extends Error {
  constructor() {
    super('given up: what it was for has changed');
  }
}

export interface SliceOptions {
  /** Work time (ms) before giving way; 0 gives way at every point the work may stop. */
  sliceMs?: number;
  /** Asked after each turn given away: true gives the work up. */
  stale?: () => boolean;
  /** Told after each slice, before the turn is given away. */
  onSlice?: () => void;
}

/** About a frame: a request arriving waits at most this long (plus one unit of the work). */
const SLICE_MS = 10;

export async function runSliced<T>(work: Sliced<T>, options: SliceOptions = {}): Promise<T> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  for (;;) {
    const started = performance.now();
    for (;;) {
      const step = work.next();
      if (step.done) return step.value;
      if (performance.now() - started >= sliceMs) break;
    }
    options.onSlice?.();
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (options.stale?.()) {
      work.return(undefined as never);
      throw new SlicesAborted();
    }
  }
}
