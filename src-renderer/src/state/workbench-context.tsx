import { createContext, useContext } from 'react';
import type { AppInfo, ScanProgress, WorkbenchSnapshot, WorkbenchTransport } from '../../../src-main/common/contract';

export type ViewId = 'graph' | 'problems' | 'capabilities' | 'migrations' | 'permissions' | 'changes' | 'notes' | 'tables';

/** A request to show a file in the manifest editor; `nonce` makes a repeated request re-reveal the line. */
export interface OpenFileRequest {
  path: string;
  line?: number;
  column?: number;
  /** Show the line without moving the keyboard focus into the editor (F8 in the Problems view). */
  keepFocus?: boolean;
  nonce: number;
}

/** What every view may use: the contract client, the current snapshot, and app-wide actions. */
export interface WorkbenchUi {
  client: WorkbenchTransport;
  appInfo: AppInfo | null;
  snapshot: WorkbenchSnapshot | null;
  progress: ScanProgress | null;
  view: ViewId;
  navigate(view: ViewId): void;
  selectedModule: string | null;
  selectModule(name: string | null): void;
  /** Opens a checkout-relative file in the manifest editor, optionally at a line. */
  openFile(path: string, line?: number, column?: number, keepFocus?: boolean): void;
  /** Shows an error to the user (never swallowed). */
  reportError(message: string): void;
  /** URL of a rule's documentation page. */
  ruleDocUrl(rule: string): string;
}

export const WorkbenchContext = createContext<WorkbenchUi | null>(null);

export function useWorkbench(): WorkbenchUi {
  const ui = useContext(WorkbenchContext);
  if (!ui) throw new Error('useWorkbench outside WorkbenchContext');
  return ui;
}
