import { Panel } from '@xyflow/react';
import { type JSX } from 'react';
import type { ModuleEdgeData } from './graph-model';

const VERB: Record<ModuleEdgeData['kind'], string> = {
  dependency: 'depends on',
  optional: 'optionally depends on',
  event: 'subscribes to events of',
  capability: 'requires a capability of',
};

/**
 * What an edge means, where it comes from and what it does to the load order: the manifest entry
 * that makes it (file, line and the entry as written, a button to open it there) and, for
 * dependencies, why the one module loads before the other.
 */
export function EdgeExplain(props: { edge: ModuleEdgeData; order: readonly string[]; onOpen(file: string, line: number, column: number): void; onClose(): void }): JSX.Element {
  const { edge, order } = props;
  const from = order.indexOf(edge.from);
  const to = order.indexOf(edge.to);
  const structural = edge.kind === 'dependency' || edge.kind === 'optional';
  return (
    <Panel position="bottom-center" className="graph-edge-explain" aria-label="About this edge" data-testid="edge-explain" data-edge={`${edge.kind}:${edge.from}->${edge.to}`}>
      <div className="graph-edge-explain-head">
        <strong>{edge.from}</strong> {VERB[edge.kind]} <strong>{edge.to}</strong>
        {edge.labels.length > 0 && <span className="muted"> ({edge.labels.join(', ')})</span>}
        <button type="button" className="graph-focus-clear" onClick={props.onClose} aria-label="Close the edge explanation" title="Close (Esc)">
          ×
        </button>
      </div>
      {edge.sources.map((s, i) => (
        <div key={i} className="graph-edge-source">
          <button type="button" className="link mono" onClick={() => props.onOpen(s.file, s.line, s.column)} title="Open the manifest at this line" data-testid="edge-source">
            {s.file}:{s.line}:{s.column}
          </button>{' '}
          <code data-testid="edge-source-text">{s.text}</code>
        </div>
      ))}
      {structural && edge.cycle && <div className="graph-edge-order error">Part of a dependency cycle: neither module can load before the other.</div>}
      {structural && !edge.cycle && from >= 0 && to >= 0 && (
        <div className="graph-edge-order" data-testid="edge-order">
          {edge.to} loads before {edge.from} (#{to + 1} and #{from + 1} of {order.length} in the load order): a module loads after everything it {edge.kind === 'optional' ? 'optionally ' : ''}depends on.
        </div>
      )}
      {!structural && <div className="graph-edge-order muted">Does not affect the load order.</div>}
    </Panel>
  );
}
