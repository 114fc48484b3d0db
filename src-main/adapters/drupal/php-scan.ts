/**
 * Just enough of PHP to read update hooks statically (never run): comments, strings and heredocs
 * blanked out (newlines kept, so offsets and lines stay true), then function declarations found in
 * what is left. A full parser is not needed: update hooks are top-level named functions.
 */
export function blankPhp(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to && i < out.length; i++) if (out[i] !== '\n') out[i] = ' ';
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop;
    } else if ((c === '/' && text[i + 1] === '/') || c === '#') {
      let end = text.indexOf('\n', i);
      if (end < 0) end = n;
      blank(i, end);
      i = end;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
    } else if (c === '<' && text.startsWith('<<<', i)) {
      const m = /^<<<\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?\n/.exec(text.slice(i, i + 80));
      if (!m) {
        i += 3;
        continue;
      }
      const close = new RegExp(`\\n\\s*${m[1]}\\b`).exec(text.slice(i + m[0].length));
      const stop = close ? i + m[0].length + close.index + close[0].length : n;
      blank(i + m[0].length, stop);
      i = stop;
    } else i++;
  }
  return out.join('');
}

export interface PhpFunction {
  name: string;
  /** Offset of the name. */
  offset: number;
  /** Offsets of the body's braces (blanked text), when it has one. */
  body?: { start: number; end: number };
  /** The first line of the doc comment right above it. */
  summary?: string;
}

export function phpFunctions(text: string): PhpFunction[] {
  const code = blankPhp(text);
  const out: PhpFunction[] = [];
  const re = /\bfunction\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/g;
  for (let m = re.exec(code); m !== null; m = re.exec(code)) {
    const fn: PhpFunction = { name: m[1], offset: m.index + m[0].indexOf(m[1]) };
    const open = code.indexOf('{', re.lastIndex);
    if (open >= 0) {
      let depth = 0;
      for (let j = open; j < code.length; j++) {
        if (code[j] === '{') depth++;
        else if (code[j] === '}' && --depth === 0) {
          fn.body = { start: open, end: j };
          break;
        }
      }
    }
    // The doc comment right above: the last `/** ... */` with only white space after it.
    const before = text.slice(Math.max(0, m.index - 4000), m.index);
    const close = before.lastIndexOf('*/');
    const docOpen = before.lastIndexOf('/**', close);
    if (close >= 0 && docOpen >= 0 && before.slice(close + 2).trim() === '') {
      const line = before.slice(docOpen + 3, close).split('\n').map((l) => l.replace(/^\s*\*\s?/, '').trim()).find((l) => l !== '');
      if (line) fn.summary = line;
    }
    out.push(fn);
  }
  return out;
}
