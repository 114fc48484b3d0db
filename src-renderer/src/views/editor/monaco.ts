/**
 * Monaco for the manifest editor, loaded lazily with the editor pane.
 *
 * Only what the editor needs is bundled: the editor core with its contributions (find, folding,
 * hover, suggest, the diff editor), a few tokenizers for files a checkout holds, the JSON language
 * service and monaco-yaml. Importing the package root ('monaco-editor') would also pull in the
 * TypeScript, CSS and HTML language services and every tokenizer.
 *
 * monaco-editor is pinned to 0.54.0: with 0.55+ the YAML worker never starts (docs: STACK-NOTES).
 */
import * as monaco from 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/sql/sql.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/markdown/markdown.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/javascript/javascript.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/typescript/typescript.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/python/python.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/shell/shell.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/ini/ini.contribution.js';
import 'monaco-editor/esm/vs/basic-languages/xml/xml.contribution.js';
import 'monaco-editor/esm/vs/language/json/monaco.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import moduleSchema from '../../../../resources/schema/module.schema.json';
import YamlWorker from './yaml.worker?worker';
import { TYPING_CLASS } from '../../components/typing-target';

export { monaco };
export type Monaco = typeof monaco;

/** The marker owner of the engine's rule findings (monaco-yaml's own markers use 'yaml'). */
export const RULE_OWNER = 'module-workbench';
export const YAML_OWNER = 'yaml';

globalThis.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string): Worker {
    if (label === 'yaml') return new YamlWorker();
    if (label === 'json') return new JsonWorker();
    return new EditorWorker();
  },
};

// monaco-yaml (through monaco-worker-manager) still calls `editor.createWebWorker({ moduleId,
// label, createData })`. The package root adapts that call to the 0.5x API (which wants a Worker);
// since we load the core directly, do the same here, or the YAML worker never starts.
const coreCreateWebWorker = monaco.editor.createWebWorker;
type LegacyWorkerOptions = { moduleId: string; label?: string; createData?: unknown; host?: unknown; keepIdleModels?: boolean };
(monaco.editor as { createWebWorker: unknown }).createWebWorker = (options: LegacyWorkerOptions & { worker?: unknown }) => {
  if (options.worker !== undefined) return coreCreateWebWorker(options as Parameters<typeof coreCreateWebWorker>[0]);
  const worker = Promise.resolve(globalThis.MonacoEnvironment!.getWorker!('workerMain.js', options.label ?? 'monaco-editor-worker')).then((w) => {
    w.postMessage('ignore');
    w.postMessage(options.createData);
    return w;
  });
  return coreCreateWebWorker({ worker, host: options.host, keepIdleModels: options.keepIdleModels } as unknown as Parameters<typeof coreCreateWebWorker>[0]);
};

/**
 * The schema as monaco-yaml gets it: descriptions also as escaped Markdown, since hovers render
 * them as Markdown and "name <range>" would otherwise lose "<range>" as an HTML tag.
 */
function withMarkdownDescriptions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withMarkdownDescriptions);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === 'enum' || key === 'default' || key === 'examples' || key === 'const' ? value : withMarkdownDescriptions(value);
  if (typeof out.description === 'string' && out.markdownDescription === undefined) {
    out.markdownDescription = out.description.replace(/[\\`*_{}[\]#+!<>|]/g, '\\$&');
  }
  return out;
}

/** The schema's own title would head every hover ("Module manifest (module.yaml)"): leave it out. */
function forHovers(schema: typeof moduleSchema): unknown {
  const { title: _title, ...rest } = schema;
  return withMarkdownDescriptions(rest);
}

// Monaco cancels its own pending work with a CancellationError ("Canceled"), and in 0.54 some of
// it is never caught (the word highlighter's Delayer when an editor is disposed or its model
// replaced). VS Code ignores these in its error handler; do the same for those and only those.
window.addEventListener('unhandledrejection', (event) => {
  const reason: unknown = event.reason;
  if (reason instanceof Error && reason.name === 'Canceled' && reason.message === 'Canceled') event.preventDefault();
});

// Keys typed in an editor are the editor's. Monaco 0.54 in Chromium types through an EditContext on
// a <div>, which React Flow does not recognise as an input: its Space-to-pan handler on the window
// swallowed every space typed in the manifest editor beside the graph. Its opt-out class on every
// editor (the embedded ones of the diff editor included) keeps all of React Flow's key handlers out.
monaco.editor.onDidCreateEditor((editor) => editor.getContainerDomNode().classList.add(TYPING_CLASS));

configureMonacoYaml(monaco, {
  // Passed through to the YAML language service: no "Source: <schema URL>" link in hovers (the
  // schema's $id is not a page anyone can open offline).
  ...({ hoverSchemaSource: false } as object),
  enableSchemaRequest: false,
  completion: true,
  hover: true,
  validate: true,
  format: { enable: true, singleQuote: false, bracketSpacing: true, proseWrap: 'preserve', printWidth: 120 },
  schemas: [
    {
      uri: moduleSchema.$id,
      fileMatch: ['**/module.yaml'],
      schema: forHovers(moduleSchema) as never,
    },
  ],
});

/** The Monaco language for a checkout file, by name. */
export function languageFor(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')) : '';
  switch (ext) {
    case '.yaml':
    case '.yml':
      return 'yaml';
    case '.sql':
      return 'sql';
    case '.md':
    case '.markdown':
      return 'markdown';
    case '.json':
      return 'json';
    case '.js':
    case '.mjs':
    case '.cjs':
      return 'javascript';
    case '.ts':
    case '.mts':
    case '.cts':
      return 'typescript';
    case '.py':
      return 'python';
    case '.sh':
    case '.bash':
      return 'shell';
    case '.ini':
    case '.cfg':
    case '.conf':
    case '.toml':
      return 'ini';
    case '.xml':
      return 'xml';
    default:
      return 'plaintext';
  }
}

const LANGUAGE_LABEL: Record<string, string> = {
  yaml: 'YAML',
  sql: 'SQL',
  markdown: 'Markdown',
  json: 'JSON',
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  python: 'Python',
  shell: 'Shell',
  ini: 'INI',
  xml: 'XML',
  plaintext: 'Plain text',
};

export function languageLabel(language: string): string {
  return LANGUAGE_LABEL[language] ?? language;
}

/** Whether a checkout file is a module manifest (schema-checked by monaco-yaml, linted by the engine). */
export function isManifest(path: string): boolean {
  return path === 'module.yaml' || path.endsWith('/module.yaml');
}

/** The model URI for a checkout-relative path; monaco-yaml matches `**\/module.yaml` against it. */
export function modelUri(path: string): monaco.Uri {
  return monaco.Uri.file(`/${path}`);
}

/**
 * A read-only view of the open Monaco models (`window.mwbModels()`): what each editor really
 * holds, for the end-to-end tests and for support in the browser console. `path` is the
 * checkout-relative path of a file model; tabSize and insertSpaces say what Tab inserts.
 */
(globalThis as { mwbModels?: () => { uri: string; path: string; text: string; tabSize: number; insertSpaces: boolean }[] }).mwbModels = () =>
  monaco.editor.getModels().map((m) => {
    const { tabSize, insertSpaces } = m.getOptions();
    return { uri: m.uri.toString(), path: m.uri.path.replace(/^\//, ''), text: m.getValue(), tabSize, insertSpaces };
  });
