import { monaco } from './monaco';

const MONO = "ui-monospace, SFMono-Regular, 'SF Mono', Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace";

/**
 * Editor widgets that Esc belongs to while they are open (or a state Esc ends): only without any
 * of them does Esc close the file. Monaco's own context keys.
 */
export const ESC_IS_FREE = [
  '!suggestWidgetVisible',
  '!findWidgetVisible',
  '!parameterHintsVisible',
  '!renameInputVisible',
  '!referenceSearchVisible',
  '!markersNavigationVisible',
  '!editorHasMultipleSelections',
  '!editorHasSelection',
  '!inSnippetMode',
  '!editorHoverVisible',
  '!accessibilityHelpWidgetVisible',
].join(' && ');

/** Monaco for one checkout file in the editor pane. */
export function createFileEditor(host: HTMLElement, ariaLabel: string): monaco.editor.IStandaloneCodeEditor {
  return monaco.editor.create(host, {
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
    // The YAML worker answers its trigger characters (a space, ':') even inside comments, with the
    // schema's examples, so a space typed in a comment popped a list that Tab or Enter accepted.
    // Completion still comes as you type a word (quickSuggestions, not in comments) and on Ctrl+Space.
    suggestOnTriggerCharacters: false,
    wordBasedSuggestions: 'off',
    'semanticHighlighting.enabled': false,
    scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
    ariaLabel: `${ariaLabel}. Escape closes it, F6 moves the focus to the view, Ctrl+M makes Tab move the focus.`,
  });
}

/**
 * Esc closes the file when no editor widget wants it; F6 leaves the editor for the view beside it
 * (Tab indents in an editor; Ctrl+M toggles that, as in VS Code).
 */
export function bindLeaveKeys(editor: monaco.editor.IStandaloneCodeEditor, actions: { close(): void; leave(): void }): void {
  editor.addCommand(monaco.KeyCode.Escape, () => actions.close(), ESC_IS_FREE);
  editor.addCommand(monaco.KeyCode.F6, () => actions.leave());
}
