import React, { useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import type { AppInfo, RecentCheckout, ScanProgress, WorkbenchSnapshot, WorkbenchTransport } from '../../src-main/common/contract';
import { createTransport, type ConnectionState } from './client/transport';
import { RuleDocPanel } from './components/rule-docs/rule-doc-panel';
import { plural } from './shared/plural';
import { WorkbenchContext, type OpenFileRequest, type ViewId, type WorkbenchUi } from './state/workbench-context';
import { ManifestEditor } from './views/editor/manifest-editor';
import { VIEWS } from './views/registry';

/** Opens another checkout: a recent one, or a folder path typed in (the browser has no folder dialog). */
function OpenCheckout(props: { client: WorkbenchTransport; onOpened(s: WorkbenchSnapshot): void; onError(message: string): void }): JSX.Element {
  const [open, setOpen] = useState(false);
  const [recent, setRecent] = useState<RecentCheckout[]>([]);
  const [path, setPath] = useState('');
  const go = (p: string) => {
    if (!p.trim()) return;
    setOpen(false);
    props.client.request('session.open', { path: p.trim() }).then(props.onOpened, (e: Error) => props.onError(e.message));
  };
  const toggle = () => {
    if (!open) props.client.request('app.recent', {}).then(setRecent, () => setRecent([]));
    setOpen(!open);
  };
  return (
    <div className="open-checkout">
      <button aria-expanded={open} onClick={toggle} title="Open another checkout">
        Open…
      </button>
      {open && (
        <div className="popover" role="dialog" aria-label="Open a checkout" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              go(path);
            }}
          >
            <label>
              Folder path
              <input type="text" autoFocus value={path} placeholder="/path/to/platform" onChange={(e) => setPath(e.target.value)} aria-label="Checkout folder path" />
            </label>
            <button type="submit" className="primary">
              Open
            </button>
          </form>
          <div className="muted">Recent</div>
          {recent.length === 0 ? (
            <div className="muted">none yet</div>
          ) : (
            <ul>
              {recent.map((r) => (
                <li key={r.path}>
                  <button onClick={() => go(r.path)} title={r.path}>
                    <strong>{r.name}</strong> <span className="muted">{r.path}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** The workbench shell: top bar, navigation for the seven views, the editor pane, the status bar. */
export function App(): JSX.Element {
  const [connection, setConnection] = useState<ConnectionState>('closed');
  const client = useMemo<WorkbenchTransport>(() => createTransport(setConnection), []);
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);
  const [snapshot, setSnapshot] = useState<WorkbenchSnapshot | null>(null);
  const [progress, setProgress] = useState<ScanProgress | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [view, setView] = useState<ViewId>(() => (location.hash.slice(1) as ViewId) || 'graph');
  const [selectedModule, selectModule] = useState<string | null>(null);
  const [editor, setEditor] = useState<OpenFileRequest | null>(null);
  const nonce = useRef(0);

  const reportError = useCallback((message: string) => setErrors((list) => (list.includes(message) ? list : [...list.slice(-4), message])), []);

  useEffect(() => {
    const offs = [
      client.on('session.snapshot', setSnapshot),
      client.on('session.progress', (p) => setProgress(p.phase === 'done' ? null : p)),
      client.on('session.error', (e) => reportError(e.message)),
      client.on('app.navigate', (e) => VIEWS.some((v) => v.id === e.view) && setView(e.view as ViewId)),
    ];
    client.request('app.info', {}).then(setAppInfo, (e: Error) => reportError(e.message));
    client
      .request('session.snapshot', {})
      .then((s) => s ?? client.request('session.open', {}))
      .then(setSnapshot, (e: Error) => reportError(e.message));
    return () => offs.forEach((off) => off());
  }, [client, reportError]);

  // Per-checkout UI state (the view and the selected module) lives in the app store.
  const checkout = snapshot?.checkout;
  const restored = useRef<string | null>(null);
  // A view named in the URL when the page loads (a deep link) wins over the stored one, once.
  const deepLink = useRef(location.hash.slice(1) !== '');
  useEffect(() => {
    if (!checkout || restored.current === checkout) return;
    restored.current = checkout;
    client
      .request('ui.getState', { key: 'shell' })
      .then((state) => {
        const s = state as { view?: ViewId; selectedModule?: string | null } | null;
        if (!s) return;
        if (s.view && VIEWS.some((v) => v.id === s.view) && !deepLink.current) setView(s.view);
        if (s.selectedModule !== undefined) selectModule(s.selectedModule);
      })
      .catch(() => undefined)
      .finally(() => (deepLink.current = false));
  }, [checkout, client]);
  useEffect(() => {
    if (!checkout || restored.current !== checkout) return;
    void client.request('ui.setState', { key: 'shell', value: { view, selectedModule } }).catch(() => undefined);
  }, [checkout, client, view, selectedModule]);

  useEffect(() => {
    if (location.hash.slice(1) !== view) history.replaceState(null, '', `#${view}`);
    if (snapshot) document.title = `${snapshot.platform.name} · Module Workbench`;
  }, [view, snapshot]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-7]$/.test(e.code)) {
        e.preventDefault();
        setView(VIEWS[Number(e.code.slice(5)) - 1].id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const ui: WorkbenchUi = useMemo(
    () => ({
      client,
      appInfo,
      snapshot,
      progress,
      view,
      navigate: setView,
      selectedModule,
      selectModule,
      openFile: (path, line, column) => setEditor({ path, line, column, nonce: ++nonce.current }),
      reportError,
      ruleDocUrl: (rule) => `${appInfo?.rulesDocBase ?? '/docs/rules/'}${rule}.md`,
    }),
    [client, appInfo, snapshot, progress, view, selectedModule, reportError],
  );

  /** A folder dropped on the window opens as the checkout (the desktop app knows its path). */
  const onDrop = (e: React.DragEvent) => {
    const file = e.dataTransfer.files[0];
    if (!file) return;
    e.preventDefault();
    const path = window.workbench?.pathForFile?.(file);
    if (!path) {
      reportError('Dropping a folder opens it in the desktop app. In the browser, restart `mwb serve <folder>` to open another checkout.');
      return;
    }
    client.request('session.open', { path }).then(setSnapshot, (err: Error) => reportError(err.message));
  };

  const setProfile = (profile: string) => client.request('session.setProfile', { profile }).then(setSnapshot, (e: Error) => reportError(e.message));
  const active = VIEWS.find((v) => v.id === view) ?? VIEWS[0];
  const s = snapshot?.summary;

  return (
    <WorkbenchContext.Provider value={ui}>
      <div className="app" onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()} onDrop={onDrop}>
        <header className="topbar">
          <span className="brand">Module Workbench</span>
          {snapshot && (
            <>
              <strong data-testid="platform-name">{snapshot.platform.name}</strong>
              <span className="checkout" title={snapshot.checkout}>
                {snapshot.checkout}
              </span>
              <label>
                Profile{' '}
                <select aria-label="Runtime profile" value={snapshot.profile} onChange={(e) => void setProfile(e.target.value)}>
                  {snapshot.platform.profiles.map((p) => (
                    <option key={p.name} value={p.name}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
          <span className="spacer" />
          <OpenCheckout
            client={client}
            onOpened={setSnapshot}
            onError={reportError}
          />
          <button onClick={() => client.request('session.rescan', {}).then(setSnapshot, (e: Error) => reportError(e.message))} title="Read the checkout again">
            Rescan
          </button>
        </header>
        <nav className="nav" aria-label="Views">
          {VIEWS.map((v, i) => (
            <button key={v.id} aria-current={v.id === view ? 'page' : undefined} onClick={() => setView(v.id)} title={`${v.label} (Alt+${i + 1})`}>
              <span>{v.label}</span>
              <span className="key">{v.id === 'problems' && s ? s.errors + s.warnings : ''}</span>
            </button>
          ))}
        </nav>
        <main className="main">
          <section className="view" aria-label={active.label} data-view={active.id}>
            {connection === 'closed' && <div className="banner warning">Connecting to the workbench…</div>}
            {connection === 'forbidden' && (
              <div className="banner error" role="alert" data-testid="connection-forbidden">
                The workbench server refuses this page: it was restarted with a new secret. Open the URL that mwb serve printed.
              </div>
            )}
            {errors.map((message) => (
              <div className="banner error" role="alert" key={message}>
                {message} <button onClick={() => setErrors((list) => list.filter((m) => m !== message))}>Dismiss</button>
              </div>
            ))}
            {progress && (
              <div aria-label="Scan progress" role="progressbar" aria-valuenow={progress.done} aria-valuemax={progress.total}>
                <div className="progress" style={{ width: `${progress.total ? (100 * progress.done) / progress.total : 10}%` }} />
                <div className="muted view-pad">
                  {progress.phase === 'read' ? `Reading manifests ${progress.done} / ${progress.total}` : progress.phase === 'check' ? 'Checking…' : 'Discovering modules…'}
                </div>
              </div>
            )}
            {snapshot ? active.render() : !progress && <div className="empty">Opening checkout…</div>}
          </section>
          {editor && (
            <aside className="editor-pane" aria-label="Manifest editor">
              <ManifestEditor request={editor} onClose={() => setEditor(null)} />
            </aside>
          )}
        </main>
        <footer className="statusbar">
          {s ? (
            <>
              <span className="errors">{plural(s.errors, 'error')}</span>
              <span className="warnings">{plural(s.warnings, 'warning')}</span>
              <span>{plural(s.infos, 'info')}</span>
              {s.waived > 0 && <span>{s.waived} waived</span>}
              <span>{plural(snapshot?.modules.length ?? 0, 'module')}</span>
              <span>profile {snapshot?.profile}</span>
            </>
          ) : (
            <span>no checkout</span>
          )}
        </footer>
        <RuleDocPanel base={appInfo?.rulesDocBase ?? '/docs/rules/'} />
      </div>
    </WorkbenchContext.Provider>
  );
}
