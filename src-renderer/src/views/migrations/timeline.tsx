import type { JSX } from 'react';
import { CONFIRM_FROM_WAVE, type MigrationStep, type StepRun } from '../../../../src-main/common/contract-migrations';
import { VirtualTable } from '../../components/virtual-table';
import { stepTitle, type TimelineBar, type TimelineRow } from './timeline-model';

const WAVES = [1, 2, 3, 4];
const WAVE_LABELS: Record<number, string> = { 1: 'Wave 1 · expand', 2: 'Wave 2 · backfill', 3: 'Wave 3 · contract', 4: 'Wave 4 · maintenance' };
/** The height of one lane of bars (a module with overlapping changes has several). */
const LANE_HEIGHT = 48;

const OUTCOME_MARK: Record<StepRun['outcome'], string> = { ok: '✓', applied: '✓', failed: '✖', blocked: '✖', skipped: '–', held: 'held', 'not-run': '–' };

interface TimelineProps {
  /** Rows in the timeline (modules with steps), and row `i` once its page arrived (components/use-paged-rows). */
  count: number;
  rowAt(index: number): TimelineRow | undefined;
  runById: Map<string, StepRun>;
  current?: string;
  selected: string | null;
  onSelect(s: MigrationStep): void;
  onOpen(s: MigrationStep): void;
}

/**
 * The phase timeline: waves as columns, modules in load order as rows, each change a bar across
 * the waves of its steps. Applied steps stay in their wave, drawn in the applied style. A click
 * selects a step (its details show beside the timeline); a double click opens its SQL. Only the
 * modules in view are drawn (components/virtual-table) and only their steps are asked of the
 * server, a page at a time, so thousands of modules scroll smoothly.
 */
export function Timeline(props: TimelineProps): JSX.Element {
  if (props.count === 0) return <div className="empty">No migrations selected.</div>;
  return (
    <VirtualTable
      label="Phase timeline"
      testId="timeline"
      className="mig-timeline"
      columns={[
        { header: 'Module', width: '150px' },
        ...WAVES.map((wave) => ({
          header: (
            <span className={wave >= CONFIRM_FROM_WAVE ? 'window' : undefined} title={wave >= CONFIRM_FROM_WAVE ? 'Runs only with confirmation: a maintenance window' : undefined}>
              {WAVE_LABELS[wave]}
            </span>
          ),
          width: 'minmax(130px, 1fr)',
        })),
      ]}
      count={props.count}
      rowKey={String}
      estimateHeight={LANE_HEIGHT}
      maxHeight="max(300px, calc(100vh - 300px))"
      row={(i) => {
        const r = props.rowAt(i);
        if (!r) return { key: `loading-${i}`, className: 'mig-row loading', full: <span className="muted">…</span> };
        const span = `1 / span ${r.lanes}`;
        return {
          key: r.module,
          className: 'mig-row',
          attrs: { 'data-module': r.module },
          style: { gridTemplateRows: `repeat(${r.lanes}, minmax(${LANE_HEIGHT - 6}px, auto))` },
          raw: [
            <div key="label" className="module" role="rowheader" style={{ gridRow: span, gridColumn: 1 }} data-module={r.module}>
              {r.module}
            </div>,
            ...WAVES.map((wave) => <div key={`cell${wave}`} className={`wave-cell wave-${wave}`} data-testid="wave-cell" style={{ gridRow: span, gridColumn: wave + 1 }} />),
            ...r.bars.map((bar) => <Bar key={bar.change} bar={bar} {...props} />),
          ],
        };
      }}
    />
  );
}

function Bar(props: TimelineProps & { bar: TimelineBar }): JSX.Element {
  const { bar } = props;
  return (
    <div
      className="change"
      style={{ gridRow: 1 + bar.lane, gridColumn: `${bar.from + 1} / ${bar.to + 2}`, gridTemplateColumns: `repeat(${bar.to - bar.from + 1}, 1fr)` }}
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
  );
}
