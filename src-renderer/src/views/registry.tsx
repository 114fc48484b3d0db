import { type JSX } from 'react';
import type { ViewId } from '../state/workbench-context';
import { CapabilitiesView } from './capabilities/capabilities-view';
import { ChangesView } from './changes/changes-view';
import { GraphView } from './graph/graph-view';
import { PermissionsView } from './permissions/permissions-view';
import { NotesView } from './notes/notes-view';
import { MigrationsView } from './migrations/migrations-view';
import { ProblemsView } from './problems/problems-view';
import { TablesView } from './tables/tables-view';

export interface ViewDef {
  id: ViewId;
  label: string;
  render(): JSX.Element;
}

/** The eight views, in navigation order; Alt+1..8 switches between them. */
export const VIEWS: readonly ViewDef[] = [
  { id: 'graph', label: 'Graph', render: () => <GraphView /> },
  { id: 'problems', label: 'Problems', render: () => <ProblemsView /> },
  { id: 'capabilities', label: 'Capabilities', render: () => <CapabilitiesView /> },
  { id: 'migrations', label: 'Migrations', render: () => <MigrationsView /> },
  { id: 'permissions', label: 'Permissions', render: () => <PermissionsView /> },
  { id: 'changes', label: 'Changes', render: () => <ChangesView /> },
  { id: 'notes', label: 'Notes', render: () => <NotesView /> },
  { id: 'tables', label: 'Tables', render: () => <TablesView /> },
];
