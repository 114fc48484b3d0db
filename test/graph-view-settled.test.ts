/**
 * viewSettled (use-graph-viewport.ts): a view animation that another view change cut short leaves
 * React Flow's promise pending for ever; what waits on it (a module chosen in the list gets keyboard
 * focus once centred) must go on anyway. A fresh-clone CI run failed on exactly that: a refit
 * cancelled the centring before its first frame and the focus never came.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { viewSettled } from '../src-renderer/src/views/graph/use-graph-viewport';

describe('viewSettled', () => {
  afterEach(() => vi.useRealTimers());

  it('settles when the animation ends', async () => {
    vi.useFakeTimers();
    let end!: () => void;
    let settled = false;
    void viewSettled(new Promise<void>((r) => (end = r)), 250).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(100);
    expect(settled).toBe(false);
    end();
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('settles shortly after the animation would have ended when its promise never settles', async () => {
    vi.useFakeTimers();
    let settled = false;
    void viewSettled(new Promise(() => {}), 250).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(300);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(60);
    expect(settled).toBe(true);
  });
});
