import { useMemo, useState, type FormEvent, type JSX } from 'react';
import { NOTE_KINDS, type NoteKind, type NoteSummary } from '../../../../src-main/common/contract-notes';
import { useWorkbench } from '../../state/workbench-context';
import { moduleChoices } from './module-choices';

/** A new note from the kind's template, pre-filled with the chosen modules. */
export function NewNote(props: { initial: { modules: string[]; kind: NoteKind }; modules: string[]; notes: NoteSummary[]; onCancel(): void; onCreated(path: string): void }): JSX.Element {
  const { client } = useWorkbench();
  const [kind, setKind] = useState<NoteKind>(props.initial.kind);
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<string[]>(props.initial.modules);
  const [moduleFilter, setModuleFilter] = useState('');
  const [supersedes, setSupersedes] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sorted = useMemo(() => [...props.modules].sort(), [props.modules]);
  const { visible, hidden } = useMemo(() => moduleChoices(sorted, chosen, moduleFilter), [sorted, chosen, moduleFilter]);

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
          {visible.length === 0 && <span className="muted small">No module matches “{moduleFilter.trim()}”.</span>}
        </div>
        {hidden > 0 && (
          <span className="muted small" data-testid="new-note-more">
            and {hidden.toLocaleString('en')} more: type in the filter to narrow the list
          </span>
        )}
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
