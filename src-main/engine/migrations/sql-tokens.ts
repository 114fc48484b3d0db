/**
 * A small SQL tokenizer (SQLite dialect, tolerant of the common Postgres/MySQL forms): words,
 * quoted identifiers ("x", `x`, [x]), string literals ('it''s', PostgreSQL's $$..$$ and $tag$..$tag$), numbers, parameters and
 * punctuation, each with its 1-based line and column. Comments are skipped. Never throws: an
 * unterminated quote or comment runs to the end of the text and is flagged.
 */
export type TokenKind = 'word' | 'ident' | 'string' | 'number' | 'param' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Words: upper-cased. Quoted identifiers: the name without quotes. Strings: the content. */
  value: string;
  /** Offsets into the text: [start, end). */
  start: number;
  end: number;
  line: number;
  column: number;
  /** A string, quoted identifier or comment that never closed. */
  unterminated?: boolean;
}

const enum C {
  TAB = 9,
  LF = 10,
  CR = 13,
  SPACE = 32,
  DQUOTE = 34,
  DOLLAR = 36,
  SQUOTE = 39,
  STAR = 42,
  MINUS = 45,
  DOT = 46,
  SLASH = 47,
  COLON = 58,
  QUESTION = 63,
  AT = 64,
  LBRACKET = 91,
  RBRACKET = 93,
  BACKTICK = 96,
}

function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || (c >= 48 && c <= 57) || c === C.DOLLAR;
}

/** A dollar-quote opening: `$$` or `$tag$` (a tag never starts with a digit: `$1` is a parameter). */
const DOLLAR_TAG = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A comment: `--` to the end of its line, or a block comment; offsets into the text, [start, end). */
export interface SqlComment {
  start: number;
  end: number;
  block: boolean;
}

export interface Tokenized {
  tokens: Token[];
  /** Every comment, in text order (the tokens skip them). */
  comments: SqlComment[];
  /** Line starts (offsets), for turning offsets into positions. */
  lineStarts: number[];
  /** The first unterminated quote or comment, if any. */
  unterminated?: { what: string; line: number; column: number };
}

