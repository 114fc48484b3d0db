import { Cron } from 'croner';

/**
 * The next `count` runs of a cron expression after `from` (croner, the parser the engine's
 * schedule-invalid rule uses), or null when it does not parse. The caller passes the clock: the
 * renderer is the edge where "now" is read. `timezone` defaults to the viewer's local zone.
 */
export function nextRuns(cron: string, from: Date, count = 3, timezone?: string): Date[] | null {
  try {
    // No callback: croner only parses and computes dates, it schedules nothing.
    const job = new Cron(cron.trim(), { mode: '5-part', ...(timezone ? { timezone } : {}) });
    return job.nextRuns(count, from);
  } catch {
    return null;
  }
}
