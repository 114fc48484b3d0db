import { Panel } from '@xyflow/react';
import { type JSX } from 'react';
import { EDGE_COLOURS } from './graph-model';

/** One line style of the legend: the same stroke and dashes as the edges on the canvas (graph.css). */
function Sample(props: { colour: string; dash?: string; arrow?: boolean }): JSX.Element {
  return (
    <svg width="34" height="8" aria-hidden="true">
      <path d="M4 4 H32" stroke={props.colour} strokeWidth="1.5" strokeDasharray={props.dash} strokeLinecap={props.dash === '2 4' ? 'round' : undefined} />
      {props.arrow && <path d="M1 4 L6 1 L6 7 Z" fill={props.colour} />}
    </svg>
  );
}

/**
 * Every edge style the graph draws, whether or not its toggle is on: dependencies, optional ones,
 * cycles, events and capabilities (arrows point at what a module needs), plus blocked modules.
 */
export function GraphLegend(): JSX.Element {
  return (
    <Panel position="top-right" className="graph-legend" aria-label="Legend">
      <span data-legend="dependency">
        <Sample colour={EDGE_COLOURS.dependency} arrow />
        depends on
      </span>
      <span data-legend="optional">
        <Sample colour={EDGE_COLOURS.optional} dash="6 4" />
        optional
      </span>
      <span data-legend="cycle">
        <Sample colour={EDGE_COLOURS.cycle} arrow />
        in a cycle
      </span>
      <span data-legend="event" title="Subscriber to publisher, labelled with the event (Events toggle)">
        <Sample colour={EDGE_COLOURS.event} dash="2 4" />
        event
      </span>
      <span data-legend="capability" title="Requirer to provider, labelled with the capability (Capabilities toggle)">
        <Sample colour={EDGE_COLOURS.capability} dash="8 3 2 3" />
        capability
      </span>
      <span data-legend="blocked">
        <span className="legend-alert" /> blocked / cycle
      </span>
    </Panel>
  );
}
