import type { JSX } from 'react';
import { CONFIRM_FROM_WAVE, type MigrationStep, type StepRun } from '../../../../src-main/common/contract-migrations';
import { stepTitle, type TimelineRow } from './timeline-model';

const WAVES = [1, 2, 3, 4];
const WAVE_LABELS: Record<number, string> = { 1: 'Wave 1 · expand', 2: 'Wave 2 · backfill', 3: 'Wave 3 · contract', 4: 'Wave 4 · maintenance' };

const OUTCOME_MARK: Record<StepRun['outcome'], string> = { ok: '✓', applied: '✓', failed: '✖', blocked: '✖', skipped: '–', held: 'held', 'not-run': '–' };

/**
 * The phase timeline: waves as columns, modules in load order as rows, each change a bar across
 * the waves of its steps. Applied steps stay in their wave, drawn in the applied style. A click
 * selects a step (its details show beside the timeline); a double click opens its SQL.
 */
export function Timeline(props: { rows: TimelineRow[]; runById: Map<string, StepRun>; current?: string; selected: string | null; onSelect(s: MigrationStep): void; onOpen(s: MigrationStep): void }): JSX.Element {
  const { rows } = props;
  if (rows.length === 0) return <div className="empty">No migrations selected.</div>;
  let row = 2;
  return (
    <div className="mig-timeline" role="table" aria-label="Phase timeline" data-testid="timeline">
      <div className="head corner" role="columnheader" style={{ gridRow: 1, gridColumn: 1 }}>
        Module
      </div>
      {WAVES.map((wave) => (
        <div key={wave} className={`head${wave >= CONFIRM_FROM_WAVE ? ' window' : ''}`} role="columnheader" style={{ gridRow: 1, gridColumn: wave + 1 }} title={wave >= CONFIRM_FROM_WAVE ? 'Runs only with confirmation: a maintenance window' : undefined}>
          {WAVE_LABELS[wave]}
        </div>
      ))}
      {rows.map((r) => {
        const top = row;
        row += r.lanes;
        return [
          <div key={`${r.module}:label`} className="module" role="rowheader" style={{ gridRow: `${top} / span ${r.lanes}`, gridColumn: 1 }} data-module={r.module}>
            {r.module}
          </div>,
          ...WAVES.map((wave) => <div key={`${r.module}:cell${wave}`} className={`wave-cell wave-${wave}`} data-testid="wave-cell" style={{ gridRow: `${top} / span ${r.lanes}`, gridColumn: wave + 1 }} />),
          ...r.bars.map((bar) => (
            <div
              key={`${r.module}:${bar.change}`}
              className="change"
              style={{ gridRow: top + bar.lane, gridColumn: `${bar.from + 1} / ${bar.to + 2}`, gridTemplateColumns: `repeat(${bar.to - bar.from + 1}, 1fr)` }}
              data-testid="change-bar"
              data-change={`${bar.module}:${bar.change}`}
              data-from={bar.from}
              data-to={bar.to}
            >
              <span className="change-name" title={bar.change}>
                {bar.change}
              </span>
              {Array.from({ length: bar.to - bar.from + 1 }, (_, k) => (
                <span key={k} className="slot" style={{ gridColumn: k + 1 }}>
                  {bar.steps
                    .filter((s) => s.column === bar.from + k)
                    .map(({ step: s }) => {
                      const result = props.runById.get(s.id);
                      return (
                        <button
                          key={s.id}
                          className={`step ${s.status}${result ? ` outcome-${result.outcome}` : ''}${props.current === s.id ? ' running' : ''}${props.selected === s.id ? ' selected' : ''}`}
                          title={stepTitle(s, result)}
                          aria-label={`${s.id}: ${s.phase}, ${s.status}${s.reason ? ` (${s.reason})` : ''}`}
                          aria-pressed={props.selected === s.id}
                          data-testid="step"
                          data-id={s.id}
                          data-status={s.status}
                          data-outcome={result?.outcome}
                          data-column={bar.from + k}
                          onClick={() => props.onSelect(s)}
                          onDoubleClick={() => props.onOpen(s)}
                        >
                          <span className="seq">{String(s.sequence).padStart(4, '0')}</span> {s.phase}
                          {result && <span className="outcome">{OUTCOME_MARK[result.outcome]}</span>}
                        </button>
                      );
                    })}
                </span>
              ))}
            </div>
          )),
        ];
      })}
    </div>
  );
}
