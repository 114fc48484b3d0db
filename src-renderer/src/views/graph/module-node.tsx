import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type JSX } from 'react';
import type { ModuleFlowNode } from './graph-model';

/**
 * One module on the graph: tier stripe and colour, name, version, tier, a status tag for
 * blocked / invalid / cycle (with a red outline), and a problem badge with error and warning counts.
 * Memoized: React Flow re-renders it only when its node object changes.
 */
function ModuleNodeView({ data, selected }: NodeProps<ModuleFlowNode>): JSX.Element {
  const { module: m, problems, inCycle, direction, dimmed, match, focusRoot, diff } = data;
  const alert = m.status !== 'ok' || inCycle;
  const classes = ['graph-node', `tier-${m.tier}`, `status-${m.status}`];
  if (alert) classes.push('alert');
  if (inCycle) classes.push('cycle');
  if (dimmed) classes.push('dimmed');
  if (match) classes.push('match');
  if (focusRoot) classes.push('focus-root');
  if (selected) classes.push('selected');
  if (diff) classes.push(`diff-${diff}`);
  // A cycle is the root cause of its members being blocked, so it wins the tag.
  const tag = inCycle ? 'cycle' : m.status !== 'ok' ? m.status : null;
  const title = [
    `${m.name} ${m.version ?? ''}`.trim(),
    `${m.tier} tier${m.status !== 'ok' ? `, ${m.status}` : ''}${inCycle ? ', in a dependency cycle' : ''}`,
    m.blockedBy.length ? `blocked: ${m.blockedBy.map((b) => b.reason).join(' ← ')}` : '',
    problems.errors || problems.warnings ? `${plural(problems.errors, 'error')}, ${plural(problems.warnings, 'warning')}` : '',
    m.manifest.description ?? '',
  ]
    .filter(Boolean)
    .join('\n');
  const horizontal = direction === 'RIGHT';
  return (
    <div
      className={classes.join(' ')}
      data-testid="graph-node"
      data-module={m.name}
      data-tier={m.tier}
      data-status={m.status}
      data-alert={alert ? 'true' : 'false'}
      data-dimmed={dimmed ? 'true' : 'false'}
      data-match={match ? 'true' : 'false'}
      data-diff={diff}
      title={title}
    >
      <Handle type="target" position={horizontal ? Position.Left : Position.Top} isConnectable={false} />
      <div className="graph-node-name">{m.name}</div>
      {diff && (
        <span className="graph-node-diff" aria-label={diff}>
          {diff === 'added' ? '+' : diff === 'removed' ? '−' : '~'}
        </span>
      )}
      <div className="graph-node-meta">
        <span className="graph-node-version">{m.version ?? 'no version'}</span>
        <span className="graph-node-tier">{m.tier}</span>
        {tag && <span className={`graph-node-tag ${tag}`}>{tag === 'cycle' ? '↻ cycle' : tag}</span>}
      </div>
      {(problems.errors > 0 || problems.warnings > 0) && (
        <div className="graph-node-badge" data-testid="problem-badge" aria-label={`${plural(problems.errors, 'error')}, ${plural(problems.warnings, 'warning')}`}>
          {problems.errors > 0 && <span className="errors">{problems.errors}</span>}
          {problems.warnings > 0 && <span className="warnings">{problems.warnings}</span>}
        </div>
      )}
      <Handle type="source" position={horizontal ? Position.Right : Position.Bottom} isConnectable={false} />
    </div>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const ModuleNode = memo(ModuleNodeView);
