import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleWork } from './idle-work';

describe('work done ahead of requests', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits while a request is answered and until the service was quiet, then runs each key once, in order', async () => {
    const idle = new IdleWork(100);
    const ran: string[] = [];
    let answer!: () => void;
    const request = idle.around(() => new Promise<void>((r) => (answer = r)));
    idle.schedule('a', async () => void ran.push('a1'));
    idle.schedule('b', async () => void ran.push('b'));
    idle.schedule('a', async () => void ran.push('a2'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(ran).toEqual([]);
    answer();
    await request;
    await vi.advanceTimersByTimeAsync(50);
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    // The later scheduling of 'a' replaced the earlier one, at its place.
    expect(ran).toEqual(['a2', 'b']);
    idle.dispose();
  });

  it('lets a request in between two pieces, a failing piece does not stop the others, and nothing runs after dispose', async () => {
    const idle = new IdleWork(100);
    const ran: string[] = [];
    idle.schedule('a', async () => {
      ran.push('a');
      void idle.around(() => Promise.resolve());
      throw new Error('not for a request');
    });
    idle.schedule('b', async () => void ran.push('b'));
    // Quiet since it was made: the first piece starts at once; the request it let in delays the next.
    await vi.advanceTimersByTimeAsync(1);
    expect(ran).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(90);
    expect(ran).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(20);
    expect(ran).toEqual(['a', 'b']);
    idle.schedule('c', async () => void ran.push('c'));
    idle.dispose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(ran).toEqual(['a', 'b']);
  });
});
