/**
 * A reader for the plain block YAML that manifests are written in, giving exactly what js-yaml
 * gives with the fast path's schema (yaml-fast.ts), about 2.5 times faster (issue 16: on the 5,000
 * generated manifests ~100 ms against js-yaml's 230 to 400 ms; ~180 against ~510 ms cold). It takes only what it is sure of and
 * answers undefined for anything else, which js-yaml then reads as before:
 *
 * - block mappings and sequences indented with spaces (a sequence may sit at its key's indentation,
 *   and a `- key: value` entry starts a mapping), comments on lines of their own or after a value;
 * - keys that are plain scalars on one line (resolved and turned into text as js-yaml does: `1.0:`
 *   is the key '1') or quoted ones without escapes, neither null, 'null' nor `__proto__`, nor
 *   repeated (js-yaml refuses that);
 * - values on the key's line: plain scalars (resolved by the core schema; a `-` starts one only
 *   before a digit or a dot), quoted scalars without escapes or doubled quotes, flow sequences of
 *   such scalars on one line, and `{}` / `[]`.
 *
 * Anything else, among which multi-line scalars, block scalars (`|`, `>`), flow mappings, anchors,
 * aliases, tags, directives, document markers but a first `---` line, explicit keys, CR, control,
 * surrogate and line-separator characters, a BOM and a top level that is not a mapping or a
 * sequence at column 1, is not read here. test/yaml-subset.test.ts compares this reader with
 * js-yaml on every fixture's YAML and on fixed-seed corpora; test/yaml-fast-path.test.ts compares
 * the whole fast path with the `yaml` package.
 */
import { corePlainScalar } from './yaml-core';

/** Thrown inside the reader for any text it leaves to js-yaml. */
const NOT_HERE: unique symbol = Symbol('not in the block subset');

function notHere(): never {
  throw NOT_HERE;
}

const SPACE = 32;
const LF = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DQUOTE = 34;
const SQUOTE = 39;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const COMMA = 44;
const BACKSLASH = 92;

/** Characters a plain scalar may not start with here: YAML's indicators (some could start one, but not in what this reads). */
function isIndicator(c: number): boolean {
  switch (c) {
    case DASH:
    case 63: // ?
    case COLON:
    case COMMA:
    case LBRACKET:
    case RBRACKET:
    case LBRACE:
    case RBRACE:
    case HASH:
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case SQUOTE:
    case DQUOTE:
    case 37: // %
    case 64: // @
    case 96: // `
    case SPACE:
      return true;
    default:
      return false;
  }
}

/** Whether a plain scalar may start at `at`: not at an indicator, but a `-` before a digit or a dot (`-1`, `-.5`). */
function plainStart(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const c = text.charCodeAt(at);
  if (c === LF) return false;
  if (c !== DASH) return !isIndicator(c);
  const d = text.charCodeAt(at + 1);
  return (d >= 48 && d <= 57) || d === 46;
}

/**
 * Whether every character is one this reader takes: printable ASCII, LF, and above U+00A0 all but
 * surrogates, line and paragraph separators, the BOM and U+FFFE/U+FFFF (js-yaml refuses some, and
 * YAML breaks lines at others).
 */
function plainCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= SPACE && c < 0x7f) continue;
    if (c === LF) continue;
    if (c < 0xa0) return false;
    if ((c >= 0xd800 && c <= 0xdfff) || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) return false;
  }
  return true;
}

class Reader {
  /** Start of the current content line (its first character), or the text's length at the end. */
  line = 0;
  /** Its indentation (spaces). */
  indent = 0;

  constructor(private readonly text: string) {}

  /** Moves to the first line at or after `from` (a line start) that holds more than spaces and a comment. */
  seek(from: number): void {
    const { text } = this;
    const n = text.length;
    let p = from;
    while (p < n) {
      let i = p;
      while (i < n && text.charCodeAt(i) === SPACE) i++;
      const c = i < n ? text.charCodeAt(i) : LF;
      if (c !== LF && c !== HASH) {
        this.line = p;
        this.indent = i - p;
        return;
      }
      const eol = text.indexOf('\n', i);
      p = eol === -1 ? n : eol + 1;
    }
    this.line = n;
    this.indent = -1;
  }

