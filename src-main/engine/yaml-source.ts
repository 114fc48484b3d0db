import type { Document, Node } from 'yaml';
import { yamlLib } from './libraries';
import type { Diagnostic } from '../common/diagnostic';
import { collectionKeyOffset, deepNestingOffset, NESTING_REPORT_DEPTH } from './yaml-depth';
import { blockOffsets, type BlockOffsets } from './yaml-block-locator';
import { fastYamlValue } from './yaml-fast';

/** A path into a YAML document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/** Finds where a value (or its key) sits in the source; falls back to the nearest existing ancestor. */
export interface Locator {
  at(path: YamlPath, part?: 'key' | 'value'): Position;
  /** Position of the item of the sequence at `path` whose scalar value equals `value`. */
  item(path: YamlPath, value: unknown): Position;
}

export interface YamlSource {
  /** The plain data, or undefined when the text does not parse. */
  value: unknown;
  /** True when the document had no content (empty file or only comments). */
  empty: boolean;
  diagnostics: Diagnostic[];
  locator: Locator;
}

/** More alias expansions than this in one document is treated as an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

const ZERO: Position = { line: 1, column: 1 };

/**
 * Offsets to 1-based lines and columns, computed from the text itself. (yaml's LineCounter is fed
 * by its lexer, which misses newlines while recovering from some errors, e.g. a stray `}`, and then
 * reports lines that do not exist; the fuzz tests found it.)
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  linePos(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: Math.max(1, offset - this.starts[lo] + 1) };
  }
}

function keyOf(node: unknown): unknown {
  return yamlLib().isScalar(node) ? node.value : node;
}

function makeLocator(doc: Document.Parsed | undefined, lines: LineIndex): Locator {
  const pos = (offset: number | undefined): Position => {
    if (offset === undefined) return ZERO;
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const deref = (node: unknown): unknown => (doc && yamlLib().isAlias(node) ? node.resolve(doc) : node);

  function walk(path: YamlPath, part: 'key' | 'value'): { node: unknown; offset: number | undefined } {
    let node: unknown = doc?.contents;
    let offset = (node as Node | null)?.range?.[0];
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      node = deref(node);
      const last = i === path.length - 1;
      if (yamlLib().isMap(node)) {
        const pair = node.items.find((p) => keyOf(p.key) === seg);
        if (!pair) break;
        const keyOffset = (pair.key as Node | null)?.range?.[0];
        if (last && part === 'key') return { node: pair.key, offset: keyOffset ?? offset };
        node = pair.value;
        offset = (pair.value as Node | null)?.range?.[0] ?? keyOffset ?? offset;
      } else if (yamlLib().isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (item === undefined) break;
        node = item;
        offset = (item as Node | null)?.range?.[0] ?? offset;
      } else {
        break;
      }
    }
    return { node, offset };
  }

  return {
    at: (path, part = 'value') => pos(walk(path, part).offset),
    item: (path, value) => {
      const { node, offset } = walk(path, 'value');
      const seq = deref(node);
      if (yamlLib().isSeq(seq)) {
        const item = seq.items.find((it) => keyOf(deref(it)) === value) as Node | undefined;
        if (item?.range) return pos(item.range[0]);
      }
      return pos(offset);
    },
  };
}

/** The locator of a text that gave no document: everything is at line 1, column 1. */
export const ZERO_LOCATOR: Locator = { at: () => ({ ...ZERO }), item: () => ({ ...ZERO }) };

/**
 * The locator `parseYamlSource(file, text)` would give, parsing the text only when a position is
 * first asked for. A scanned manifest keeps its text this way rather than its whole YAML document.
 * A class (methods on the prototype, four fields): thousands are kept, one per manifest (issue 16).
 */
class LazyLocator implements Locator {
  readonly #file: string;
  readonly #text: string;
  #real: Locator | undefined;
  /** Plain block YAML is answered line by line (yaml-block-locator.ts), the same offsets without a parse; null when it is not plain. */
  #block: BlockOffsets | null | undefined;
  #lines: LineIndex | undefined;

  constructor(file: string, text: string) {
    this.#file = file;
    this.#text = text;
  }

  at(path: YamlPath, part?: 'key' | 'value'): Position {
    const offset = this.#real ? undefined : this.#quick()?.at(path, part);
    return offset === undefined ? this.#get().at(path, part) : this.#pos(offset);
  }

  item(path: YamlPath, value: unknown): Position {
    const offset = this.#real ? undefined : this.#quick()?.item(path, value);
    return offset === undefined ? this.#get().item(path, value) : this.#pos(offset);
  }

