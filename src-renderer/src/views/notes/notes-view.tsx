import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type FormEvent, type JSX } from 'react';
import { NOTE_KINDS, NOTE_STATUSES, type NoteKind, type NoteSummary } from '../../../../src-main/common/contract-notes';
import { useWorkbench } from '../../state/workbench-context';
import { Markdown } from './markdown';
import { onNoteRequest, takeNoteRequest } from './note-requests';

// Monaco is large: it loads with the first note opened, not with the app.
const NoteEditor = lazy(() => import('./note-editor'));

/**
 * Architecture and migration notes: the list (filter by module, kind, status, text), a note in
 * Monaco with a live preview, and new notes from the kind's template, pre-filled with the
 * selected modules. Saves go through file.save, so an edit made elsewhere is never overwritten
 * without asking.
 */
export function NotesView(): JSX.Element {
  const { client, snapshot, selectedModule, reportError } = useWorkbench();
  const [notes, setNotes] = useState<NoteSummary[] | null>(null);
  const [module, setModule] = useState('');
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState<{ modules: string[]; kind: NoteKind } | null>(null);
  const revision = snapshot?.revision;

  const refresh = useCallback(() => client.request('notes.list', {}).then(setNotes, (e: Error) => reportError(`Notes could not be listed: ${e.message}`)), [client, reportError]);
  useEffect(() => {
    void refresh();
  }, [refresh, revision]);

  // Requests from elsewhere: a module's details ("open this note", "new note") or a finding.
  useEffect(() => {
    const take = () => {
      const r = takeNoteRequest();
      if (!r) return;
      if (r.kind === 'open') {
        setCreating(null);
        setSelected(r.path);
      } else {
        setSelected(null);
        setCreating({ modules: r.modules, kind: r.noteKind ?? 'architecture' });
      }
    };
    take();
    return onNoteRequest(take);
  }, []);

  const shown = useMemo(() => {
    const q = text.trim().toLowerCase();
    return (notes ?? []).filter(
      (n) =>
        (!module || n.modules.includes(module)) &&
        (!kind || n.kind === kind) &&
        (!status || n.status === status) &&
        (!q || `${n.number ?? ''} ${n.title ?? ''} ${n.path}`.toLowerCase().includes(q)),
    );
  }, [notes, module, kind, status, text]);

  if (!snapshot) return <div className="empty">No checkout is open.</div>;
  const moduleNames = [...snapshot.order].sort();
  const current = notes?.find((n) => n.path === selected) ?? null;

  return (
    <div className="notes-view" data-testid="notes-view">
      <aside className="notes-list-pane" aria-label="Notes">
        <div className="notes-list-head">
          <h2 className="view-title">Notes</h2>
          <span className="spacer" />
          <button
            type="button"
            className="primary"
            onClick={() => {
              setSelected(null);
              setCreating({ modules: selectedModule && snapshot.order.includes(selectedModule) ? [selectedModule] : [], kind: 'architecture' });
            }}
          >
            New note…
          </button>
        </div>
        <div className="notes-filters">
          <input type="search" aria-label="Search notes" placeholder="Search titles" value={text} onChange={(e) => setText(e.target.value)} />
          <select aria-label="Filter by module" value={module} onChange={(e) => setModule(e.target.value)}>
            <option value="">All modules</option>
            {moduleNames.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
          <select aria-label="Filter by kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">All kinds</option>
            {NOTE_KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
          <select aria-label="Filter by status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All statuses</option>
            {NOTE_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        {notes === null ? (
          <div className="muted notes-empty">Loading notes…</div>
        ) : shown.length === 0 ? (
          <div className="muted notes-empty" data-testid="notes-none">
            {notes.length === 0 ? `No notes yet in ${snapshot.platform.notesDir}.` : 'No note matches the filters.'}
          </div>
        ) : (
          <ul className="notes-list" role="listbox" aria-label="Notes list">
            {shown.map((n) => (
              <li key={n.path} role="option" aria-selected={n.path === selected}>
                <button
                  type="button"
                  className={n.path === selected ? 'active' : ''}
                  onClick={() => {
                    setCreating(null);
                    setSelected(n.path);
                  }}
                  data-testid="note-item"
                  data-path={n.path}
                >
                  <span className="note-line1">
                    <span className="note-number mono">{n.number ?? '—'}</span>
                    <span className="note-title">{n.title ?? n.path.slice(n.path.lastIndexOf('/') + 1)}</span>
                  </span>
                  <span className="note-line2">
                    {n.kind && <span className={`badge kind-${n.kind}`}>{n.kind}</span>}
                    {n.status && <span className={`badge status-${n.status}`}>{n.status}</span>}
                    {!n.valid && <span className="badge error">invalid</span>}
                    <span className="muted small">{n.date}</span>
                  </span>
                  {n.modules.length > 0 && <span className="note-modules muted small">{n.modules.join(', ')}</span>}
                </button>
              </li>
            ))}
          </ul>
        )}
      </aside>
      <section className="notes-detail">
        {creating ? (
          <NewNote
            key={`${creating.kind}:${creating.modules.join(',')}`}
            initial={creating}
            modules={snapshot.order}
            notes={notes ?? []}
            onCancel={() => setCreating(null)}
            onCreated={(path) => {
              setCreating(null);
              void refresh().then(() => setSelected(path));
            }}
          />
        ) : selected ? (
          <NoteDetail key={selected} path={selected} summary={current} />
        ) : (
          <div className="empty">
            <p>Select a note to edit it with a live preview, or write a new one from a template.</p>
            <p className="muted">
              Notes live in <code>{snapshot.platform.notesDir}</code>; the CLI has them too: <code>mwb notes list</code>, <code>mwb notes new</code>.
            </p>
          </div>
        )}
      </section>
    </div>
  );
}

/** The YAML front matter block and the body of a note, for the preview (display only; the engine validates). */
export function splitFrontMatter(text: string): { fields: [string, string][]; body: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') return { fields: [], body: text };
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) return { fields: [], body: text };
  const fields: [string, string][] = [];
  for (const line of lines.slice(1, end)) {
    const m = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (m) fields.push([m[1], m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1').replace(/^\[(.*)\]$/, '$1')]);
    else if (/^\s+-\s+/.test(line) && fields.length > 0) {
      const last = fields[fields.length - 1];
      last[1] = last[1] ? `${last[1]}, ${line.replace(/^\s+-\s+/, '')}` : line.replace(/^\s+-\s+/, '');
    }
  }
  return { fields, body: lines.slice(end + 1).join('\n') };
}

interface Loaded {
  text: string;
  version: string;
}

function NoteDetail({ path, summary }: { path: string; summary: NoteSummary | null }): JSX.Element {
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
              <span className={`badge ${d.severity}`}>{d.rule}</span> line {d.line}: {d.message}
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

function NewNote(props: { initial: { modules: string[]; kind: NoteKind }; modules: string[]; notes: NoteSummary[]; onCancel(): void; onCreated(path: string): void }): JSX.Element {
  const { client } = useWorkbench();
  const [kind, setKind] = useState<NoteKind>(props.initial.kind);
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<string[]>(props.initial.modules);
  const [moduleFilter, setModuleFilter] = useState('');
  const [supersedes, setSupersedes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sorted = [...props.modules].sort();
  const visible = sorted.filter((m) => !moduleFilter || m.includes(moduleFilter.toLowerCase()) || chosen.includes(m));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    client
      .request('notes.create', { kind, title, modules: chosen, ...(supersedes ? { supersedes } : {}) })
      .then(
        (r) => props.onCreated(r.path),
        (err: Error) => setError(err.message),
      )
      .finally(() => setBusy(false));
  };

  return (
    <form className="new-note view-pad" onSubmit={submit} data-testid="new-note" aria-label="New note">
      <h2 className="view-title">New note</h2>
      <p className="muted">Written from the {kind} template as the next numbered file, with status draft and today’s date. Edit it here afterwards.</p>
      <fieldset className="new-note-kind">
        <legend>Kind</legend>
        {NOTE_KINDS.map((k) => (
          <label key={k}>
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {k}
            <span className="muted small">{k === 'architecture' ? ' context, decision, consequences' : ' phases, rollback, verification'}</span>
          </label>
        ))}
      </fieldset>
      <label className="new-note-field">
        Title
        <input type="text" autoFocus required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} aria-label="Note title" placeholder="What is decided or migrated" />
      </label>
      <div className="new-note-field">
        <span>
          Modules <span className="muted small">({chosen.length} selected)</span>
        </span>
        <input type="search" aria-label="Filter modules" placeholder="Filter modules" value={moduleFilter} onChange={(e) => setModuleFilter(e.target.value)} />
        <div className="new-note-modules" role="group" aria-label="Modules">
          {visible.map((m) => (
            <label key={m} className="graph-check">
              <input type="checkbox" checked={chosen.includes(m)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, m] : c.filter((x) => x !== m)))} aria-label={`Module ${m}`} />
              {m}
            </label>
          ))}
        </div>
      </div>
      <label className="new-note-field">
        Supersedes <span className="muted small">(optional: its status becomes superseded)</span>
        <select aria-label="Supersedes" value={supersedes} onChange={(e) => setSupersedes(e.target.value)}>
          <option value="">none</option>
          {props.notes
            .filter((n) => n.number && n.status !== 'superseded')
            .map((n) => (
              <option key={n.path} value={n.number!}>
                {n.number} {n.title}
              </option>
            ))}
        </select>
      </label>
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      <div className="new-note-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || !title.trim()}>
          Create note
        </button>
      </div>
    </form>
  );
}
