/**
 * Polls `probe` every 20 ms until it gives a value; rejects after `ms` (a hang guard with room for
 * a loaded machine: two test files run at a time).
 */
export function waitFor<T>(probe: () => T | undefined, ms = 30_000): Promise<T> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const v = probe();
      if (v !== undefined) return resolve(v);
      if (Date.now() - start > ms) return reject(new Error('timed out'));
      setTimeout(tick, 20);
    };
    tick();
  });
}
