/**
 * Python string literal text to its value: prefixes (r, b, u, f and their mixes), single, double and
 * triple quotes, and the escape sequences of the language reference. An f-string reaches here only
 * when it has no replacement fields.
 */

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

export function decodeStringLiteral(text: string): string {
  let i = 0;
  while (i < text.length && /[rRbBuUfF]/.test(text[i])) i++;
  const prefix = text.slice(0, i).toLowerCase();
  const raw = prefix.includes('r');
  const quote = text.startsWith('"""', i) || text.startsWith("'''", i) ? text.slice(i, i + 3) : text[i];
  const body = text.slice(i + quote.length, text.length - quote.length);
  const unescaped = raw ? body : unescape(body, prefix.includes('b'));
  return prefix.includes('f') ? unescaped.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : unescaped;
}

function unescape(body: string, bytes: boolean): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[++i];
    if (n === '\n') continue;
    if (n === '\r') {
      if (body[i + 1] === '\n') i++;
      continue;
    }
    if (n in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[n];
    } else if (/[0-7]/.test(n)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      out += String.fromCodePoint(parseInt(m, 8));
      i += m.length - 1;
    } else if (n === 'x' || (!bytes && (n === 'u' || n === 'U'))) {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (hex.length === len && /^[0-9a-fA-F]+$/.test(hex) && parseInt(hex, 16) <= 0x10ffff) {
        out += String.fromCodePoint(parseInt(hex, 16));
        i += len;
      } else {
        out += '\\' + n;
      }
    } else if (!bytes && n === 'N' && body[i + 1] === '{') {
      const end = body.indexOf('}', i);
      // Unicode names need a name table; keep the escape as written rather than guess.
      out += body.slice(i - 1, end < 0 ? body.length : end + 1);
      i = end < 0 ? body.length : end;
    } else {
      out += '\\' + n;
    }
  }
  return out;
}
