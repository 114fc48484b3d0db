import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useRef, useState, type JSX } from 'react';
import type { NoteSummary } from '../../../../src-main/common/contract-notes';
import { guiMessage } from '../../shared/gui-wording';
import { useWorkbench } from '../../state/workbench-context';
import { splitFrontMatter } from './front-matter';
import { Markdown } from '../../components/markdown';

// Monaco is large: it loads with the first note opened, not with the app.
const NoteEditor = lazy(() => import('./note-editor'));

interface Loaded {
  text: string;
  version: string;
}

/** One note: Monaco on the Markdown beside a live preview; saves ask before overwriting an outside edit. */
export function NoteDetail({ path, summary }: { path: string; summary: NoteSummary | null }): JSX.Element {
  const { client, snapshot, openFile, selectModule, navigate } = useWorkbench();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [resetKey, setResetKey] = useState(0);
  const [saving, setSaving] = useState(false);
  const [conflict, setConflict] = useState<{ diskText: string; diskVersion: string } | null>(null);
  const [changedOnDisk, setChangedOnDisk] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const loadedRef = useRef<Loaded | null>(null);
  const draftRef = useRef('');
  /** Our own save echoes back as file.changed before its reply: not an outside edit. */
  const savingRef = useRef(false);
  loadedRef.current = loaded;
  draftRef.current = draft;
  const dirty = loaded !== null && draft !== loaded.text;
  const preview = useDeferredValue(draft);

  const load = useCallback(() => {
    client.request('file.read', { path }).then(
      (f) => {
        setLoaded({ text: f.text, version: f.version });
        setDraft(f.text);
        setResetKey((k) => k + 1);
        setLoadError(null);
        setConflict(null);
        setChangedOnDisk(false);
      },
      (e: Error) => setLoadError(e.message),
    );
  }, [client, path]);
  useEffect(load, [load]);

  // An edit made elsewhere: reload when nothing is typed here, else say so.
  useEffect(
    () =>
      client.on('file.changed', (e) => {
        if (e.path !== path || savingRef.current || !loadedRef.current || e.version === loadedRef.current.version) return;
        if (draftRef.current === loadedRef.current.text) load();
        else setChangedOnDisk(true);
      }),
    [client, path, load],
  );

  const save = useCallback(
    (force = false) => {
      const base = loadedRef.current;
      if (!base) return;
      const text = draftRef.current;
      setSaving(true);
      savingRef.current = true;
      client
        .request('file.save', { path, text, baseVersion: conflict && force ? conflict.diskVersion : base.version, force })
        .then(
          (r) => {
            if (r.status === 'saved') {
              setLoaded({ text, version: r.version });
              setConflict(null);
              setChangedOnDisk(false);
              setMessage('Saved');
              setTimeout(() => setMessage(null), 1500);
            } else if (r.status === 'conflict') setConflict({ diskText: r.diskText, diskVersion: r.diskVersion });
            else setMessage('The note was deleted on disk; Save again to write it back.');
          },
          (e: Error) => setMessage(`Not saved: ${e.message}`),
        )
        .finally(() => {
          savingRef.current = false;
          setSaving(false);
        });
    },
    [client, path, conflict],
  );

  const diagnostics = (snapshot?.diagnostics ?? []).filter((d) => d.file === path);
  const { fields, body } = splitFrontMatter(preview);
  const modulesField = fields.find(([k]) => k === 'modules')?.[1];
  const modules = (modulesField ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);

  if (loadError) return <div className="banner error" role="alert">{loadError}</div>;
  return (
    <div className="note-detail" data-testid="note-detail" data-path={path} data-dirty={dirty ? 'true' : 'false'}>
      <header className="note-head">
        <div className="note-head-title">
          <strong>{summary?.title ?? path}</strong>
          {dirty && (
            <span className="mwb-dirty" title="Unsaved changes" aria-label="Unsaved changes">
              ●
            </span>
          )}
          <span className="muted mono small">{path}</span>
        </div>
        <span className="spacer" />
        {message && (
          <span className="muted" role="status">
            {message}
          </span>
        )}
        <button type="button" onClick={() => openFile(path)} title="Open in the editor pane">
          Open in pane
        </button>
        <button type="button" className="primary" disabled={!dirty || saving || loaded === null} onClick={() => save()} title="Save (Ctrl/Cmd+S)">
          {saving ? 'Saving…' : 'Save'}
        </button>
      </header>
      {conflict && (
        <div className="mwb-banner warning" role="alert" data-testid="note-conflict">
          The note changed on disk since you opened it.
          <span className="mwb-banner-actions">
            <button type="button" onClick={load}>
              Reload (drop my edits)
            </button>
            <button type="button" className="danger" onClick={() => save(true)}>
              Overwrite
            </button>
          </span>
        </div>
      )}
      {changedOnDisk && !conflict && (
        <div className="mwb-banner warning" role="status">
          The note changed on disk; saving will ask before overwriting it.
          <span className="mwb-banner-actions">
            <button type="button" onClick={load}>
              Reload
            </button>
          </span>
        </div>
      )}
      {diagnostics.length > 0 && (
        <ul className="note-problems" data-testid="note-problems">
          {diagnostics.map((d, i) => (
            <li key={i}>
              <span className={`badge ${d.severity}`}>{d.rule}</span> line {d.line}: {guiMessage(d)}
            </li>
          ))}
        </ul>
      )}
      <div className="note-split">
        <div className="note-source">
          {loaded ? (
            <Suspense fallback={<div className="mwb-placeholder">Loading the editor…</div>}>
              <NoteEditor path={path} text={loaded.text} resetKey={resetKey} onChange={setDraft} onSave={() => save()} />
            </Suspense>
          ) : (
            <div className="mwb-placeholder">Loading…</div>
          )}
        </div>
        <article className="note-preview" data-testid="note-preview" aria-label="Preview">
          {fields.length > 0 && (
            <dl className="note-meta">
              {fields
                .filter(([k]) => k !== 'title')
                .map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>
                      {k === 'modules' ? (
                        modules.length === 0 ? (
                          <span className="muted">none</span>
                        ) : (
                          modules.map((m) => (
                            <button
                              key={m}
                              type="button"
                              className={`chip module ${snapshot?.order.includes(m) ? '' : 'unknown'}`}
                              onClick={() => {
                                selectModule(m);
                                navigate('graph');
                              }}
                              title={snapshot?.order.includes(m) ? `Show ${m} on the graph` : 'Not a module of this platform'}
                            >
                              {m}
                            </button>
                          ))
                        )
                      ) : (
                        <span className={k === 'status' ? `badge status-${v}` : k === 'kind' ? `badge kind-${v}` : ''}>{v}</span>
                      )}
                    </dd>
                  </div>
                ))}
            </dl>
          )}
          <Markdown text={body} />
        </article>
      </div>
    </div>
  );
}
