import { useCallback, useEffect, useRef, useState, type JSX } from 'react';
import { ProblemsList, type ProblemSummary } from '../../components/problems-list';
import { useWorkbench, type OpenFileRequest } from '../../state/workbench-context';
import { CompareView } from './compare-view';
import { EditorBanner } from './editor-banner';
import { EditorDialogs } from './editor-dialogs';
import { bindLeaveKeys, createFileEditor } from './editor-setup';
import { summarizeMarkers } from './markers';
import { isManifest, languageFor, languageLabel, modelUri, monaco } from './monaco';
import { useDiskFile, type OpenFile } from './use-disk-file';
import { useRuleMarkers } from './use-rule-markers';

const EMPTY: ProblemSummary = { items: [], yaml: 0, rules: 0 };

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export interface EditorPaneProps {
  /** The file of this pane (one pane per open tab); a new request (nonce) reveals its line again. */
  request: OpenFileRequest;
  /** The tab shown: the one Ctrl+S saves when the focus is nowhere in particular. */
  active: boolean;
  /** Raised by the tab strip (its close button, Ctrl+W): close, asking first when there are unsaved edits. */
  closeSignal: number;
  onClose(): void;
  onDirty(dirty: boolean): void;
  /** Moves the focus out of the editor, to the view beside it (F6). */
  onLeave(): void;
}

/**
 * The editor for one checkout file: Monaco with schema help and syntax markers from monaco-yaml
 * (module.yaml), the engine's rule markers as you type, save with conflict detection and a
 * comparison with the disk version. Nothing typed here is lost without the user choosing.
 */
