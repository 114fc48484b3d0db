import { useCallback, useEffect, useMemo, useState, type JSX } from 'react';
import { NOTE_KINDS, NOTE_STATUSES, type NoteKind, type NoteSummary } from '../../../../src-main/common/contract-notes';
import { useWorkbench } from '../../state/workbench-context';
import { NewNote } from './new-note';
import { NoteDetail } from './note-detail';
import { onNoteRequest, takeNoteRequest } from './note-requests';

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

  // Only modules some note names: a filter that can find nothing is noise, and on a platform of
  // thousands of modules a select of every module costs more than the list itself (issue 16).
  const moduleNames = useMemo(() => [...new Set((notes ?? []).flatMap((n) => n.modules))].sort(), [notes]);
  if (!snapshot) return <div className="empty">No checkout is open.</div>;
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
              Notes are Markdown files in <code>{snapshot.platform.notesDir}</code>, reviewed with the code they describe.
            </p>
          </div>
        )}
      </section>
    </div>
  );
}
