import { type JSX } from 'react';
import { Choice, Dialog } from '../../components/dialog';

export type DialogState = { kind: 'conflict'; diskText: string; diskVersion: string; confirmReload: boolean } | { kind: 'deleted' } | { kind: 'close' } | { kind: 'reload' };

export interface DialogActions {
  setDialog(next: DialogState | null): void;
  save(options?: { baseVersion?: string; force?: boolean }): Promise<boolean>;
  reloadFromDisk(known?: { text: string; version: string }): void;
  openCompare(known?: { text: string; version: string }): void;
  close(): void;
}

/** The editor pane's questions: a conflict on save, a file deleted on disk, discarding edits, closing with unsaved changes. */
export function EditorDialogs(props: { dialog: DialogState | null; path: string; busy: boolean; actions: DialogActions }): JSX.Element | null {
  const { dialog, path, busy } = props;
  const { setDialog, save, reloadFromDisk, openCompare, close } = props.actions;
  if (!dialog) return null;

  if (dialog.kind === 'conflict') {
    return dialog.confirmReload ? (
      <Dialog title="Discard your edits?" tone="danger" onCancel={() => setDialog({ ...dialog, confirmReload: false })} testId="editor-conflict">
        <p>
          The editor will show the version now on disk. Your edits to <code>{path}</code> are not saved; Ctrl+Z in the editor brings them back until you close it.
        </p>
        <div className="mwb-dialog-actions">
          <button className="danger" onClick={() => reloadFromDisk({ text: dialog.diskText, version: dialog.diskVersion })} data-autofocus="">
            Discard and reload
          </button>
          <button onClick={() => setDialog({ ...dialog, confirmReload: false })}>Back</button>
        </div>
      </Dialog>
    ) : (
      <Dialog title="The file changed on disk" tone="warning" onCancel={() => setDialog(null)} testId="editor-conflict">
        <p>
          <code>{path}</code> was changed outside the editor since you opened it. Nothing has been saved. Choose which version to keep:
        </p>
        <Choice label="Reload" detail="Take the disk version and discard your edits." onClick={() => setDialog({ ...dialog, confirmReload: true })} />
        <Choice label="Overwrite" detail="Replace the disk version with yours." onClick={() => void save({ baseVersion: dialog.diskVersion })} disabled={busy} />
        <Choice label="Compare" detail="See both side by side, take parts of either, then decide." onClick={() => openCompare({ text: dialog.diskText, version: dialog.diskVersion })} tone="primary" autoFocus />
        <div className="mwb-dialog-actions">
          <button onClick={() => setDialog(null)}>Cancel</button>
        </div>
      </Dialog>
    );
  }

  if (dialog.kind === 'deleted') {
    return (
      <Dialog title="The file was deleted on disk" tone="warning" onCancel={() => setDialog(null)} testId="editor-deleted">
        <p>
          <code>{path}</code> no longer exists. Your text is still in the editor.
        </p>
        <Choice label="Recreate" detail="Write your text to this path again." onClick={() => void save({ force: true })} tone="primary" autoFocus disabled={busy} />
        <Choice label="Close editor" detail="Let it go; your text is discarded." onClick={close} tone="danger" />
        <div className="mwb-dialog-actions">
          <button onClick={() => setDialog(null)}>Keep editing</button>
        </div>
      </Dialog>
    );
  }

  if (dialog.kind === 'reload') {
    return (
      <Dialog title="Discard your edits?" tone="danger" onCancel={() => setDialog(null)} testId="editor-reload">
        <p>
          The editor will show the version now on disk. Your edits to <code>{path}</code> are not saved; Ctrl+Z in the editor brings them back until you close it.
        </p>
        <div className="mwb-dialog-actions">
          <button className="danger" onClick={() => reloadFromDisk()} data-autofocus="">
            Discard and reload
          </button>
          <button onClick={() => setDialog(null)}>Keep editing</button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Unsaved changes" tone="warning" onCancel={() => setDialog(null)} testId="editor-unsaved">
      <p>
        <code>{path}</code> has changes that are not saved.
      </p>
      <div className="mwb-dialog-actions">
        <button onClick={() => setDialog(null)} data-autofocus="">
          Keep editing
        </button>
        <button className="danger" onClick={close}>
          Discard
        </button>
        <button className="primary" onClick={() => void save().then((ok) => ok && close())} disabled={busy}>
          Save
        </button>
      </div>
    </Dialog>
  );
}
