import { Component, lazy, Suspense, type ErrorInfo, type JSX, type ReactNode } from 'react';
import { onTabListKey } from '../../components/roving-tabs';
import type { EditorTabs } from './use-editor-tabs';
import './editor.css';

// Monaco is large: it is loaded with the pane the first time a file is opened, not with the app.
const EditorPane = lazy(() => import('./editor-pane'));

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
/** The folder that tells two open files of the same name apart (modules/billing/module.yaml: billing). */
const folderName = (path: string) => path.split('/').slice(-2, -1)[0] ?? '';

/**
 * The editor pane: the open files as tabs (arrow keys move between them; each has a close button;
 * Ctrl+W or Esc in the editor closes the one in front), one Monaco editor per file.
 */
export function ManifestEditor(props: { tabs: EditorTabs; onLeave(): void }): JSX.Element {
  const { tabs, active, activate, requestClose, closed, setDirty } = props.tabs;
  return (
    <div className="mwb-tabbed">
      <div className="mwb-tabs" role="tablist" aria-label="Open files" onKeyDown={(e) => onTabListKey(e, (tab) => activate(tab.dataset.path!))}>
        {tabs.map(({ request, dirty }) => {
          const selected = request.path === active;
          const twin = tabs.some((t) => t.request.path !== request.path && baseName(t.request.path) === baseName(request.path));
          return (
            <div key={request.path} className={`mwb-tab${selected ? ' active' : ''}`} data-testid="editor-tab" data-path={request.path} data-dirty={dirty ? 'true' : 'false'}>
              <button
                type="button"
                role="tab"
                id={`tab-${request.path}`}
                aria-selected={selected}
                tabIndex={selected ? 0 : -1}
                data-path={request.path}
                title={request.path}
                onClick={() => activate(request.path)}
                onAuxClick={(e) => e.button === 1 && requestClose(request.path)}
              >
                {baseName(request.path)}
                {twin && <span className="mwb-tab-dir">{folderName(request.path)}</span>}
                {dirty && (
                  <span className="mwb-dirty" aria-label="modified">
                    {' '}●
                  </span>
                )}
              </button>
              <button type="button" className="mwb-tab-close" aria-label={`Close ${request.path}`} title="Close (Ctrl+W)" tabIndex={-1} onClick={() => requestClose(request.path)}>
                ×
              </button>
            </div>
          );
        })}
      </div>
      {tabs.map(({ request, closeSignal }) => (
        <EditorBoundary key={request.path} path={request.path} onClose={() => closed(request.path)} hidden={request.path !== active}>
          <Suspense fallback={<Placeholder path={request.path} onClose={() => closed(request.path)} text="Loading the editor…" hidden={request.path !== active} />}>
            <EditorPane
              request={request}
              active={request.path === active}
              closeSignal={closeSignal}
              onClose={() => closed(request.path)}
              onDirty={(dirty) => setDirty(request.path, dirty)}
              onLeave={props.onLeave}
            />
          </Suspense>
        </EditorBoundary>
      ))}
    </div>
  );
}

function Placeholder(props: { path: string; onClose(): void; text: string; error?: boolean; hidden?: boolean }): JSX.Element {
  return (
    <div className="mwb-editor" hidden={props.hidden} data-testid="manifest-editor" data-state={props.error ? 'error' : 'loading'} data-path={props.path}>
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
class EditorBoundary extends Component<{ path: string; hidden: boolean; onClose(): void; children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown): { error: string } {
    return { error: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.warn('manifest editor failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error) return <Placeholder path={this.props.path} onClose={this.props.onClose} text={`The editor could not start: ${this.state.error}`} error hidden={this.props.hidden} />;
    return this.props.children;
  }
}
