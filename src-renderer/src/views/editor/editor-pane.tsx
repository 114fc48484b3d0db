import { useCallback, useEffect, useRef, useState, type JSX } from 'react';
import type { Diagnostic } from '../../../../src-main/common/diagnostic';
import { useWorkbench, type OpenFileRequest } from '../../state/workbench-context';
import { CompareView } from './compare-view';
import { Choice, Dialog } from './dialog';
import { isManifest, languageFor, languageLabel, modelUri, monaco, RULE_OWNER } from './monaco';
import { ProblemsList, summarizeMarkers, type ProblemSummary } from './problems-list';
import { guiMessage } from '../../shared/gui-wording';

/** The file in the editor and the disk version its text was read (or last saved) at. */
interface OpenFile {
  path: string;
  version: string;
}

type DialogState =
  | { kind: 'conflict'; diskText: string; diskVersion: string; confirmReload: boolean }
  | { kind: 'deleted' }
  | { kind: 'close' }
  | { kind: 'switch'; request: OpenFileRequest }
  | { kind: 'reload' };

type BannerState = { kind: 'changed'; version: string } | { kind: 'deleted' } | null;

interface CompareState {
  diskText: string;
  /** null when the file is gone from disk. */
  diskVersion: string | null;
}

const LINT_DELAY_MS = 300;
const EMPTY: ProblemSummary = { items: [], yaml: 0, rules: 0 };
const MONO = "ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace";

const SEVERITY: Record<Diagnostic['severity'], monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The editor pane: Monaco on one checkout file, with schema help and syntax markers from
 * monaco-yaml (module.yaml), the engine's rule markers as you type, save with conflict detection
 * and a comparison with the disk version. Nothing typed here is lost without the user choosing.
 */