  #get(): Locator {
    return (this.#real ??= parseYamlDocument(this.#file, this.#text).locator);
  }

  #quick(): BlockOffsets | null {
    if (this.#block === undefined) this.#block = blockOffsets(this.#text) ?? null;
    return this.#block;
  }

  #pos(offset: number): Position {
    const p = (this.#lines ??= new LineIndex(this.#text)).linePos(offset);
    return { line: p.line, column: p.col };
  }
}

export function lazyLocator(file: string, text: string): Locator {
  return new LazyLocator(file, text);
}

/** Whether a locator is lazyLocator's: it keeps only its text (a scanned manifest keeps such a locator as it is). */
export function isLazyLocator(locator: Locator): boolean {
  return locator instanceof LazyLocator;
}

/** The `yaml` package's locator for a text, never the line-by-line one (tests compare the two). */
export function documentLocator(file: string, text: string): Locator {
  return parseYamlDocument(file, text).locator;
}

/** Whether parseYamlSource may take the fast path (yaml-fast.ts); tests turn it off to compare both paths. */
let fastPath = true;

/** Turns the fast path on or off (for tests comparing it with the `yaml` path); returns the previous setting. */
export function useYamlFastPath(on: boolean): boolean {
  const was = fastPath;
  fastPath = on;
  return was;
}

/**
 * Parses YAML keeping positions. Never throws: syntax errors, duplicate keys and alias bombs
 * become `manifest-parse-error` diagnostics with the line and column of the offending node.
 *
 * A document the fast path reads (yaml-fast.ts: js-yaml, for the data only) gets a lazy locator:
 * the `yaml` package parses it again only when a finding first asks for a position. Anything the
 * fast path is not sure of, errors included, is read by the `yaml` package right away.
 */
export function parseYamlSource(file: string, text: string, module?: string): YamlSource {
  const fast = fastPath ? fastYamlValue(text) : undefined;
  if (fast) {
    // js-yaml's copy of the text, which its data's strings keep alive anyway (yaml-fast.ts sharedText): one copy kept, not two.
    return { value: fast.value, empty: false, diagnostics: [], locator: lazyLocator(file, fast.text) };
  }
  return parseYamlDocument(file, text, module);
}

/** parseYamlSource with the `yaml` package: the document, its positions and its errors. */
function parseYamlDocument(file: string, text: string, module?: string): YamlSource {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  let doc: Document.Parsed | undefined;
  const source = text;
  const failure = (message: string, offset: number | undefined): Diagnostic => {
    const p = offset === undefined ? { line: 1, col: 1 } : lines.linePos(offset);
    return { rule: 'manifest-parse-error', severity: 'error', message, module, file, line: p.line, column: p.col };
  };
  try {
    // logLevel 'error': the package's warnings (stringified collection keys) never reach stderr.
    doc = yamlLib().parseDocument(text, { uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  } catch (err) {
    const d = isStackOverflow(err) ? failure(TOO_DEEP, deepNestingOffset(text)) : failure(`YAML could not be parsed: ${(err as Error).message}`, undefined);
    diagnostics.push(d);
    return { value: undefined, empty: false, diagnostics, locator: makeLocator(undefined, lines) };
  }
  const locator = makeLocator(doc, lines);
  let tooDeep = false;
  for (const error of doc.errors) {
    if (error.code === 'RESOURCE_EXHAUSTION') {
      // Where the stack ran out depends on the thread: report where the nesting gets deep instead, once.
      if (!tooDeep) diagnostics.push(failure(TOO_DEEP, deepNestingOffset(text) ?? error.pos[0]));
      tooDeep = true;
      continue;
    }
    let offset = Math.min(error.pos[0], Math.max(0, text.trimEnd().length - 1));
    if (error.code === 'MISSING_CHAR' && /quote/i.test(error.message)) offset = unclosedQuoteStart(text) ?? offset;
    diagnostics.push(failure(describeYamlError(error.code, error.message), offset));
  }
  if (diagnostics.length > 0) return { value: undefined, empty: false, diagnostics, locator };
  if (doc.contents === null) return { value: null, empty: true, diagnostics, locator };
  // Only an explicit key (`? `) or a flow collection before a `:` can make a collection key: skip the walk otherwise.
  const collectionKey = /\?|[\]}][ \t]*:/.test(text) ? collectionKeyOffset(doc.contents) : undefined;
  if (collectionKey !== undefined) {
    diagnostics.push(failure("a mapping key that is a list or a map ('? [a]') cannot be read: keys must be plain text", collectionKey));
    return { value: undefined, empty: false, diagnostics, locator };
  }
  try {
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { value, empty: false, diagnostics, locator };
  } catch (err) {
    const message = (err as Error).message;
    const at = (node: unknown): Position => {
      const offset = (node as Node | null)?.range?.[0];
      if (offset === undefined) return ZERO;
      const p = lines.linePos(offset);
      return { line: p.line, column: p.col };
    };
    let text: string;
    let where: Position;
    const unresolved = /^Unresolved alias.*: (.+)$/.exec(message);
    if (isStackOverflow(err)) {
      const offset = deepNestingOffset(source);
      text = TOO_DEEP;
      where = offset === undefined ? ZERO : at({ range: [offset] });
    } else if (/Excessive alias count/.test(message)) {
      text = `YAML aliases expand too much (more than ${MAX_ALIAS_COUNT} expansions): refused as a possible alias bomb`;
      where = at(locateAliasBomb(doc, doc.contents));
    } else if (unresolved) {
      const name = unresolved[1];
      text = `alias '*${name}' refers to no anchor: define '&${name}' before it is used`;
      where = at(findNode(doc.contents, (n) => yamlLib().isAlias(n) && n.source === name));
    } else {
      text = `YAML could not be converted: ${message}`;
      where = ZERO;
    }
    diagnostics.push({ rule: 'manifest-parse-error', severity: 'error', message: text, module, file, line: where.line, column: where.column });
    return { value: undefined, empty: false, diagnostics, locator };
  }
}

