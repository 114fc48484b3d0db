import type { YamlPath } from './yaml-source';

/**
 * Positions in plain block YAML without the `yaml` package (issue 16). Most manifests are written
 * in the plainest block style: one `key: value` or `- item` per line, simple keys, one-line
 * scalars. For such a text the offset of every node can be read line by line, and this reader
 * answers `at` and `item` exactly as the `yaml` package's locator (yaml-source.ts makeLocator)
 * would, offsets only. Anything else makes it give up (undefined: "not sure") and the caller parses
 * with the `yaml` package: block scalars, multi-line scalars or flow collections, anchors, aliases,
 * tags, quoted or typed keys, escapes, tabs, empty entries, directives and document markers beyond
 * a first `---`. test/yaml-block-locator.test.ts compares both on every path of every YAML file of
 * the fixtures, generated manifests and a fuzz corpus.
 */

type BNode =
  | { kind: 'scalar'; offset: number; value: string; maybeTyped: boolean; style: string }
  | { kind: 'map'; offset: number; pairs: { key: string; keyOffset: number; value: BNode }[] }
  | { kind: 'seq'; offset: number; items: BNode[] }
  /** A one-line flow collection: its start is known, its inside is left to the `yaml` package. */
  | { kind: 'flow'; offset: number; text: string }
  /** An empty value (`key:` and nothing under it): the `yaml` package decides where it sits. */
  | { kind: 'empty' };

type Inline = { kind: 'pair'; key: string; keyOffset: number; value: BNode | null } | { kind: 'value'; node: BNode };
type Line = { indent: number; item: boolean; dashOffset: number; inline: Inline };

class NotSure extends Error {}
const fail = (): never => {
  throw new NotSure();
};

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_./-]*(?=:(?: |$))/;
const TYPED_KEY = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)$/;
/** Plain scalars the core schema may read as something else than text (broader than the schema: only "maybe"). */
const MAYBE_TYPED = /^[-+.0-9~]|^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INDICATOR = /^[-?:,\]}#&*!|>%@`]/;

/** What follows a scalar on its line: nothing, or a comment after a space. */
function restIsEmpty(s: string): boolean {
  return /^ *(?:#.*)?$/.test(s) && !/^#/.test(s);
}

/** A value written on one line at `offset` (`s` is the line from there). */
function inlineValue(s: string, offset: number): BNode {
  const c = s[0];
  if (c === '"' || c === "'") {
    let i = 1;
    for (;;) {
      const j = s.indexOf(c, i);
      if (j < 0) fail();
      if (c === "'" && s[j + 1] === "'") {
        i = j + 2;
        continue;
      }
      const inner = s.slice(1, j);
      if (c === '"' && inner.includes('\\')) fail();
      const after = s.slice(j + 1);
      if (after !== '' && (!restIsEmpty(after) || !after.startsWith(' '))) fail();
      return { kind: 'scalar', offset, value: c === "'" ? inner.replace(/''/g, "'") : inner, maybeTyped: false, style: c };
    }
  }
  if (c === '[' || c === '{') {
    let depth = 0;
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch === '"' || ch === "'" || ch === '#') fail();
      if (ch === '[' || ch === '{') depth++;
      else if (ch === ']' || ch === '}') {
        depth--;
        if (depth === 0) {
          const after = s.slice(i + 1);
          if (after !== '' && (!restIsEmpty(after) || !after.startsWith(' '))) fail();
          return { kind: 'flow', offset, text: s.slice(0, i + 1) };
        }
      }
    }
    return fail();
  }
  if (INDICATOR.test(s)) fail();
  const hash = s.indexOf(' #');
  const text = (hash >= 0 ? s.slice(0, hash) : s).replace(/ +$/, '');
  if (text === '' || text.includes(': ') || text.endsWith(':')) fail();
  return { kind: 'scalar', offset, value: text, maybeTyped: MAYBE_TYPED.test(text), style: '' };
}

/** A `key: value`, `key:` or a value, starting at `offset` (`s` is the line from there). */
function inlineContent(s: string, offset: number): Inline {
  const key = SIMPLE_KEY.exec(s)?.[0];
  if (key === undefined) return { kind: 'value', node: inlineValue(s, offset) };
  if (TYPED_KEY.test(key)) fail();
  const after = s.slice(key.length + 1);
  const spaces = after.length - after.trimStart().length;
  const rest = after.slice(spaces);
  if (rest === '' || rest.startsWith('#')) return { kind: 'pair', key, keyOffset: offset, value: null };
  return { kind: 'pair', key, keyOffset: offset, value: inlineValue(rest, offset + key.length + 1 + spaces) };
}