  get done(): boolean {
    return this.line >= this.text.length;
  }

  /** Whether the current line is a sequence entry (`- `) at its indentation. */
  entry(): boolean {
    const at = this.line + this.indent;
    return this.text.charCodeAt(at) === DASH && this.text.charCodeAt(at + 1) === SPACE;
  }

  /** The node whose first line is the current one, at its indentation. */
  block(indent: number): unknown {
    return this.entry() ? this.sequence(indent) : this.mapping(indent, this.line + indent);
  }

  sequence(indent: number): unknown[] {
    const { text } = this;
    const out: unknown[] = [];
    while (!this.done && this.indent === indent && this.entry()) {
      let at = this.line + indent + 2;
      while (text.charCodeAt(at) === SPACE) at++;
      // An entry with nothing after its `- ` (js-yaml and `yaml` read it differently).
      if (at >= text.length || text.charCodeAt(at) === LF) notHere();
      if (this.keyEnd(at) !== -1) out.push(this.mapping(at - this.line, at));
      else out.push(this.inline(at, indent));
    }
    if (!this.done && this.indent > indent) notHere();
    return out;
  }

  /**
   * The end of a plain key starting at `at` (its `:`, followed by a space or the line's end), or -1
   * when the line from `at` is not `key:` (a value, then).
   */
  keyEnd(at: number): number {
    const { text } = this;
    const c = text.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.quoted(at);
      return text.charCodeAt(close + 1) === COLON && (close + 2 >= text.length || text.charCodeAt(close + 2) === SPACE || text.charCodeAt(close + 2) === LF) ? close + 1 : -1;
    }
    if (isIndicator(c) || at >= text.length || c === LF) return -1;
    for (let i = at + 1; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === LF) return -1;
      if (d === COLON) {
        // A `:` inside a key (`a:b: c`) is left to js-yaml.
        const next = i + 1 < text.length ? text.charCodeAt(i + 1) : LF;
        return next === SPACE || next === LF ? i : -1;
      } else if (d === HASH && text.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  /** A mapping at `indent` whose first key starts at `at` (the current line's, or after its `- `). */
  mapping(indent: number, at: number): Record<string, unknown> {
    const { text } = this;
    const out: Record<string, unknown> = {};
    let key = at;
    for (;;) {
      const colon = this.keyEnd(key);
      if (colon === -1) notHere();
      const before = text.charCodeAt(colon - 1);
      if (before === SPACE) notHere();
      const q = text.charCodeAt(key);
      // A plain key is a node like any other for js-yaml (`1.0` is the number 1), then turned into
      // text; a quoted one is text. A null key, or 'null', is left (the fast path leaves both).
      const resolved = q === DQUOTE || q === SQUOTE ? text.slice(key + 1, colon - 1) : corePlainScalar(text.slice(key, colon));
      if (resolved === null) notHere();
      const name = String(resolved);
      if (name === 'null' || name === '__proto__' || Object.prototype.hasOwnProperty.call(out, name)) notHere();
      let v = colon + 1;
      while (text.charCodeAt(v) === SPACE) v++;
      const c = v < text.length ? text.charCodeAt(v) : LF;
      let value: unknown;
      if (c === LF || c === HASH) {
        // The value is on the lines below: more indented, or a sequence at the key's indentation.
        this.seek(this.nextLine(v));
        if (this.done || this.indent < indent) value = null;
        else if (this.indent > indent) value = this.block(this.indent);
        else value = this.entry() ? this.sequence(indent) : null;
      } else value = this.inline(v, indent);
      out[name] = value;
      if (this.done || this.indent < indent) return out;
      if (this.indent > indent || this.entry()) notHere();
      key = this.line + indent;
    }
  }

  /** The start of the line after the one holding `at`. */
  nextLine(at: number): number {
    const eol = this.text.indexOf('\n', at);
    return eol === -1 ? this.text.length : eol + 1;
  }

  /**
   * A value written on its key's (or entry's) line, from `at` to the line's end; then moves to the
   * next content line, which may not be more indented than `indent` (it would continue a plain scalar).
   */
  inline(at: number, indent: number): unknown {
    const { text } = this;
    const c = text.charCodeAt(at);
    let value: unknown;
    let end: number;
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.quoted(at);
      value = text.slice(at + 1, close);
      end = close + 1;
    } else if (c === LBRACKET) {
      const list: unknown[] = [];
      end = this.flowSequence(at, list);
      value = list;
    } else if (c === LBRACE) {
      let i = at + 1;
      while (text.charCodeAt(i) === SPACE) i++;
      if (text.charCodeAt(i) !== RBRACE) notHere();
      value = {};
      end = i + 1;
    } else {
      if (!plainStart(text, at)) notHere();
      const after = this.nextLine(at);
      const eol = text.charCodeAt(after - 1) === LF ? after - 1 : after;
      let stop = eol;
      for (let i = at + 1; i < eol; i++) {
        const d = text.charCodeAt(i);
        if (d === COLON) {
          if (i + 1 === eol || text.charCodeAt(i + 1) === SPACE) notHere();
        } else if (d === HASH && text.charCodeAt(i - 1) === SPACE) {
          stop = i;
          break;
        }
      }
      while (text.charCodeAt(stop - 1) === SPACE) stop--;
      value = corePlainScalar(text.slice(at, stop));
      end = eol;
    }
    this.rest(end);
    this.seek(this.nextLine(end));
    if (!this.done && this.indent > indent) notHere();
    return value;
  }

