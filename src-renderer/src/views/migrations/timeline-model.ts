import type { MigrationStep, StepRun } from '../../../../src-main/common/contract-migrations';

/**
 * The phase timeline as rows and bars: one row group per module (load order), one bar per change
 * (the slug several phases share) spanning the waves of its steps. Bars of one module that would
 * overlap go to separate lanes. Pure, so the layout is easy to reason about.
 */
export interface TimelineBar {
  module: string;
  change: string;
  /** First and last wave column the bar covers (0 = applied). */
  from: number;
  to: number;
  lane: number;
  steps: MigrationStep[];
}

export interface TimelineRow {
  module: string;
  lanes: number;
  bars: TimelineBar[];
}

export function buildTimeline(steps: readonly MigrationStep[], order: readonly string[]): TimelineRow[] {
  const byModule = new Map<string, MigrationStep[]>();
  for (const s of steps) {
    const list = byModule.get(s.module) ?? [];
    list.push(s);
    byModule.set(s.module, list);
  }
  const modules = [...order.filter((m) => byModule.has(m)), ...[...byModule.keys()].filter((m) => !order.includes(m)).sort()];
  return modules.map((module) => {
    const list = byModule.get(module) as MigrationStep[];
    const changes = new Map<string, MigrationStep[]>();
    for (const s of [...list].sort((a, b) => a.sequence - b.sequence)) {
      const c = changes.get(s.change) ?? [];
      c.push(s);
      changes.set(s.change, c);
    }
    const bars: TimelineBar[] = [...changes].map(([change, cs]) => ({ module, change, from: Math.min(...cs.map((s) => s.wave)), to: Math.max(...cs.map((s) => s.wave)), lane: 0, steps: cs }));
    bars.sort((a, b) => a.from - b.from || a.steps[0].sequence - b.steps[0].sequence);
    const laneEnds: number[] = [];
    for (const bar of bars) {
      let lane = laneEnds.findIndex((end) => end < bar.from);
      if (lane < 0) {
        lane = laneEnds.length;
        laneEnds.push(bar.to);
      } else laneEnds[lane] = bar.to;
      bar.lane = lane;
    }
    return { module, lanes: Math.max(1, laneEnds.length), bars };
  });
}

/** What a chip shows on hover: id, phase, status and why. */
export function stepTitle(s: MigrationStep, run?: StepRun): string {
  const lines = [`${s.id} (${s.phase}, wave ${s.wave === 0 ? '-' : s.wave})`, `${s.status}${s.reason ? `: ${s.reason}` : ''}`];
  if (run) {
    if (run.error) lines.push(`${run.outcome}: ${run.error.file}:${run.error.line}: ${run.error.message}`);
    else lines.push(`${run.outcome}${run.note ? `: ${run.note}` : run.durationMs !== undefined ? ` in ${run.durationMs} ms` : ''}`);
  }
  lines.push(s.file);
  return lines.join('\n');
}
