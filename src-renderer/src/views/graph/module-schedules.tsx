import { useMemo, type JSX } from 'react';
import type { ModuleManifest } from '../../../../src-main/common/model';
import { nextRuns } from './schedule-runs';

const WHEN = new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });

/** The module's schedules with their next three runs, counted from when the panel opened. */
export function ModuleSchedules({ manifest }: { manifest: Pick<ModuleManifest, 'schedules' | 'tasks'> }): JSX.Element | null {
  const now = useMemo(() => new Date(), [manifest]);
  if (manifest.schedules.length === 0) return null;
  return (
    <section className="graph-details-section" data-testid="details-schedules">
      <h3>
        Schedules<span className="count">{manifest.schedules.length}</span>
      </h3>
      <ul className="graph-details-list">
        {manifest.schedules.map((s, i) => {
          const runs = nextRuns(s.cron, now);
          const handler = manifest.tasks.find((t) => t.name === s.task)?.handler;
          return (
            <li key={i}>
              <code>{s.task}</code> <code className="muted">{s.cron}</code>
              {handler && <div className="muted small mono">{handler}</div>}
              {runs ? (
                <ol className="muted small" aria-label={`Next runs of ${s.task}`}>
                  {runs.map((d) => (
                    <li key={d.getTime()}>
                      <time dateTime={d.toISOString()}>{WHEN.format(d)}</time>
                    </li>
                  ))}
                </ol>
              ) : (
                <div className="muted small">not a valid cron expression (see Problems)</div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