export default function EditorPane(props: { request: OpenFileRequest; onClose(): void }): JSX.Element {
  const { client, reportError, ruleDocUrl, snapshot } = useWorkbench();
  const { request, onClose } = props;

  const host = useRef<HTMLDivElement>(null);
  const paneRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const modelRef = useRef<monaco.editor.ITextModel | null>(null);
  const fileRef = useRef<OpenFile | null>(null);
  const savedAltId = useRef(0);
  const dirtyRef = useRef(false);
  const saving = useRef<Promise<boolean> | null>(null);
  const lintSeq = useRef(0);
  const lintTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const loadSeq = useRef(0);

  const [ready, setReady] = useState(false);
  const [path, setPath] = useState<string | null>(null);
  const [model, setModel] = useState<monaco.editor.ITextModel | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [dirty, setDirtyState] = useState(false);
  const [busy, setBusy] = useState(false);
  const [linting, setLinting] = useState(false);
  const [problems, setProblems] = useState<ProblemSummary>(EMPTY);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [banner, setBanner] = useState<BannerState>(null);
  const [compare, setCompare] = useState<CompareState | null>(null);
  const [cursor, setCursor] = useState({ line: 1, column: 1 });

  const setDirty = useCallback((value: boolean) => {
    dirtyRef.current = value;
    setDirtyState(value);
  }, []);

  const docUri = useCallback((rule: string) => monaco.Uri.parse(new URL(ruleDocUrl(rule), location.href).href), [ruleDocUrl]);

  // ---------------------------------------------------------------------------------------------
  // Markers

  const setRuleMarkers = useCallback(
    (target: monaco.editor.ITextModel, diagnostics: readonly Diagnostic[]) => {
      const lines = target.getLineCount();
      monaco.editor.setModelMarkers(
        target,
        RULE_OWNER,
        diagnostics.map((d) => {
          const line = Math.min(Math.max(d.line ?? 1, 1), lines);
          const start = Math.min(Math.max(d.column ?? 1, 1), target.getLineMaxColumn(line));
          const end = Math.max(target.getLineLastNonWhitespaceColumn(line), start + 1);
          return {
            severity: SEVERITY[d.severity],
            message: `${d.rule}: ${guiMessage(d)}`,
            source: 'module-workbench',
            code: { value: d.rule, target: docUri(d.rule) },
            startLineNumber: line,
            startColumn: start,
            endLineNumber: line,
            endColumn: end,
          };
        }),
      );
    },
    [docUri],
  );

  /** Engine findings for the open text: live lint for manifests, the last scan for other files. */
  const lint = useCallback(async () => {
    const target = modelRef.current;
    const file = fileRef.current;
    if (!target || !file || target.isDisposed()) return;
    if (!isManifest(file.path)) {
      setRuleMarkers(target, snapshot?.diagnostics.filter((d) => d.file === file.path) ?? []);
      return;
    }
    const seq = ++lintSeq.current;
    const version = target.getVersionId();
    setLinting(true);
    try {
      const diagnostics = await client.request('manifest.lint', { path: file.path, text: target.getValue() });
      // Typed on meanwhile: those lines may have moved, and another lint is already scheduled.
      if (seq !== lintSeq.current || target.isDisposed() || target.getVersionId() !== version) return;
      setRuleMarkers(target, diagnostics);
    } catch (err) {
      if (seq === lintSeq.current) reportError(`Could not check ${file.path}: ${message(err)}`);
    } finally {
      if (seq === lintSeq.current) setLinting(false);
    }
  }, [client, reportError, setRuleMarkers, snapshot]);

  const lintRef = useRef(lint);
  lintRef.current = lint;
  const scheduleLint = useCallback(() => {
    clearTimeout(lintTimer.current);
    lintTimer.current = setTimeout(() => void lintRef.current(), LINT_DELAY_MS);
  }, []);

  // Other files change the open manifest's findings too (a module added, a capability removed).
  const revision = snapshot?.revision;
  useEffect(() => {
    if (ready && revision !== undefined) void lintRef.current();
  }, [revision, ready]);

  // ---------------------------------------------------------------------------------------------
  // The editor

  useEffect(() => {
    const editor = monaco.editor.create(host.current!, {
      model: null,
      automaticLayout: true,
      theme: 'vs',
      fontFamily: MONO,
      fontSize: 13,
      lineHeight: 19,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      tabSize: 2,
      insertSpaces: true,
      detectIndentation: true,
      fixedOverflowWidgets: true,
      padding: { top: 6 },
      quickSuggestions: { other: true, comments: false, strings: true },
      wordBasedSuggestions: 'off',
      'semanticHighlighting.enabled': false,
      scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
    });
    editorRef.current = editor;
    const subs = [
      editor.onDidChangeCursorPosition((e) => setCursor({ line: e.position.lineNumber, column: e.position.column })),
      monaco.editor.onDidChangeMarkers((uris) => {
        const current = modelRef.current;
        if (current && !current.isDisposed() && uris.some((u) => u.toString() === current.uri.toString())) setProblems(summarizeMarkers(current));
      }),
    ];
    setReady(true);
    return () => {
      clearTimeout(lintTimer.current);
      subs.forEach((s) => s.dispose());
      const current = modelRef.current;
      editor.setModel(null);
      editor.dispose();
      current?.dispose();
      editorRef.current = null;
      modelRef.current = null;
      fileRef.current = null;
      setReady(false);
    };
  }, []);

  const reveal = useCallback((line?: number, column?: number) => {
    const editor = editorRef.current;
    const target = modelRef.current;
    if (!editor || !target || !line) return;
    const ln = Math.min(Math.max(line, 1), target.getLineCount());
    const col = column && column > 0 ? Math.min(column, target.getLineMaxColumn(ln)) : target.getLineFirstNonWhitespaceColumn(ln) || 1;
    editor.setPosition({ lineNumber: ln, column: col });
    editor.revealLineInCenter(ln, monaco.editor.ScrollType.Smooth);
    editor.focus();
    const flash = editor.createDecorationsCollection([{ range: new monaco.Range(ln, 1, ln, 1), options: { isWholeLine: true, className: 'mwb-reveal-line' } }]);
    setTimeout(() => flash.clear(), 1600);
  }, []);

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

  const load = useCallback(
    async (req: OpenFileRequest) => {
      const editor = editorRef.current;
      if (!editor) return;
      const seq = ++loadSeq.current;
      setLoadError(null);
      setDialog(null);
      setBanner(null);
      setCompare(null);
      setPath(req.path);
      setLoading(true);
      try {
        const content = await client.request('file.read', { path: req.path });
        if (seq !== loadSeq.current || editorRef.current !== editor) return;
        const previous = modelRef.current;
        editor.setModel(null);
        previous?.dispose();
        const uri = modelUri(req.path);
        monaco.editor.getModel(uri)?.dispose();
        const next = monaco.editor.createModel(content.text, languageFor(req.path), uri);
        next.onDidChangeContent(() => {
          setDirty(next.getAlternativeVersionId() !== savedAltId.current);
          scheduleLint();
        });
        modelRef.current = next;
        fileRef.current = { path: req.path, version: content.version };
        savedAltId.current = next.getAlternativeVersionId();
        setDirty(false);
        setModel(next);
        setProblems(summarizeMarkers(next));
        editor.setModel(next);
        if (req.line) reveal(req.line, req.column);
        else editor.focus();
        void lintRef.current();
      } catch (err) {
        if (seq !== loadSeq.current) return;
        const previous = modelRef.current;
        editor.setModel(null);
        previous?.dispose();
        modelRef.current = null;
        fileRef.current = null;
        setModel(null);
        setProblems(EMPTY);
        setLoadError(message(err));
      } finally {
        if (seq === loadSeq.current) setLoading(false);
      }
    },
    [client, reveal, scheduleLint, setDirty],
  );

  // Open the requested file, or reveal the line again when the same file is asked for.
  useEffect(() => {
    if (!ready) return;
    const file = fileRef.current;
    if (file && file.path === request.path) {
      loadSeq.current++; // a load of another file still under way is no longer wanted
      setLoading(false);
      setPath(file.path);
      reveal(request.line, request.column);
      return;
    }
    if (file && dirtyRef.current) {
      setDialog({ kind: 'switch', request });
      return;
    }
    void load(request);
  }, [ready, request, load, reveal]);

  // ---------------------------------------------------------------------------------------------
  // Save, reload, compare

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

  // Ctrl/Cmd+S saves when the focus is in the pane (the comparison included) or nowhere in
  // particular; the browser's "save page" is no use here. Other views keep their own Ctrl+S.
  const saveNowRef = useRef(saveNow);
  saveNowRef.current = saveNow;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const focus = document.activeElement;
      const ours = !focus || focus === document.body || (paneRef.current?.contains(focus) ?? false);
      if (ours && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.code === 'KeyS') {
        e.preventDefault();
        e.stopPropagation();
        saveNowRef.current();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  // Leaving the page with unsaved edits asks first (in the desktop app, the main process shows
  // the question when the page declines to unload).
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  // ---------------------------------------------------------------------------------------------
  // Changes on disk

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

  // ---------------------------------------------------------------------------------------------
  // Close

  const requestClose = useCallback(() => {
    if (dirtyRef.current) setDialog({ kind: 'close' });
    else onClose();
  }, [onClose]);

  const discardAndOpen = useCallback(
    (next: OpenFileRequest) => {
      setDirty(false);
      void load(next);
    },
    [load, setDirty],
  );

  // ---------------------------------------------------------------------------------------------

  const language = model ? model.getLanguageId() : path ? languageFor(path) : 'plaintext';
  const shownPath = path ?? request.path;
  const state = loadError ? 'error' : model && !loading ? 'ready' : 'loading';

  return (
    <div
      ref={paneRef}
      className="mwb-editor"
      data-testid="manifest-editor"
      data-state={state}
      data-path={shownPath}
      data-dirty={dirty ? 'true' : 'false'}
      data-yaml-markers={problems.yaml}
      data-rule-markers={problems.rules}
    >
      <header className="mwb-editor-head">
        <span className="mwb-file-icon" aria-hidden="true">
          {isManifest(shownPath) ? '⬡' : '▤'}
        </span>
        <span className="mwb-path mono" data-testid="editor-path" title={shownPath}>
          <span className="mwb-dir">{shownPath.includes('/') ? shownPath.slice(0, shownPath.lastIndexOf('/') + 1) : ''}</span>
          <span className="mwb-base">{shownPath.slice(shownPath.lastIndexOf('/') + 1)}</span>
        </span>
        {dirty && (
          <span className="mwb-dirty" data-testid="editor-dirty" title="Modified: not saved yet" aria-label="modified">
            ●
          </span>
        )}
        <span className="spacer" />
        <button className="primary" onClick={() => saveNow()} disabled={!model || busy || (!dirty && !banner)} title="Save (Ctrl+S)">
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button onClick={requestClose} title="Close the editor" aria-label="Close editor">
          Close
        </button>
      </header>

      {banner?.kind === 'changed' && (
        <div className="mwb-banner warning" role="status" data-testid="editor-banner">
          <span>
            <strong>Changed on disk</strong> while you have unsaved edits.
          </span>
          <span className="mwb-banner-actions">
            <button onClick={() => setDialog({ kind: 'reload' })} title="Discard your edits and load the disk version">
              Reload
            </button>
            <button onClick={() => void openCompare()} title="Compare the disk version with yours">
              Compare
            </button>
            <button
              onClick={() => {
                const file = fileRef.current;
                if (file) file.version = banner.version;
                setBanner(null);
              }}
              title="Keep your text; saving will replace the version now on disk"
            >
              Keep mine
            </button>
          </span>
        </div>
      )}
      {banner?.kind === 'deleted' && (
        <div className="mwb-banner error" role="status" data-testid="editor-banner">
          <span>
            <strong>Deleted on disk.</strong> The editor still holds the text.
          </span>
          <span className="mwb-banner-actions">
            <button onClick={() => void save({ force: true })} title="Write the editor text back to this path">
              Recreate
            </button>
            <button onClick={onClose}>Close</button>
          </span>
        </div>
      )}

      <div className="mwb-stage">
        <div className="mwb-monaco" ref={host} aria-hidden={!model} />
        {!model && !loadError && <div className="mwb-overlay muted">Opening {shownPath}…</div>}
        {loadError && (
          <div className="mwb-overlay" role="alert">
            <div>
              <strong>Cannot open {shownPath}</strong>
              <p className="muted">{loadError}</p>
              <button onClick={onClose}>Close</button>
            </div>
          </div>
        )}
      </div>

      <ProblemsList summary={problems} linting={linting} onReveal={reveal} />

      <footer className="mwb-editor-foot">
        <span>
          Ln {cursor.line}, Col {cursor.column}
        </span>
        <span>{languageLabel(language)}</span>
        {isManifest(shownPath) && <span title="Completion, hover and validation from resources/schema/module.schema.json">module.yaml schema</span>}
        <span className="spacer" />
        <span>{dirty ? 'modified' : model ? 'saved' : ''}</span>
      </footer>

      {compare && model && (
        <CompareView
          path={shownPath}
          diskText={compare.diskText}
          diskDeleted={compare.diskVersion === null}
          model={model}
          busy={busy}
          onOverwrite={overwriteFromCompare}
          onTakeDisk={() => compare.diskVersion !== null && (applyDiskText(compare.diskText, compare.diskVersion), setCompare(null))}
          onBack={() => setCompare(null)}
        />
      )}

      {dialog?.kind === 'conflict' &&
        (dialog.confirmReload ? (
          <Dialog title="Discard your edits?" tone="danger" onCancel={() => setDialog({ ...dialog, confirmReload: false })} testId="editor-conflict">
            <p>
              The editor will show the version now on disk. Your edits to <code>{shownPath}</code> are not saved; Ctrl+Z in the editor brings them back until you close it.
            </p>
            <div className="mwb-dialog-actions">
              <button className="danger" onClick={() => void reloadFromDisk({ text: dialog.diskText, version: dialog.diskVersion })} data-autofocus="">
                Discard and reload
              </button>
              <button onClick={() => setDialog({ ...dialog, confirmReload: false })}>Back</button>
            </div>
          </Dialog>
        ) : (
          <Dialog title="The file changed on disk" tone="warning" onCancel={() => setDialog(null)} testId="editor-conflict">
            <p>
              <code>{shownPath}</code> was changed outside the editor since you opened it. Nothing has been saved. Choose which version to keep:
            </p>
            <Choice label="Reload" detail="Take the disk version and discard your edits." onClick={() => setDialog({ ...dialog, confirmReload: true })} />
            <Choice label="Overwrite" detail="Replace the disk version with yours." onClick={() => void save({ baseVersion: dialog.diskVersion })} disabled={busy} />
            <Choice label="Compare" detail="See both side by side, take parts of either, then decide." onClick={() => void openCompare({ text: dialog.diskText, version: dialog.diskVersion })} tone="primary" autoFocus />
            <div className="mwb-dialog-actions">
              <button onClick={() => setDialog(null)}>Cancel</button>
            </div>
          </Dialog>
        ))}

      {dialog?.kind === 'deleted' && (
        <Dialog title="The file was deleted on disk" tone="warning" onCancel={() => setDialog(null)} testId="editor-deleted">
          <p>
            <code>{shownPath}</code> no longer exists. Your text is still in the editor.
          </p>
          <Choice label="Recreate" detail="Write your text to this path again." onClick={() => void save({ force: true })} tone="primary" autoFocus disabled={busy} />
          <Choice label="Close editor" detail="Let it go; your text is discarded." onClick={onClose} tone="danger" />
          <div className="mwb-dialog-actions">
            <button onClick={() => setDialog(null)}>Keep editing</button>
          </div>
        </Dialog>
      )}

      {dialog?.kind === 'reload' && (
        <Dialog title="Discard your edits?" tone="danger" onCancel={() => setDialog(null)} testId="editor-reload">
          <p>
            The editor will show the version now on disk. Your edits to <code>{shownPath}</code> are not saved; Ctrl+Z in the editor brings them back until you close it.
          </p>
          <div className="mwb-dialog-actions">
            <button className="danger" onClick={() => void reloadFromDisk()} data-autofocus="">
              Discard and reload
            </button>
            <button onClick={() => setDialog(null)}>Keep editing</button>
          </div>
        </Dialog>
      )}

      {(dialog?.kind === 'close' || dialog?.kind === 'switch') && (
        <Dialog title="Unsaved changes" tone="warning" onCancel={() => setDialog(null)} testId="editor-unsaved">
          <p>
            <code>{shownPath}</code> has changes that are not saved.
            {dialog.kind === 'switch' && (
              <>
                {' '}
                Open <code>{dialog.request.path}</code> anyway?
              </>
            )}
          </p>
          <div className="mwb-dialog-actions">
            <button onClick={() => setDialog(null)} data-autofocus="">
              Keep editing
            </button>
            <button
              className="danger"
              onClick={() => {
                if (dialog.kind === 'switch') discardAndOpen(dialog.request);
                else onClose();
              }}
            >
              Discard
            </button>
            <button
              className="primary"
              onClick={() =>
                void save().then((ok) => {
                  if (!ok) return;
                  if (dialog.kind === 'switch') void load(dialog.request);
                  else onClose();
                })
              }
              disabled={busy}
            >
              Save
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
