import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalesce';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('Coalescer', () => {
  it('a burst of requests during a run costs one more run, shared by all of them', async () => {
    const c = new Coalescer<number>();
    const runs: ReturnType<typeof deferred<number>>[] = [];
    const work = () => {
      const d = deferred<number>();
      runs.push(d);
      return d.promise;
    };
    const first = c.run('k', work);
    const later = [c.run('k', work), c.run('k', work), c.run('k', work)];
    expect(runs).toHaveLength(1);
    runs[0].resolve(1);
    expect(await first).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(runs).toHaveLength(2); // the queued run started only after the first ended
    runs[1].resolve(2);
    expect(await Promise.all(later)).toEqual([2, 2, 2]);
    await new Promise((r) => setImmediate(r));
    expect(c.busy).toBe(0);
  });

  it('keys do not wait for each other, and a failed run does not stop the next', async () => {
    const c = new Coalescer<string>();
    const a = deferred<string>();
    const pa = c.run('a', () => a.promise);
    expect(await c.run('b', async () => 'b')).toBe('b');
    const retry = c.run('a', async () => 'second');
    a.reject(new Error('first failed'));
    await expect(pa).rejects.toThrow('first failed');
    expect(await retry).toBe('second');
  });
});
