/**
 * Work done ahead of a request (issue 16: the Migrations plan and the Changes check are made after a
 * check of the session, so the views' first visits find them ready): it starts once the service
 * has had no request in flight for `quietMs`, one piece at a time, in the order scheduled. Scheduling
 * the same key again before it ran keeps one run, at its first place in the order.
 */
export class IdleWork {
  private readonly pending = new Map<string, () => Promise<void>>();
  private inFlight = 0;
  private lastActivity = 0;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private disposed = false;

  constructor(private readonly quietMs = 250) {}

  schedule(key: string, work: () => Promise<void>): void {
    if (this.disposed) return;
    this.pending.set(key, work);
    this.arm();
  }

  /** Wraps a request: work waits while requests are answered. */
  async around<T>(request: () => Promise<T>): Promise<T> {
    this.inFlight++;
    this.lastActivity = Date.now();
    try {
      return await request();
    } finally {
      this.inFlight--;
      this.lastActivity = Date.now();
      this.arm();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.pending.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.timer || this.running || this.pending.size === 0 || this.disposed) return;
    const wait = Math.max(0, this.lastActivity + this.quietMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain();
    }, wait);
    this.timer.unref?.();
  }

  private async drain(): Promise<void> {
    if (this.inFlight > 0 || Date.now() - this.lastActivity < this.quietMs) return this.arm();
    const next = this.pending.entries().next();
    if (next.done) return;
    const [key, work] = next.value;
    this.pending.delete(key);
    this.running = true;
    try {
      await work();
    } catch {
      // Work ahead of a request never fails one: the request itself reports.
    } finally {
      this.running = false;
      this.arm();
    }
  }
}
