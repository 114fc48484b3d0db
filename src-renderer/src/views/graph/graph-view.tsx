import { type JSX } from 'react';
import { useWorkbench } from '../../state/workbench-context';

/** The dependency graph (React Flow + elkjs in a worker). */
export function GraphView(): JSX.Element {
  const { snapshot } = useWorkbench();
  return <div className="view-pad">Graph of {snapshot?.modules.length ?? 0} modules</div>;
}