  /** The closing quote of a one-line quoted scalar without escapes or doubled quotes starting at `at`. */
  quoted(at: number): number {
    const { text } = this;
    const q = text.charCodeAt(at);
    for (let i = at + 1; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === LF || (d === BACKSLASH && q === DQUOTE)) notHere();
      if (d === q) {
        if (q === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) notHere();
        return i;
      }
    }
    return notHere();
  }

  /** What may follow a value on its line: spaces, then a comment or nothing. */
  rest(at: number): void {
    const { text } = this;
    let i = at;
    while (text.charCodeAt(i) === SPACE) i++;
    if (i >= text.length) return;
    const c = text.charCodeAt(i);
    if (c === LF) return;
    if (c === HASH && i > at) return;
    notHere();
  }

  /** A one-line flow sequence of scalars starting at `at` (`[`); returns the index after its `]`. */
  flowSequence(at: number, out: unknown[]): number {
    const { text } = this;
    let i = at + 1;
    for (;;) {
      while (text.charCodeAt(i) === SPACE) i++;
      const c = text.charCodeAt(i);
      if (c === RBRACKET && out.length === 0) return i + 1;
      if (c === DQUOTE || c === SQUOTE) {
        const close = this.quoted(i);
        out.push(text.slice(i + 1, close));
        i = close + 1;
        while (text.charCodeAt(i) === SPACE) i++;
      } else {
        if (!plainStart(text, i) || i >= text.length || c === LF) notHere();
        const start = i;
        for (;;) {
          const d = text.charCodeAt(i);
          if (d === COMMA || d === RBRACKET) break;
          if (i >= text.length || d === LF || d === COLON || d === HASH || d === LBRACKET || d === LBRACE || d === RBRACE || d === DQUOTE || d === SQUOTE) notHere();
          i++;
        }
        let stop = i;
        while (text.charCodeAt(stop - 1) === SPACE) stop--;
        out.push(corePlainScalar(text.slice(start, stop)));
      }
      const d = text.charCodeAt(i);
      if (d === RBRACKET) return i + 1;
      if (d !== COMMA) notHere();
      i++;
    }
  }
}

/**
 * The data of a document in the block subset, as js-yaml reads it with the fast path's schema;
 * undefined for any other text (and for a document without data).
 */
export function blockSubsetValue(text: string): unknown {
  if (!plainCharacters(text)) return undefined;
  const start = text.startsWith('---\n') ? 4 : 0;
  // Document markers but the first line's.
  if (text.startsWith('---', start) || text.startsWith('...', start) || text.includes('\n---', start) || text.includes('\n...', start)) return undefined;
  const reader = new Reader(text);
  try {
    reader.seek(start);
    if (reader.done || reader.indent !== 0) return undefined;
    const value = reader.block(0);
    return reader.done ? value : undefined;
  } catch (err) {
    if (err === NOT_HERE) return undefined;
    throw err;
  }
}