/** Tokenizes `text`; positions are 1-based lines and columns of `text`. */
export function tokenizeSql(text: string): Tokenized {
  const tokens: Token[] = [];
  const comments: SqlComment[] = [];
  const lineStarts = [0];
  let unterminated: Tokenized['unterminated'];
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;

  /** Advances over [from, to) counting newlines. */
  const skipTo = (to: number, from: number) => {
    for (let k = from; k < to; k++) {
      if (text.charCodeAt(k) === C.LF) {
        line++;
        lineStart = k + 1;
        lineStarts.push(lineStart);
      }
    }
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === C.LF) {
      line++;
      i++;
      lineStart = i;
      lineStarts.push(lineStart);
      continue;
    }
    if (c === C.SPACE || c === C.TAB || c === C.CR || c === 12 || c === 11) {
      i++;
      continue;
    }
    const startLine = line;
    const startColumn = i - lineStart + 1;
    // -- comment
    if (c === C.MINUS && text.charCodeAt(i + 1) === C.MINUS) {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      comments.push({ start: i, end: j, block: false });
      i = j;
      continue;
    }
    // /* comment */
    if (c === C.SLASH && text.charCodeAt(i + 1) === C.STAR) {
      const j = text.indexOf('*/', i + 2);
      const end = j < 0 ? n : j + 2;
      if (j < 0 && !unterminated) unterminated = { what: 'a /* comment', line: startLine, column: startColumn };
      comments.push({ start: i, end, block: true });
      skipTo(end, i);
      i = end;
      continue;
    }
    // 'string', "ident", `ident`
    if (c === C.SQUOTE || c === C.DQUOTE || c === C.BACKTICK) {
      let j = i + 1;
      let value = '';
      let closed = false;
      let segStart = j;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === c) {
          if (text.charCodeAt(j + 1) === c) {
            value += text.slice(segStart, j + 1);
            j += 2;
            segStart = j;
            continue;
          }
          value += text.slice(segStart, j);
          closed = true;
          j++;
          break;
        }
        j++;
      }
      if (!closed) {
        value += text.slice(segStart, n);
        if (!unterminated) unterminated = { what: c === C.SQUOTE ? 'a quoted string' : 'a quoted identifier', line: startLine, column: startColumn };
      }
      const tok: Token = { kind: c === C.SQUOTE ? 'string' : 'ident', value, start: i, end: j, line: startLine, column: startColumn };
      if (!closed) tok.unterminated = true;
      tokens.push(tok);
      skipTo(j, i);
      i = j;
      continue;
    }
    // [ident] (SQLite / SQL Server)
    if (c === C.LBRACKET) {
      let j = text.indexOf(']', i + 1);
      const closed = j >= 0;
      if (!closed) j = n;
      const tok: Token = { kind: 'ident', value: text.slice(i + 1, j), start: i, end: closed ? j + 1 : n, line: startLine, column: startColumn };
      if (!closed) {
        tok.unterminated = true;
        if (!unterminated) unterminated = { what: 'a [bracketed] identifier', line: startLine, column: startColumn };
      }
      tokens.push(tok);
      skipTo(tok.end, i);
      i = tok.end;
      continue;
    }
    if (isWordStart(c)) {
      // Upper-cased only when it has a lower-case or non-ASCII letter (keywords are mostly written in capitals).
      let lower = (c >= 97 && c <= 122) || c > 127;
      let j = i + 1;
      for (let d = text.charCodeAt(j); j < n && isWordPart(d); d = text.charCodeAt(++j)) if ((d >= 97 && d <= 122) || d > 127) lower = true;
      const word = text.slice(i, j);
      tokens.push({ kind: 'word', value: lower ? word.toUpperCase() : word, start: i, end: j, line: startLine, column: startColumn });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === C.DOT && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isDigit(d) || d === C.DOT || isWordStart(d)) j++;
        else if ((d === 43 || d === C.MINUS) && (text.charCodeAt(j - 1) | 32) === 101) j++; // 1e-5
        else break;
      }
      tokens.push({ kind: 'number', value: text.slice(i, j), start: i, end: j, line: startLine, column: startColumn });
      i = j;
      continue;
    }
    // $$ body $$ or $tag$ body $tag$: PostgreSQL's dollar quoting (function bodies, DO blocks).
    if (c === C.DOLLAR) {
      const tag = DOLLAR_TAG.exec(text.slice(i, i + 66));
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        const closed = close >= 0;
        const end = closed ? close + tag[0].length : n;
        const tok: Token = { kind: 'string', value: text.slice(i + tag[0].length, closed ? close : n), start: i, end, line: startLine, column: startColumn };
        if (!closed) {
          tok.unterminated = true;
          if (!unterminated) unterminated = { what: `a ${tag[0]}-quoted string`, line: startLine, column: startColumn };
        }
        tokens.push(tok);
        skipTo(end, i);
        i = end;
        continue;
      }
    }
    if (c === C.QUESTION || ((c === C.COLON || c === C.AT || c === C.DOLLAR) && isWordPart(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && isWordPart(text.charCodeAt(j))) j++;
      tokens.push({ kind: 'param', value: text.slice(i, j), start: i, end: j, line: startLine, column: startColumn });
      i = j;
      continue;
    }
    tokens.push({ kind: 'punct', value: text[i], start: i, end: i + 1, line: startLine, column: startColumn });
    i++;
  }
  return { tokens, comments, lineStarts, unterminated };
}

/** Whether token `t` is the (upper-case) keyword `word`. */
export function isWord(t: Token | undefined, word: string): boolean {
  return t !== undefined && t.kind === 'word' && t.value === word;
}

/** The name an identifier token stands for, lower-cased (SQLite compares names case-insensitively). */
export function nameOf(t: Token | undefined): string | null {
  if (!t) return null;
  if (t.kind === 'word' || t.kind === 'ident') return t.value.toLowerCase();
  return null;
}