function childrenOf(node: unknown): unknown[] {
  if (yamlLib().isMap(node)) return node.items.flatMap((p) => [p.key, p.value]);
  if (yamlLib().isSeq(node)) return node.items;
  return [];
}

/** The first node, in document order, that satisfies `test`. */
function findNode(root: unknown, test: (node: unknown) => boolean): unknown {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.shift();
    if (node === null || node === undefined) continue;
    if (test(node)) return node;
    stack.unshift(...childrenOf(node));
  }
  return root;
}

/**
 * The smallest node that is an alias bomb on its own: descend into the first child whose own
 * conversion still exceeds the alias limit. Only runs once a document has been refused.
 */
function locateAliasBomb(doc: Document.Parsed, root: unknown): unknown {
  const explodes = (node: unknown): boolean => {
    if (!yamlLib().isMap(node) && !yamlLib().isSeq(node) && !yamlLib().isAlias(node)) return false;
    try {
      (node as Node).toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
      return false;
    } catch (err) {
      return /Excessive alias count/.test((err as Error).message);
    }
  };
  let current = root;
  for (;;) {
    const culprit = childrenOf(current).find(explodes);
    if (culprit === undefined) return current;
    current = culprit;
  }
}

/**
 * Where a quoted scalar that never closes begins: the yaml package reports the end of the file.
 * A quote opens a scalar only where a value may start (line start, after `:`, `-`, `[`, `{`, `,`, `?`).
 */
export function unclosedQuoteStart(text: string): number | undefined {
  let open: { quote: string; offset: number } | undefined;
  let previous = '\n';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (open) {
      if (open.quote === '"' && c === '\\') {
        i++;
        continue;
      }
      if (c === open.quote) {
        if (open.quote === "'" && text[i + 1] === "'") {
          i++;
          continue;
        }
        open = undefined;
        previous = c;
      }
      continue;
    }
    if (c === '#' && (previous === '\n' || /\s/.test(text[i - 1] ?? '\n'))) {
      while (i < text.length && text[i] !== '\n') i++;
      previous = '\n';
      continue;
    }
    if ((c === '"' || c === "'") && (previous === '\n' || ':-[{,?'.includes(previous))) open = { quote: c, offset: i };
    if (c === '\n') previous = '\n';
    else if (c !== ' ' && c !== '\t') previous = c;
  }
  return open?.offset;
}

const TOO_DEEP = `YAML nested too deeply: lists and maps inside each other more than ${NESTING_REPORT_DEPTH} levels deep from here; the reader gives up. Flatten the structure`;

function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}

/** The yaml package's messages carry a code snippet; keep the first line and a plain-English lead. */
function describeYamlError(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'DUPLICATE_KEY':
      return `duplicate key: ${first}`;
    case 'MULTIPLE_DOCS':
      return 'the file holds more than one YAML document; a manifest is one document';
    default:
      return `YAML syntax error: ${first}`;
  }
}
