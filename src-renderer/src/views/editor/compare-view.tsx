import { useEffect, useRef, useState, type JSX } from 'react';
import { monaco } from './monaco';

/**
 * Disk version (left, read-only) against the editor's own model (right, editable): edits made
 * here, including blocks taken from the left with the margin arrows, are the editor's edits.
 */
export function CompareView(props: {
  path: string;
  diskText: string;
  diskDeleted: boolean;
  model: monaco.editor.ITextModel;
  busy: boolean;
  onOverwrite(): void;
  onTakeDisk(): void;
  onBack(): void;
}): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const original = useRef<monaco.editor.ITextModel | null>(null);
  const diffRef = useRef<monaco.editor.IStandaloneDiffEditor | null>(null);
  const { model, diskText } = props;
  const initialDiskText = useRef(diskText);
  const [changes, setChanges] = useState<number | null>(null);

  useEffect(() => {
    const diff = monaco.editor.createDiffEditor(host.current!, {
      automaticLayout: true,
      originalEditable: false,
      readOnly: false,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: false,
      renderMarginRevertIcon: true,
      ignoreTrimWhitespace: false,
      enableSplitViewResizing: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      fixedOverflowWidgets: true,
    });
    const disk = monaco.editor.createModel(initialDiskText.current, model.getLanguageId(), monaco.Uri.from({ scheme: 'mwb-disk', path: model.uri.path }));
    const updates = diff.onDidUpdateDiff(() => setChanges(diff.getLineChanges()?.length ?? null));
    original.current = disk;
    diffRef.current = diff;
    diff.setModel({ original: disk, modified: model });
    diff.getModifiedEditor().focus();
    return () => {
      updates.dispose();
      diff.setModel(null);
      diff.dispose();
      disk.dispose();
      original.current = null;
      diffRef.current = null;
      // Every code editor Monaco creates installs its own services as the global hover-delegate
      // factory; the diff editor's inner editors leave disposed ones behind ("InstantiationService
      // has been disposed" on the next tooltip). A throwaway editor puts the global ones back.
      monaco.editor.create(document.createElement('div'), { model: null }).dispose();
    };
  }, [model]);

  // The disk side follows the disk while the comparison is open.
  useEffect(() => {
    const disk = original.current;
    if (disk && disk.getValue() !== diskText) disk.setValue(diskText);
  }, [diskText, model]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) props.onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="mwb-compare" role="region" aria-label={`Compare ${props.path}`} data-testid="editor-compare" data-changes={changes ?? undefined}>
      <div className="mwb-compare-head">
        <strong>Compare</strong>
        <span className="mono mwb-compare-path" title={props.path}>
          {props.path}
        </span>
        <span className="spacer" />
        <button className="primary" onClick={props.onOverwrite} disabled={props.busy} title="Save the right side (your version, with anything you took from the left) over the disk version">
          {props.diskDeleted ? 'Recreate with mine' : 'Overwrite with mine'}
        </button>
        <button
          onClick={() => {
            // Detach the models first: the diff must not lay out against text that is being replaced.
            diffRef.current?.setModel(null);
            props.onTakeDisk();
          }}
          disabled={props.busy || props.diskDeleted} title="Replace your version with the disk version (Ctrl+Z in the editor brings yours back)">
          Take disk version
        </button>
        <button onClick={props.onBack} title="Back to the editor; nothing is saved (Escape)">
          Back to editor
        </button>
      </div>
      <div className="mwb-compare-sides" aria-hidden="true">
        <span>{props.diskDeleted ? 'On disk: deleted' : 'On disk'}</span>
        <span>Yours (editable)</span>
      </div>
      <div className="mwb-compare-host" ref={host} />
    </div>
  );
}
