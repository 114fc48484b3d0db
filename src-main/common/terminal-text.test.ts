import { describe, expect, it } from 'vitest';
import { escapeTerminalData, escapeTerminalText } from './terminal-text';

describe('escapeTerminalText', () => {
  it('writes control, C1 and bidi characters as escapes, like core.quotePath', () => {
    expect(escapeTerminalText('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
    expect(escapeTerminalText('\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007')).toBe('\\x1b]8;;https://evil.example\\x07link\\x1b]8;;\\x07');
    expect(escapeTerminalText('\u009b31m\u007f')).toBe('\\x9b31m\\x7f');
    expect(escapeTerminalText('abc\u202edef\u2066\u200b\ufeff')).toBe('abc\\u202edef\\u2066\\u200b\\ufeff');
    expect(escapeTerminalText('one\ntwo\tthree\r')).toBe('one\\ntwo\\tthree\\r');
    expect(escapeTerminalText('one\ntwo\u001b', true)).toBe('one\ntwo\\x1b');
  });

  it('leaves ordinary text, Unicode and backslashes alone, and is idempotent', () => {
    for (const s of ['billing.invoice.read', 'café ↳ ✔ 日本語 🚀', 'C:\\path', '']) expect(escapeTerminalText(s)).toBe(s);
    const once = escapeTerminalText('x\u001b\u202ey');
    expect(escapeTerminalText(once)).toBe(once);
  });
});

describe('escapeTerminalData', () => {
  it('escapes every string of plain data, keys kept, numbers and booleans untouched', () => {
    const data = { name: 'a\u001bb', n: 3, ok: true, none: null, list: [{ m: '\u0007' }, 'x\u202e'], nested: { deep: ['\u009b'] } };
    expect(escapeTerminalData(data)).toEqual({ name: 'a\\x1bb', n: 3, ok: true, none: null, list: [{ m: '\\x07' }, 'x\\u202e'], nested: { deep: ['\\x9b'] } });
    expect(data.name).toBe('a\u001bb');
  });
});
