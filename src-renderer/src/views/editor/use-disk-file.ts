import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import { useWorkbench } from '../../state/workbench-context';
import type { BannerState } from './editor-banner';
import type { DialogState } from './editor-dialogs';
import { monaco } from './monaco';

/** The file in the editor and the disk version its text was read (or last saved) at. */
export interface OpenFile {
  path: string;
  version: string;
}

export interface CompareState {
  diskText: string;
  /** null when the file is gone from disk. */
  diskVersion: string | null;
}

export interface EditorRefs {
  editorRef: MutableRefObject<monaco.editor.IStandaloneCodeEditor | null>;
  modelRef: MutableRefObject<monaco.editor.ITextModel | null>;
  fileRef: MutableRefObject<OpenFile | null>;
  /** The model's alternative version id at the last save or load: equal means clean. */
  savedAltId: MutableRefObject<number>;
  dirtyRef: MutableRefObject<boolean>;
  setDirty(value: boolean): void;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The open file against the disk: save with conflict detection, reload, compare, and what to do
 * when the file changes on disk while it is open (taken quietly when clean, a banner when not).
 */
export function useDiskFile(refs: EditorRefs) {
  const { client, reportError } = useWorkbench();
  const { editorRef, modelRef, fileRef, savedAltId, dirtyRef, setDirty } = refs;
  const saving = useRef<Promise<boolean> | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [banner, setBanner] = useState<BannerState>(null);
  const [compare, setCompare] = useState<CompareState | null>(null);

  /** Replaces the text with a disk version, keeping cursor and scroll, and undoable. */
  const applyDiskText = useCallback(
    (text: string, version: string) => {
      const editor = editorRef.current;
      const target = modelRef.current;
      const file = fileRef.current;
      if (!editor || !target || !file) return;
      if (target.getValue() !== text) {
        // Cursor and scroll by hand: restoreViewState() leaks an unhandled "Canceled" from the
        // word highlighter in 0.54.
        const selections = editor.getSelections();
        const scroll = { scrollTop: editor.getScrollTop(), scrollLeft: editor.getScrollLeft() };
        target.pushStackElement();
        target.pushEditOperations([], [{ range: target.getFullModelRange(), text }], () => null);
        target.pushStackElement();
        if (selections) {
          editor.setSelections(
            selections.map((s) => {
              const anchor = target.validatePosition({ lineNumber: s.selectionStartLineNumber, column: s.selectionStartColumn });
              const active = target.validatePosition({ lineNumber: s.positionLineNumber, column: s.positionColumn });
              return new monaco.Selection(anchor.lineNumber, anchor.column, active.lineNumber, active.column);
            }),
          );
        }
        editor.setScrollPosition(scroll, monaco.editor.ScrollType.Immediate);
      }
      file.version = version;
      savedAltId.current = target.getAlternativeVersionId();
      setDirty(false);
      setBanner(null);
    },
    [setDirty],
  );


  /**
   * Saves the editor text against `baseVersion` (the version it was read at, or a disk version the
   * user has seen). `force` writes even when the file is gone (recreate).
   */
  const save = useCallback(
    (options: { baseVersion?: string; force?: boolean } = {}): Promise<boolean> => {
      if (saving.current) return saving.current;
      const target = modelRef.current;
      const file = fileRef.current;
      if (!target || !file) return Promise.resolve(false);
      const text = target.getValue();
      const altId = target.getAlternativeVersionId();
      const run = (async () => {
        setBusy(true);
        try {
          const result = await client.request('file.save', {
            path: file.path,
            text,
            baseVersion: options.baseVersion ?? file.version,
            ...(options.force ? { force: true } : {}),
          });
          if (fileRef.current !== file) return false;
          if (result.status === 'saved') {
            file.version = result.version;
            savedAltId.current = altId;
            setDirty(!target.isDisposed() && target.getAlternativeVersionId() !== altId);
            setBanner(null);
            setDialog(null);
            setCompare(null);
            return true;
          }
          if (result.status === 'conflict') setDialog({ kind: 'conflict', diskText: result.diskText, diskVersion: result.diskVersion, confirmReload: false });
          else setDialog({ kind: 'deleted' });
          return false;
        } catch (err) {
          reportError(`Could not save ${file.path}: ${message(err)}`);
          return false;
        } finally {
          saving.current = null;
          setBusy(false);
        }
      })();
      saving.current = run;
      return run;
    },
    [client, reportError, setDirty],
  );

  /** Reads the disk version; null when the file is gone. */
  const readDisk = useCallback(
    async (file: OpenFile): Promise<{ text: string; version: string } | null> => {
      try {
        const content = await client.request('file.read', { path: file.path });
        return { text: content.text, version: content.version };
      } catch (err) {
        if ((err as { code?: unknown }).code === 'not-found') return null;
        throw err;
      }
    },
    [client],
  );

  const reloadFromDisk = useCallback(
    async (known?: { text: string; version: string }) => {
      const file = fileRef.current;
      if (!file) return;
      setDialog(null);
      setCompare(null);
      try {
        const disk = known ?? (await readDisk(file));
        if (fileRef.current !== file) return;
        if (!disk) {
          setBanner({ kind: 'deleted' });
          return;
        }
        applyDiskText(disk.text, disk.version);
      } catch (err) {
        reportError(`Could not read ${file.path}: ${message(err)}`);
      }
    },
    [applyDiskText, readDisk, reportError],
  );

  const openCompare = useCallback(
    async (known?: { text: string; version: string }) => {
      const file = fileRef.current;
      if (!file) return;
      setDialog(null);
      try {
        const disk = known ?? (await readDisk(file));
        if (fileRef.current !== file) return;
        setCompare(disk ? { diskText: disk.text, diskVersion: disk.version } : { diskText: '', diskVersion: null });
      } catch (err) {
        reportError(`Could not read ${file.path}: ${message(err)}`);
      }
    },
    [readDisk, reportError],
  );

  /** Save from the comparison: over the disk version shown on the left (a newer one conflicts again). */
  const overwriteFromCompare = useCallback(() => {
    if (!compare) return;
    void save(compare.diskVersion === null ? { force: true } : { baseVersion: compare.diskVersion });
  }, [compare, save]);

  const saveNow = useCallback(() => {
    if (dialog || !modelRef.current) return;
    if (compare) overwriteFromCompare();
    else if (!dirtyRef.current && !banner) return;
    else void save();
  }, [banner, compare, dialog, overwriteFromCompare, save]);

  const compareRef = useRef(compare);
  compareRef.current = compare;
  useEffect(
    () =>
      client.on('file.changed', (event) => {
        void (async () => {
          const file = fileRef.current;
          if (!file || event.path !== file.path) return;
          // Our own save reports the version it wrote; wait for it before comparing.
          if (saving.current) await saving.current;
          if (fileRef.current !== file || event.version === file.version) return;
          if (compareRef.current) {
            const disk = await readDisk(file).catch(() => undefined);
            if (disk !== undefined && fileRef.current === file) setCompare(disk ? { diskText: disk.text, diskVersion: disk.version } : { diskText: '', diskVersion: null });
            return;
          }
          if (event.version === null) {
            setBanner({ kind: 'deleted' });
            return;
          }
          if (dirtyRef.current) {
            setBanner({ kind: 'changed', version: event.version });
            return;
          }
          // Clean: take the disk version quietly, keeping the cursor.
          try {
            const disk = await readDisk(file);
            if (fileRef.current !== file) return;
            if (!disk) setBanner({ kind: 'deleted' });
            else if (dirtyRef.current) setBanner({ kind: 'changed', version: disk.version });
            else if (disk.version !== file.version) applyDiskText(disk.text, disk.version);
          } catch (err) {
            reportError(`Could not read ${file.path}: ${message(err)}`);
          }
        })();
      }),
    [client, applyDiskText, readDisk, reportError],
  );

  return { busy, dialog, setDialog, banner, setBanner, compare, setCompare, applyDiskText, save, reloadFromDisk, openCompare, overwriteFromCompare, saveNow };
}
