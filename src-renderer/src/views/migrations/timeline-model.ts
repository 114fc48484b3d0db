import { PHASE_RANK, type MigrationStep, type StepRun } from '../../../../src-main/common/contract-migrations';
import { guiText } from '../../shared/gui-wording';

/**
 * The phase timeline as rows and bars: one row group per module (load order), one bar per change
 * (the slug several phases share) spanning the waves of its steps. Bars of one module that would
 * overlap go to separate lanes. Pure, so the layout is easy to reason about.
 */
export interface TimelineBar {
  module: string;
  change: string;
  /** First and last wave column the bar covers (1-4). */
  from: number;
  to: number;
  lane: number;
  steps: { step: MigrationStep; column: number }[];
}

export interface TimelineRow {
  module: string;
  lanes: number;
  bars: TimelineBar[];
}

/**
 * The column a step is drawn in: its wave, or for an applied or drifted step (wave 0 in the plan)
 * the wave it has in the plan of an empty database, so applying never moves it.
 */
export function columnOf(s: MigrationStep, columns: Readonly<Record<string, number>>): number {
  return s.wave > 0 ? s.wave : (columns[s.id] ?? PHASE_RANK[s.phase]);
}

export function buildTimeline(steps: readonly MigrationStep[], order: readonly string[], columns: Readonly<Record<string, number>> = {}): TimelineRow[] {
  const byModule = new Map<string, MigrationStep[]>();
  for (const s of steps) {
    const list = byModule.get(s.module) ?? [];
    list.push(s);
    byModule.set(s.module, list);
  }
  const inOrder = new Set(order);
  const modules = [...order.filter((m) => byModule.has(m)), ...[...byModule.keys()].filter((m) => !inOrder.has(m)).sort()];
  return modules.map((module) => {
    const list = byModule.get(module) as MigrationStep[];
    const changes = new Map<string, MigrationStep[]>();
    for (const s of [...list].sort((a, b) => a.sequence - b.sequence)) {
      const c = changes.get(s.change) ?? [];
      c.push(s);
      changes.set(s.change, c);
    }
    const bars: TimelineBar[] = [...changes].map(([change, cs]) => {
      const placed = cs.map((step) => ({ step, column: columnOf(step, columns) }));
      return { module, change, from: Math.min(...placed.map((p) => p.column)), to: Math.max(...placed.map((p) => p.column)), lane: 0, steps: placed };
    });
    bars.sort((a, b) => a.from - b.from || a.steps[0].step.sequence - b.steps[0].step.sequence);
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

/** A step in one line of text: id, phase, wave, status and why (the details panel's summary). */
export function stepTitle(s: MigrationStep, run?: StepRun): string {
  const lines = [`${s.id} (${s.phase}, wave ${s.wave === 0 ? '-' : s.wave})`, `${s.status}${s.reason ? `: ${s.reason}` : ''}`];
  if (run) {
    if (run.error) lines.push(`${run.outcome}: ${run.error.file}:${run.error.line}: ${run.error.message}`);
    else lines.push(`${run.outcome}${run.note ? `: ${guiText(run.note)}` : run.durationMs !== undefined ? ` in ${run.durationMs} ms` : ''}`);
  }
  lines.push(s.file);
  return lines.join('\n');
}