export default function EditorPane(props: EditorPaneProps): JSX.Element {
  const { client } = useWorkbench();
  const { request, active } = props;
  const onCloseRef = useRef(props.onClose);
  onCloseRef.current = props.onClose;
  const onClose = useCallback(() => onCloseRef.current(), []);
  const onDirtyRef = useRef(props.onDirty);
  onDirtyRef.current = props.onDirty;
  const onLeaveRef = useRef(props.onLeave);
  onLeaveRef.current = props.onLeave;

  const host = useRef<HTMLDivElement>(null);
  const paneRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const modelRef = useRef<monaco.editor.ITextModel | null>(null);
  const fileRef = useRef<OpenFile | null>(null);
  const pathRef = useRef<string | null>(null);
  const savedAltId = useRef(0);
  const dirtyRef = useRef(false);

  const [ready, setReady] = useState(false);
  const [model, setModel] = useState<monaco.editor.ITextModel | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [dirty, setDirtyState] = useState(false);
  const [problems, setProblems] = useState<ProblemSummary>(EMPTY);
  const [cursor, setCursor] = useState({ line: 1, column: 1 });
  const { lint, scheduleLint, cancel: cancelLint, linting } = useRuleMarkers(modelRef, pathRef, ready);

  const setDirty = useCallback((value: boolean) => {
    dirtyRef.current = value;
    setDirtyState(value);
    onDirtyRef.current(value);
  }, []);

  const disk = useDiskFile({ editorRef, modelRef, fileRef, savedAltId, dirtyRef, setDirty });
  const { busy, dialog, setDialog, banner, setBanner, compare, setCompare, applyDiskText, save, reloadFromDisk, openCompare, overwriteFromCompare, saveNow } = disk;

  const requestClose = useCallback(() => {
    if (dirtyRef.current) setDialog({ kind: 'close' });
    else onClose();
  }, [onClose, setDialog]);

  // ---------------------------------------------------------------------------------------------
  // The editor

  useEffect(() => {
    const editor = createFileEditor(host.current!, `Editor for ${request.path}`);
    editorRef.current = editor;
    bindLeaveKeys(editor, { close: () => requestCloseRef.current(), leave: () => onLeaveRef.current() });
    const subs = [
      editor.onDidChangeCursorPosition((e) => setCursor({ line: e.position.lineNumber, column: e.position.column })),
      monaco.editor.onDidChangeMarkers((uris) => {
        const current = modelRef.current;
        if (current && !current.isDisposed() && uris.some((u) => u.toString() === current.uri.toString())) setProblems(summarizeMarkers(current));
      }),
    ];
    setReady(true);
    return () => {
      cancelLint();
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
    // One editor per pane, for the pane's one file.
  }, []);
  const requestCloseRef = useRef(requestClose);
  requestCloseRef.current = requestClose;

  const reveal = useCallback((line?: number, column?: number, keepFocus = false) => {
    const editor = editorRef.current;
    const target = modelRef.current;
    if (!editor || !target) return;
    if (!line) {
      if (!keepFocus) editor.focus();
      return;
    }
    const ln = Math.min(Math.max(line, 1), target.getLineCount());
    const col = column && column > 0 ? Math.min(column, target.getLineMaxColumn(ln)) : target.getLineFirstNonWhitespaceColumn(ln) || 1;
    editor.setPosition({ lineNumber: ln, column: col });
    editor.revealLineInCenter(ln, monaco.editor.ScrollType.Smooth);
    if (!keepFocus) editor.focus();
    const flash = editor.createDecorationsCollection([{ range: new monaco.Range(ln, 1, ln, 1), options: { isWholeLine: true, className: 'mwb-reveal-line' } }]);
    setTimeout(() => flash.clear(), 1600);
  }, []);

  const load = useCallback(async () => {
    const editor = editorRef.current;
    if (!editor) return;
    const path = request.path;
    pathRef.current = path;
    try {
      const content = await client.request('file.read', { path });
      if (editorRef.current !== editor) return;
      const uri = modelUri(path);
      monaco.editor.getModel(uri)?.dispose();
      const next = monaco.editor.createModel(content.text, languageFor(path), uri);
      next.onDidChangeContent(() => {
        setDirty(next.getAlternativeVersionId() !== savedAltId.current);
        scheduleLint();
      });
      modelRef.current = next;
      fileRef.current = { path, version: content.version };
      savedAltId.current = next.getAlternativeVersionId();
      setModel(next);
      setProblems(summarizeMarkers(next));
      editor.setModel(next);
      reveal(request.line, request.column, request.keepFocus);
      void lint();
    } catch (err) {
      if (editorRef.current === editor) setLoadError(message(err));
    }
    // Loaded once, when the pane opens; later requests only reveal a line.
  }, []);

  useEffect(() => {
    if (ready) void load();
  }, [ready, load]);

  // The same file asked for again (a problem clicked): reveal its line.
  const firstNonce = useRef(request.nonce);
  useEffect(() => {
    if (request.nonce !== firstNonce.current && modelRef.current) reveal(request.line, request.column, request.keepFocus);
  }, [request, reveal]);

  // A tab brought to the front gets the focus back.
  // (Not while arrow keys move along the tabs: the focus stays on the tab strip.)
  useEffect(() => {
    if (active && modelRef.current && !request.keepFocus && !document.activeElement?.closest('[role="tablist"]')) editorRef.current?.focus();
  }, [active]);

  // Close from the tab strip.
  const firstSignal = useRef(props.closeSignal);
  useEffect(() => {
    if (props.closeSignal !== firstSignal.current) requestCloseRef.current();
  }, [props.closeSignal]);

  // ---------------------------------------------------------------------------------------------
  // Ctrl/Cmd+S saves when the focus is in the pane (the comparison included), or, for the tab
  // shown, nowhere in particular; the browser's "save page" is no use here.
  const saveNowRef = useRef(saveNow);
  saveNowRef.current = saveNow;
  const activeRef = useRef(active);
  activeRef.current = active;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const focus = document.activeElement;
      const ours = (paneRef.current?.contains(focus) ?? false) || (activeRef.current && (!focus || focus === document.body));
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

  // ---------------------------------------------------------------------------------------------

  const shownPath = request.path;
  const language = model ? model.getLanguageId() : languageFor(shownPath);
  const state = loadError ? 'error' : model ? 'ready' : 'loading';

  return (
    <div
      ref={paneRef}
      className="mwb-editor"
      hidden={!active}
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
        <button onClick={requestClose} title="Close this file (Esc in the editor, Ctrl+W)" aria-label="Close editor">
          Close
        </button>
      </header>

      <EditorBanner
        banner={banner}
        onReload={() => setDialog({ kind: 'reload' })}
        onCompare={() => void openCompare()}
        onKeepMine={(version) => {
          const file = fileRef.current;
          if (file) file.version = version;
          setBanner(null);
        }}
        onRecreate={() => void save({ force: true })}
        onClose={onClose}
      />

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

      <footer className="mwb-editor-foot" data-testid="editor-status">
        <span data-testid="editor-cursor">
          Ln {cursor.line}, Col {cursor.column}
        </span>
        <span>{languageLabel(language)}</span>
        {isManifest(shownPath) && <span title="Completion, hover and validation from resources/schema/module.schema.json">module.yaml schema</span>}
        <span className="spacer" />
        <span className="mwb-keys" title="Tab indents in the editor; Ctrl+M switches Tab to moving the focus, as in VS Code">
          Esc close · F6 leave · Ctrl+M Tab moves focus
        </span>
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

      <EditorDialogs
        dialog={dialog}
        path={shownPath}
        busy={busy}
        actions={{ setDialog, save, reloadFromDisk: (known) => void reloadFromDisk(known), openCompare: (known) => void openCompare(known), close: onClose }}
      />
    </div>
  );
}