function readLines(text: string): Line[] {
  if (/[\t\\\uFEFF]|\r(?!\n)/.test(text)) fail();
  const out: Line[] = [];
  let start = 0;
  let first = true;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end).replace(/\r$/, '');
    const indent = line.length - line.trimStart().length;
    const rest = line.slice(indent);
    const isFirst = first;
    first = false;
    if (rest !== '' && !rest.startsWith('#')) {
      if (isFirst && line === '---') {
        // A document start marker alone on the first line.
      } else if (/^(?:---|\.\.\.)(?: |$)/.test(line) || (indent === 0 && rest.startsWith('%'))) {
        fail();
      } else if (rest[0] === '-' && (rest.length === 1 || rest[1] === ' ')) {
        const after = rest.slice(1);
        const spaces = after.length - after.trimStart().length;
        const content = after.slice(spaces);
        if (content === '' || content.startsWith('#')) fail();
        const col = indent + 1 + spaces;
        out.push({ indent, item: true, dashOffset: start + indent, inline: inlineContent(content, start + col) });
      } else {
        out.push({ indent, item: false, dashOffset: -1, inline: inlineContent(rest, start + indent) });
      }
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
}

/** Builds the tree of block collections by indentation; gives up on anything unexpected. */
class TreeReader {
  private i = 0;
  constructor(private readonly lines: Line[]) {}

  root(): BNode {
    const l = this.lines[0];
    if (!l || l.indent !== 0) return fail();
    let node: BNode;
    if (!l.item && l.inline.kind === 'value') {
      node = l.inline.node;
      this.i = 1;
    } else {
      node = this.collection(0);
    }
    if (this.i !== this.lines.length) fail();
    return node;
  }

  private collection(indent: number): BNode {
    const l = this.lines[this.i];
    if (l.item) return this.seq(indent);
    if (l.inline.kind !== 'pair') return fail();
    return this.map(indent, l.inline.keyOffset);
  }

  private seq(indent: number): BNode {
    const items: BNode[] = [];
    const offset = this.lines[this.i].dashOffset;
    for (let l = this.lines[this.i]; l && l.indent === indent && l.item; l = this.lines[this.i]) {
      if (l.inline.kind === 'value') {
        items.push(l.inline.node);
        this.i++;
        this.noDeeper(indent);
      } else {
        // `- key: value` starts a map whose keys sit at the column of the first one.
        const col = l.inline.keyOffset - (l.dashOffset - l.indent);
        items.push(this.map(col, l.inline.keyOffset, l.inline));
      }
    }
    const next = this.lines[this.i];
    if (next && next.indent > indent) fail();
    return { kind: 'seq', offset, items };
  }

  private map(indent: number, offset: number, firstInline?: Inline): BNode {
    const pairs: { key: string; keyOffset: number; value: BNode }[] = [];
    let inline = firstInline;
    for (;;) {
      if (!inline) {
        const l = this.lines[this.i];
        if (!l || l.indent < indent) break;
        if (l.indent > indent || l.item || l.inline.kind !== 'pair') return fail();
        inline = l.inline;
      }
      if (inline.kind !== 'pair') return fail();
      this.i++;
      let value: BNode;
      if (inline.value) {
        value = inline.value;
        this.noDeeper(indent);
      } else {
        const next = this.lines[this.i];
        if (next && next.indent > indent) value = this.collection(next.indent);
        else if (next && next.indent === indent && next.item) value = this.seq(indent);
        else value = { kind: 'empty' };
      }
      pairs.push({ key: inline.key, keyOffset: inline.keyOffset, value });
      inline = undefined;
    }
    return { kind: 'map', offset, pairs };
  }

  private noDeeper(indent: number): void {
    const next = this.lines[this.i];
    if (next && next.indent > indent) fail();
  }
}

export interface BlockOffsets {
  /** The offset `Locator.at` gives, or undefined when not sure. */
  at(path: YamlPath, part?: 'key' | 'value'): number | undefined;
  /** The offset `Locator.item` gives, or undefined when not sure. */
  item(path: YamlPath, value: unknown): number | undefined;
  /**
   * The document without its layout: every key, scalar as written (quotes included) and one-line
   * flow collection, in order. Two texts with the same shape hold the same data in the same nodes;
   * undefined when a value is empty (where the `yaml` package places it is not known here).
   * `masked`: paths whose one-line scalar value is left out (its key and place are kept): a
   * top-level key (`description`), or keys and `*` (any list item) joined by spaces
   * (`permissions * description`, `capabilities provides *`); no simple key holds a space or a `*`.
   */
  shape(masked?: ReadonlySet<string>): string | undefined;
  /** Every node that starts at an offset, as the paths and parts that locate it. */
  nodesAt(offset: number): readonly { path: YamlPath; part: 'key' | 'value' }[];
}

