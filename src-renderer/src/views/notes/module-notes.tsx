import { useEffect, useState, type JSX } from 'react';
import type { NoteSummary } from '../../../../src-main/common/contract-notes';
import { useWorkbench } from '../../state/workbench-context';
import { requestNote } from './note-requests';

/** The notes that name a module, for its details panel on the graph; each opens in the Notes view. */
export function ModuleNotes({ module }: { module: string }): JSX.Element {
  const { client, snapshot, navigate } = useWorkbench();
  const [notes, setNotes] = useState<NoteSummary[] | null>(null);
  const revision = snapshot?.revision;
  useEffect(() => {
    let live = true;
    client.request('notes.list', {}).then(
      (list) => live && setNotes(list.filter((n) => n.modules.includes(module))),
      () => live && setNotes([]),
    );
    return () => {
      live = false;
    };
  }, [client, module, revision]);

  return (
    <section className="graph-details-section" data-testid="details-notes">
      <h3>
        Notes<span className="count">{notes?.length ?? '…'}</span>
        <button
          type="button"
          className="link small new-note-link"
          onClick={() => {
            requestNote({ kind: 'new', modules: [module] });
            navigate('notes');
          }}
          title={`Write a note about ${module}`}
        >
          + new
        </button>
      </h3>
      {notes && notes.length === 0 && <div className="muted small">none</div>}
      <ul className="graph-details-list">
        {(notes ?? []).map((n) => (
          <li key={n.path}>
            <button
              type="button"
              className="link"
              onClick={() => {
                requestNote({ kind: 'open', path: n.path });
                navigate('notes');
              }}
              title={n.path}
            >
              {n.number} {n.title ?? n.path}
            </button>
            {n.status && <span className={`badge status-${n.status}`}>{n.status}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
