import { describe, expect, it } from 'vitest';
import { cronProblem } from '../src-main/engine/cron';
import { nextRuns } from '../src-renderer/src/views/graph/schedule-runs';

const iso = (ds: Date[] | null) => ds?.map((d) => d.toISOString());
const FROM = new Date('2026-03-27T12:00:00Z'); // a Friday

describe('a schedule\'s next runs (croner, at the renderer edge)', () => {
  it('lists the next three runs after the given moment', () => {
    expect(iso(nextRuns('5 0 * * *', FROM, 3, 'UTC'))).toEqual(['2026-03-28T00:05:00.000Z', '2026-03-29T00:05:00.000Z', '2026-03-30T00:05:00.000Z']);
    expect(iso(nextRuns('0 3 * * 1-5', FROM, 3, 'UTC'))).toEqual(['2026-03-30T03:00:00.000Z', '2026-03-31T03:00:00.000Z', '2026-04-01T03:00:00.000Z']);
    expect(iso(nextRuns('@monthly', FROM, 2, 'UTC'))).toEqual(['2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z']);
  });

  it('reads day of month and day of week as standard cron does (either matches)', () => {
    // The 1st of the month, or any Monday.
    expect(iso(nextRuns('0 0 1 * mon', FROM, 3, 'UTC'))).toEqual(['2026-03-30T00:00:00.000Z', '2026-04-01T00:00:00.000Z', '2026-04-06T00:00:00.000Z']);
  });

  it('follows the time zone across a daylight-saving change', () => {
    // Europe/Berlin moves to summer time on 29 March 2026: 02:30 local then is 00:30Z, before 01:30Z.
    expect(iso(nextRuns('30 9 * * *', FROM, 3, 'Europe/Berlin'))).toEqual(['2026-03-28T08:30:00.000Z', '2026-03-29T07:30:00.000Z', '2026-03-30T07:30:00.000Z']);
  });

  it('agrees with the engine\'s rule: what the rule refuses has no runs, what it accepts has some', () => {
    for (const bad of ['0 24 * * *', '* * * *', '0 0 * * * *', '*/0 * * * *']) {
      expect(cronProblem(bad), bad).not.toBeNull();
      expect(nextRuns(bad, FROM), bad).toBeNull();
    }
    for (const good of ['* * * * *', '0 0 L * *', '0 9 * * mon#1', '@hourly']) {
      expect(cronProblem(good), good).toBeNull();
      expect(nextRuns(good, FROM, 3, 'UTC'), good).toHaveLength(3);
    }
  });
});