function shapeOf(node: BNode, masked?: ReadonlySet<string>, at = ''): string | undefined {
  if (at !== '' && node.kind === 'scalar' && masked?.has(at)) return '?';
  switch (node.kind) {
    case 'scalar':
      return `${node.style}${JSON.stringify(node.value)}`;
    case 'flow':
      return `~${JSON.stringify(node.text)}`;
    case 'empty':
      return undefined;
    case 'seq': {
      const inner = masked ? (at === '' ? '*' : `${at} *`) : '';
      const items = node.items.map((it) => shapeOf(it, masked, inner));
      return items.includes(undefined) ? undefined : `[${items.join(',')}]`;
    }
    case 'map': {
      const pairs = node.pairs.map((p) => {
        const v = shapeOf(p.value, masked, masked ? (at === '' ? p.key : `${at} ${p.key}`) : '');
        return v === undefined ? undefined : `${JSON.stringify(p.key)}:${v}`;
      });
      return pairs.includes(undefined) ? undefined : `{${pairs.join(',')}}`;
    }
  }
}

function indexNodes(root: BNode): Map<number, { path: YamlPath; part: 'key' | 'value' }[]> {
  const out = new Map<number, { path: YamlPath; part: 'key' | 'value' }[]>();
  const add = (offset: number, path: YamlPath, part: 'key' | 'value') => {
    const list = out.get(offset);
    if (list) list.push({ path, part });
    else out.set(offset, [{ path, part }]);
  };
  const visit = (node: BNode, path: (string | number)[]) => {
    if (node.kind === 'empty') return;
    add(node.offset, path, 'value');
    if (node.kind === 'map') {
      for (const p of node.pairs) {
        add(p.keyOffset, [...path, p.key], 'key');
        visit(p.value, [...path, p.key]);
      }
    } else if (node.kind === 'seq') {
      node.items.forEach((it, i) => visit(it, [...path, i]));
    }
  };
  visit(root, []);
  return out;
}

type Walked = { node: BNode; offset: number } | undefined;

function walk(root: BNode, path: YamlPath, part: 'key' | 'value'): Walked {
  if (root.kind === 'empty') return undefined;
  let node: BNode = root;
  let offset = root.offset;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (node.kind === 'flow') return undefined;
    if (node.kind === 'map') {
      const pair: { key: string; keyOffset: number; value: BNode } | undefined = node.pairs.find((p) => p.key === seg);
      if (!pair) break;
      if (last && part === 'key') return { node, offset: pair.keyOffset };
      node = pair.value;
      if (node.kind === 'empty') return undefined;
      offset = node.offset;
    } else if (node.kind === 'seq' && typeof seg === 'number') {
      const item: BNode | undefined = node.items[seg];
      if (item === undefined) break;
      node = item;
      if (node.kind === 'empty') return undefined;
      offset = node.offset;
    } else {
      break;
    }
  }
  return { node, offset };
}

/** Offsets of a plain block YAML text, or undefined when the text is not plain enough to be sure. */
export function blockOffsets(text: string): BlockOffsets | undefined {
  let root: BNode;
  try {
    const lines = readLines(text);
    if (lines.length === 0) return undefined;
    root = new TreeReader(lines).root();
  } catch (err) {
    if (err instanceof NotSure || err instanceof RangeError) return undefined;
    throw err;
  }
  let index: Map<number, { path: YamlPath; part: 'key' | 'value' }[]> | undefined;
  return {
    shape: (masked) => shapeOf(root, masked),
    nodesAt: (offset) => (index ??= indexNodes(root)).get(offset) ?? [],
    at: (path, part = 'value') => walk(root, path, part)?.offset,
    item(path, value) {
      const w = walk(root, path, 'value');
      if (!w) return undefined;
      if (w.node.kind === 'flow') return undefined;
      if (w.node.kind !== 'seq') return w.offset;
      for (const it of w.node.items) {
        if (it.kind === 'flow') continue;
        if (it.kind !== 'scalar') continue;
        if (it.maybeTyped) {
          if (it.value === value) return undefined;
          continue;
        }
        if (it.value === value) return it.offset;
      }
      return typeof value === 'string' ? w.offset : undefined;
    },
  };
}
