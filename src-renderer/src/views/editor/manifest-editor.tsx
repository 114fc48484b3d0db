import { Component, lazy, Suspense, type ErrorInfo, type JSX, type ReactNode } from 'react';
import type { OpenFileRequest } from '../../state/workbench-context';
import './editor.css';

// Monaco is large: it is loaded with the pane the first time a file is opened, not with the app.
const EditorPane = lazy(() => import('./editor-pane'));

/** The manifest editor (Monaco + monaco-yaml) for one checkout file, in the shell's right-hand pane. */
export function ManifestEditor(props: { request: OpenFileRequest; onClose(): void }): JSX.Element {
  return (
    <EditorBoundary path={props.request.path} onClose={props.onClose}>
      <Suspense fallback={<Placeholder path={props.request.path} onClose={props.onClose} text="Loading the editor…" />}>
        <EditorPane request={props.request} onClose={props.onClose} />
      </Suspense>
    </EditorBoundary>
  );
}

function Placeholder(props: { path: string; onClose(): void; text: string; error?: boolean }): JSX.Element {
  return (
    <div className="mwb-editor" data-testid="manifest-editor" data-state={props.error ? 'error' : 'loading'} data-path={props.path}>
      <header className="mwb-editor-head">
        <span className="mwb-path mono" data-testid="editor-path" title={props.path}>
          {props.path}
        </span>
        <span className="spacer" />
        <button onClick={props.onClose}>Close</button>
      </header>
      <div className="mwb-placeholder" role={props.error ? 'alert' : undefined}>
        {props.text}
      </div>
    </div>
  );
}

/** A failure inside the editor (say, its code failed to load) stays in the pane, with a way out. */
class EditorBoundary extends Component<{ path: string; onClose(): void; children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown): { error: string } {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.warn('manifest editor failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) return <Placeholder path={this.props.path} onClose={this.props.onClose} text={`The editor could not start: ${this.state.error}`} error />;
    return this.props.children;
  }
}
