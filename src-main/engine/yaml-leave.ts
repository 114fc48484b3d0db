/**
 * Text the fast path (yaml-fast.ts) leaves to the `yaml` package, where the two readers were seen
 * to differ (the fuzz corpus of test/yaml-fast-path.test.ts found each): tabs, backslashes (escaped
 * line breaks fold differently), verbatim tags (`!<?>`), a lone CR, `%` directives, document markers
 * other than a first `---` line, empty sequence entries (js-yaml lets a less indented `-` continue
 * the list), block scalar indentation indicators and keep chomping (`|+`), explicit keys (`? `),
 * flow collections as keys (`[a]: b`), comments not preceded by a space, and non-empty flow
 * mappings (`{[a]}` makes a collection key).
 *
 * LEAVE says it as one regular expression; `leavesToYamlPackage` answers the same in one pass over
 * the characters, looking around only the few that can start a match (issue 16: the expression cost
 * about 4% of `mwb list`'s main thread on 5,000 modules, testing a dozen alternatives at each
 * character). test/yaml-leave.test.ts checks that both agree on every YAML file of the fixtures and
 * on a fixed-seed corpus built from the characters that matter.
 */
export const LEAVE = /[\t\\]|!<|\r(?!\n)|^%|^(?:---|\.\.\.)|(?:^|\s)- *(?:#.*)?\r?$|(?:^|[:-] ) *[|>](?:[-+]?[0-9]|\+)|(?:^|[\s[{,])\?(?!\S)|[\]}] *:|\S#|(?:^|[\s[{,:])\{(?! *\})/m;

/** A line terminator of JavaScript regular expressions (`^` and `$` under the m flag, not `.`). */
function isTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** JavaScript's `\s`: white space and line terminators. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** The index of the first character at or after `i` that is not a space (U+0020). */
function skipSpaces(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  return i;
}

/** `LEAVE.test(text)`, by one pass over the characters. */
export function leavesToYamlPackage(text: string): boolean {
  const n = text.length;
  let prev = -1; // the previous character's code; -1 at the start (where `^` matches)
  for (let i = 0; i < n; prev = text.charCodeAt(i), i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 9: // \t
      case 92: // \
        return true;
      case 13: // a CR not followed by LF
        if (text.charCodeAt(i + 1) !== 10) return true;
        break;
      case 33: // !<
        if (text.charCodeAt(i + 1) === 60) return true;
        break;
      case 37: // % at a line start
        if (prev === -1 || isTerminator(prev)) return true;
        break;
      case 46: // ... at a line start
        if ((prev === -1 || isTerminator(prev)) && text.startsWith('...', i)) return true;
        break;
      case 45: {
        // --- at a line start; a `-` after a line start or white space with nothing but spaces and a comment after it
        const lineStart = prev === -1 || isTerminator(prev);
        if (lineStart && text.startsWith('---', i)) return true;
        if (lineStart || isSpace(prev)) {
          const j = skipSpaces(text, i + 1);
          if (j === n || text.charCodeAt(j) === 35 || isTerminator(text.charCodeAt(j))) return true;
        }
        break;
      }
      case 124: // | and > with an indentation indicator or keep chomping, at a line start or after `: ` or `- ` and spaces
      case 62: {
        const next = text.charCodeAt(i + 1);
        if (!(isDigit(next) || next === 43 || (next === 45 && isDigit(text.charCodeAt(i + 2))))) break;
        let k = i - 1;
        while (k >= 0 && text.charCodeAt(k) === 32) k--;
        if (k < 0 || isTerminator(text.charCodeAt(k))) return true;
        const before = text.charCodeAt(k);
        if (k < i - 1 && (before === 58 || before === 45)) return true;
        break;
      }
      case 63: // ? after a line start, white space, [, { or , and before white space or the end
        if ((prev === -1 || isSpace(prev) || prev === 91 || prev === 123 || prev === 44) && (i + 1 === n || isSpace(text.charCodeAt(i + 1)))) return true;
        break;
      case 93: // ] or } then spaces and :
      case 125:
        if (text.charCodeAt(skipSpaces(text, i + 1)) === 58) return true;
        break;
      case 35: // # after a character that is not white space
        if (prev !== -1 && !isSpace(prev)) return true;
        break;
      case 123: // { after a line start, white space, [, {, , or : and not closed right away
        if ((prev === -1 || isSpace(prev) || prev === 91 || prev === 123 || prev === 44 || prev === 58) && text.charCodeAt(skipSpaces(text, i + 1)) !== 125) return true;
        break;
      default:
        break;
    }
  }
  return false;
}
