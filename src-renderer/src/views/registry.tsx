import { type JSX } from 'react';
import type { ViewId } from '../state/workbench-context';
import { CapabilitiesView } from './capabilities/capabilities-view';
import { ChangesView } from './changes/changes-view';
import { GraphView } from './graph/graph-view';
import { PermissionsView } from './permissions/permissions-view';
import { NotesView } from './notes/notes-view';
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
  {
    id: 'migrations',
    label: 'Migrations',
    render: () => <PlaceView title="Migrations" what="The phase timeline: waves as columns, modules in load order as rows, each change a bar; plan, preflight and apply on the SQLite dev database." cli="mwb migrate plan|preflight|apply" />,
  },
  { id: 'permissions', label: 'Permissions', render: () => <PermissionsView /> },
  { id: 'changes', label: 'Changes', render: () => <ChangesView /> },
  { id: 'notes', label: 'Notes', render: () => <NotesView /> },
];
