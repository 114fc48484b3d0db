import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type JSX } from 'react';
import type { ModuleFlowNode } from './graph-model';

const TIER_ORDER = ['core', 'optional', 'internal'] as const;

/**
 * A collapsed group of modules: its name, how many modules it holds (drawn under the filters, of
 * all), the tiers among them, and the errors and warnings of its members. A click or Enter expands it.
 */
function GroupNodeView({ data, selected }: NodeProps<ModuleFlowNode>): JSX.Element {
  const { group, direction, dimmed, match, matches } = data;
  const g = group!;
  const classes = ['graph-node', 'graph-cluster', `tier-${data.module.tier}`];
  if (g.alerts > 0) classes.push('alert');
  if (dimmed) classes.push('dimmed');
  if (match) classes.push('match');
  if (selected) classes.push('selected');
  const horizontal = direction === 'RIGHT';
  const count = g.shown.length === g.total ? `${g.total} modules` : `${g.shown.length} of ${g.total} modules`;
  const tiers = TIER_ORDER.filter((t) => g.tiers[t] > 0);
  return (
    <div
      className={classes.join(' ')}
      data-testid="graph-group"
      data-group={g.id}
      data-count={g.shown.length}
      data-dimmed={dimmed ? 'true' : 'false'}
      data-match={match ? 'true' : 'false'}
      title={`${g.label}: ${count} (${tiers.map((t) => `${g.tiers[t]} ${t}`).join(', ')})\nClick or Enter to expand`}
    >
      <Handle type="target" position={horizontal ? Position.Left : Position.Top} isConnectable={false} />
      <div className="graph-node-name">
        <span className="graph-cluster-mark" aria-hidden="true">
          ▸
        </span>
        {g.label}
      </div>
      <div className="graph-node-meta">
        <span className="graph-cluster-count">{count}</span>
        {tiers.map((t) => (
          <span key={t} className={`graph-cluster-tier tier-${t}`} title={`${g.tiers[t]} ${t}`}>
            {g.tiers[t]}
          </span>
        ))}
        {matches ? <span className="graph-cluster-matches">{matches} found</span> : null}
      </div>
      {(g.errors > 0 || g.warnings > 0) && (
        <div className="graph-node-badge" data-testid="problem-badge" aria-label={`${g.errors} errors, ${g.warnings} warnings`}>
          {g.errors > 0 && <span className="errors">{g.errors}</span>}
          {g.warnings > 0 && <span className="warnings">{g.warnings}</span>}
        </div>
      )}
      <Handle type="source" position={horizontal ? Position.Right : Position.Bottom} isConnectable={false} />
    </div>
  );
}

export const GroupNode = memo(GroupNodeView);
