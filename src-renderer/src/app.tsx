import React, { useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import type { AppInfo, RecentCheckout, ScanProgress, WorkbenchSnapshot, WorkbenchTransport } from '../../src-main/common/contract';
import { createTransport, type ConnectionState } from './client/transport';
import { formatHash, readHash } from './components/hash-route';
import { RuleDocPanel } from './components/rule-docs/rule-doc-panel';
import { SplitHandle } from './components/split-handle';
import { plural } from './shared/plural';
import { WorkbenchContext, type ViewId, type WorkbenchUi } from './state/workbench-context';
import { ManifestEditor } from './views/editor/manifest-editor';
import { useEditorTabs } from './views/editor/use-editor-tabs';
import { VIEWS } from './views/registry';

/** The view a hash names, if it names one. */
const viewOf = (hash: string): ViewId | null => {
  const { view } = readHash(hash);
  return VIEWS.some((v) => v.id === view) ? (view as ViewId) : null;
};
/** The editor pane's width limits: the view beside it keeps room for the graph's toolbar on two rows. */
const EDITOR_MIN = 320;
const VIEW_MIN = 560;
/** The separator's width (styles.css .split-handle). */
const HANDLE = 5;

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
  const [view, setView] = useState<ViewId>(() => viewOf(location.hash) ?? 'graph');
  const [selectedModule, selectModule] = useState<string | null>(null);
  const editors = useEditorTabs();
  const mainRef = useRef<HTMLElement>(null);
  const viewRef = useRef<HTMLElement>(null);
  const [editorWidth, setEditorWidth] = useState<number | null>(null);
  const [mainWidth, setMainWidth] = useState(0);

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
  const deepLink = useRef(viewOf(location.hash) !== null);
  useEffect(() => {
    if (!checkout || restored.current === checkout) return;
    restored.current = checkout;
    client
      .request('ui.getState', { key: 'shell' })
      .then((state) => {
        const s = state as { view?: ViewId; selectedModule?: string | null } | null;
        if (!s) return;
        if (s.view && VIEWS.some((v) => v.id === s.view) && !deepLink.current) setView(s.view);
        // A selection in the URL (a shared link) wins over the stored one.
        if (s.selectedModule !== undefined && !(deepLink.current && readHash().params.has('sel'))) selectModule(s.selectedModule);
      })
      .catch(() => undefined)
      .finally(() => (deepLink.current = false));
  }, [checkout, client]);
  useEffect(() => {
    if (!checkout || restored.current !== checkout) return;
    void client.request('ui.setState', { key: 'shell', value: { view, selectedModule } }).catch(() => undefined);
  }, [checkout, client, view, selectedModule]);

  // The URL follows the view, and the view follows the URL (a link, a typed hash, Back).
  useEffect(() => {
    if (readHash().view !== view) {
      // A new history entry per view switch (Back returns); none for the first one.
      if (viewOf(location.hash)) history.pushState(null, '', formatHash(view));
      else history.replaceState(null, '', formatHash(view));
    }
    if (snapshot) document.title = `${snapshot.platform.name} · Module Workbench`;
  }, [view, snapshot]);
  useEffect(() => {
    const onHash = () => {
      const next = viewOf(location.hash);
      if (next) setView(next);
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('popstate', onHash);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onHash);
    };
  }, []);

  /** Switches to a view and puts the keyboard focus at its start (Alt+1..7, the skip link). */
  const focusView = useRef(false);
  const goToView = useCallback((id: ViewId) => {
    focusView.current = true;
    setView(id);
  }, []);
  useEffect(() => {
    if (!focusView.current) return;
    focusView.current = false;
    viewRef.current?.focus();
  }, [view]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-8]$/.test(e.code)) {
        e.preventDefault();
        goToView(VIEWS[Number(e.code.slice(5)) - 1].id);
      } else if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.code === 'KeyW' && editors.active) {
        // Ctrl+W closes the file in front (in a browser tab the browser may take the key first:
        // the tab's close button and Esc in the editor do the same).
        e.preventDefault();
        editors.requestClose(editors.active);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [goToView, editors]);

  // The split between the view and the editor pane: the pane's width, kept within the limits as
  // the window changes size.
  useEffect(() => {
    const el = mainRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setMainWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const editorMax = Math.max(EDITOR_MIN, mainWidth - VIEW_MIN - HANDLE);
  const paneWidth = Math.round(Math.min(Math.max(editorWidth ?? mainWidth * 0.36, EDITOR_MIN), editorMax));

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
      openFile: editors.open,
      reportError,
      ruleDocUrl: (rule) => `${appInfo?.rulesDocBase ?? '/docs/rules/'}${rule}.md`,
    }),
    [client, appInfo, snapshot, progress, view, selectedModule, reportError, editors.open],
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
        <button type="button" className="skip-link" onClick={() => viewRef.current?.focus()}>
          Skip to the view
        </button>
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
            <button key={v.id} aria-current={v.id === view ? 'page' : undefined} onClick={() => setView(v.id)} title={`${v.label} (Alt+${i + 1})`} aria-keyshortcuts={`Alt+${i + 1}`}>
              <span>{v.label}</span>
              <span className="key">{v.id === 'problems' && s ? s.errors + s.warnings : ''}</span>
            </button>
          ))}
        </nav>
        <main className="main" ref={mainRef}>
          <section className="view" aria-label={active.label} data-view={active.id} ref={viewRef} tabIndex={-1}>
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
          {editors.tabs.length > 0 && (
            <>
              <SplitHandle width={paneWidth} min={EDITOR_MIN} max={editorMax} label="Resize the editor pane" onChange={setEditorWidth} />
              <aside className="editor-pane" aria-label="Manifest editor" style={{ flexBasis: paneWidth }}>
                <ManifestEditor tabs={editors} onLeave={() => viewRef.current?.focus()} />
              </aside>
            </>
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
