import { type JSX } from 'react';
import type { OpenFileRequest } from '../../state/workbench-context';

/** The manifest editor (Monaco + monaco-yaml). */
export function ManifestEditor(props: { request: OpenFileRequest; onClose(): void }): JSX.Element {
  return (
    <div className="view-pad">
      {props.request.path} <button onClick={props.onClose}>Close</button>
    </div>
  );
}
