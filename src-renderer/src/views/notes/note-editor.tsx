import { useEffect, useRef, type JSX } from 'react';
import { monaco } from '../editor/monaco';

const MONO = "ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace";

/**
 * Monaco on one note, as Markdown (the editor setup of views/editor: the same bundle, workers
 * and languages). Loaded lazily with the Notes view's editor. The model lives under its own URI
 * scheme, so the same file can also be open in the manifest editor pane.
 */
export default function NoteEditor(props: { path: string; text: string; resetKey: number; onChange(text: string): void; onSave(): void }): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const onChange = useRef(props.onChange);
  const onSave = useRef(props.onSave);
  onChange.current = props.onChange;
  onSave.current = props.onSave;
  const initial = useRef(props.text);
  initial.current = props.text;

  useEffect(() => {
    if (!host.current) return;
    const uri = monaco.Uri.from({ scheme: 'mwb-note', path: `/${props.path}` });
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(initial.current, 'markdown', uri);
    const editor = monaco.editor.create(host.current, {
      model,
      automaticLayout: true,
      wordWrap: 'on',
      minimap: { enabled: false },
      fontFamily: MONO,
      fontSize: 13,
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      tabSize: 2,
      unicodeHighlight: { ambiguousCharacters: false },
      // Notes are prose: no completion list pops up while typing (words of other open files, SQL
      // keywords); Ctrl+Space still asks for one.
      quickSuggestions: false,
      wordBasedSuggestions: 'off',
      suggestOnTriggerCharacters: false,
      ariaLabel: `Note ${props.path}`,
    });
    const sub = model.onDidChangeContent(() => onChange.current(model.getValue()));
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => onSave.current());
    return () => {
      sub.dispose();
      editor.dispose();
      model.dispose();
    };
  }, [props.path, props.resetKey]);

  return <div className="note-monaco" ref={host} data-testid="note-editor" data-path={props.path} />;
}
