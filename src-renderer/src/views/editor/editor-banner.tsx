import { type JSX } from 'react';

export type BannerState = { kind: 'changed'; version: string } | { kind: 'deleted' } | null;

/** The strip over the editor when the file changed or vanished on disk while it is open. */
export function EditorBanner(props: { banner: BannerState; onReload(): void; onCompare(): void; onKeepMine(version: string): void; onRecreate(): void; onClose(): void }): JSX.Element | null {
  const { banner } = props;
  if (banner?.kind === 'changed') {
    return (
      <div className="mwb-banner warning" role="status" data-testid="editor-banner">
        <span>
          <strong>Changed on disk</strong> while you have unsaved edits.
        </span>
        <span className="mwb-banner-actions">
          <button onClick={props.onReload} title="Discard your edits and load the disk version">
            Reload
          </button>
          <button onClick={props.onCompare} title="Compare the disk version with yours">
            Compare
          </button>
          <button onClick={() => props.onKeepMine(banner.version)} title="Keep your text; saving will replace the version now on disk">
            Keep mine
          </button>
        </span>
      </div>
    );
  }
  if (banner?.kind === 'deleted') {
    return (
      <div className="mwb-banner error" role="status" data-testid="editor-banner">
        <span>
          <strong>Deleted on disk.</strong> The editor still holds the text.
        </span>
        <span className="mwb-banner-actions">
          <button onClick={props.onRecreate} title="Write the editor text back to this path">
            Recreate
          </button>
          <button onClick={props.onClose}>Close</button>
        </span>
      </div>
    );
  }
  return null;
}
