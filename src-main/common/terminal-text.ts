/**
 * Text from a checkout or from git on its way to a terminal, made inert, as git's core.quotePath
 * does for paths: control characters (C0, DEL, C1: ESC starts colour, cursor, clear-screen, title
 * and OSC 8 hyperlink sequences; BEL rings) and the invisible bidi and format characters that can
 * reorder or hide what is shown (Trojan Source) are written as escapes (`\x1b`, `\u202e`). Only
 * the CLI's own colour sequences, added after this, reach the terminal.
 */

// Built from a string so the source holds no raw control characters.
const UNSAFE = new RegExp('[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff\\ufff9-\\ufffb]', 'g');
const UNSAFE_BUT_NEWLINE = new RegExp('[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff\\ufff9-\\ufffb]', 'g');

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One field of text (a name, a message, a path, a commit subject) for a terminal: every unsafe
 * character escaped, newlines and tabs too, so a field stays on its line. With `keepNewlines`,
 * for whole messages whose line breaks are the tool's own (stderr).
 */
export function escapeTerminalText(text: string, keepNewlines = false): string {
  const pattern = keepNewlines ? UNSAFE_BUT_NEWLINE : UNSAFE;
  pattern.lastIndex = 0;
  return pattern.test(text) ? text.replace(pattern, escapeChar) : text;
}

/**
 * A report (plain JSON data: objects, arrays, strings, numbers) with every string escaped, so a
 * text formatter can print any field of it. Other values (class instances) are kept as they are.
 */
export function escapeTerminalData<T>(value: T): T {
  if (typeof value === 'string') return escapeTerminalText(value) as T;
  if (Array.isArray(value)) return value.map((v) => escapeTerminalData(v)) as T;
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = escapeTerminalData(v);
    return out as T;
  }
  return value;
}
