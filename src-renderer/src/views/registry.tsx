import { type JSX } from 'react';
import type { ViewId } from '../state/workbench-context';
import { CapabilitiesView } from './capabilities/capabilities-view';
import { GraphView } from './graph/graph-view';
import { MigrationsView } from './migrations/migrations-view';
import { PlaceView } from './places/place-view';
import { ProblemsView } from './problems/problems-view';

export interface ViewDef {
  id: ViewId;
  label: string;
  render(): JSX.Element;
}

/** The seven views, in navigation order; Alt+1..7 switches between them. */
export const VIEWS: readonly ViewDef[] = [
  { id: 'graph', label: 'Graph', render: () => <GraphView /> },
  { id: 'problems', label: 'Problems', render: () => <ProblemsView /> },
  { id: 'capabilities', label: 'Capabilities', render: () => <CapabilitiesView /> },
  { id: 'migrations', label: 'Migrations', render: () => <MigrationsView /> },
  {
    id: 'permissions',
    label: 'Permissions',
    render: () => <PlaceView title="Permissions" what="The permission catalog, the roles x permissions matrix, route mismatches and a reconcile preview." cli="mwb permissions catalog|reconcile|codegen" />,
  },
  {
    id: 'changes',
    label: 'Changes',
    render: () => <PlaceView title="Changes" what="What the current branch changes against a base revision, checked before a pull request, drawn over the graph." cli="mwb pr-check --base main" />,
  },
  {
    id: 'notes',
    label: 'Notes',
    render: () => <PlaceView title="Notes" what="Architecture and migration notes next to the code: listed by module, edited with a live preview, created from templates." cli="mwb notes list|new" />,
  },
];
