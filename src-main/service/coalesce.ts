const ignore = () => undefined;

/**
 * Runs work by key with at most one run in progress and one waiting. A request made while a run is
 * in progress waits for it, then gets a run of its own, which every request made meanwhile shares:
 * each answer comes from a run that started after the request was made, and a burst of requests
 * (an edit per keystroke re-checking the Changes view) costs two runs instead of one each.
 */
export class Coalescer<T> {
  private readonly state = new Map<string, { running: Promise<T>; queued: Promise<T> | null }>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const current = this.state.get(key);
    if (current?.queued) return current.queued;
    const start = (): Promise<T> => {
      const run = work();
      const done = () => {
        const s = this.state.get(key);
        if (s && s.running === run && s.queued === null) this.state.delete(key);
      };
      run.then(done, done);
      return run;
    };
    if (!current) {
      const running = start();
      this.state.set(key, { running, queued: null });
      return running;
    }
    const queued = current.running.then(ignore, ignore).then(() => {
      const run = start();
      current.running = run;
      current.queued = null;
      return run;
    });
    current.queued = queued;
    return queued;
  }

  /** Keys with a run in progress (for tests). */
  get busy(): number {
    return this.state.size;
  }
}
