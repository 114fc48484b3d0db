import { describe, expect, it } from 'vitest';
import { isPostgresUrl, mapPosition, redactUrl, scrub } from './postgres-target';

describe('PostgreSQL connection strings', () => {
  it('tells a URL from a SQLite path', () => {
    expect(isPostgresUrl('postgres://u@h/db')).toBe(true);
    expect(isPostgresUrl('POSTGRESQL://u@h/db')).toBe(true);
    expect(isPostgresUrl('.workbench/postgres.sqlite')).toBe(false);
  });

  it('shows user, host, port and database, never the password or query parameters', () => {
    expect(redactUrl('postgres://deploy:p%40ss@db.internal:5433/shop?sslmode=require&password=x')).toBe('postgres://deploy@db.internal:5433/shop');
    expect(redactUrl('postgres://db.internal/shop')).toBe('postgres://db.internal/shop');
    expect(redactUrl('postgres://[broken')).not.toContain('broken');
  });

  it('scrubs the URL, the password (raw and decoded) and password-like parameters from messages', () => {
    const url = 'postgres://deploy:p%40ss@h:5432/shop?sslpassword=kp';
    expect(scrub(`connect to ${url} failed: p@ss p%40ss kp`, url)).toBe('connect to postgres://deploy@h:5432/shop failed: *** *** ***');
  });
});

describe('mapPosition', () => {
  const s = { text: "INSERT INTO t (a)\nVALUES ('x', 'twelve')", line: 7, column: 3 };
  it('maps a 1-based character position in the statement to the file line and column', () => {
    expect(mapPosition(s, 1)).toEqual({ line: 7, column: 3 });
    expect(mapPosition(s, 6)).toEqual({ line: 7, column: 8 });
    expect(mapPosition(s, s.text.indexOf("'twelve'") + 1)).toEqual({ line: 8, column: 14 });
  });
  it('falls back to the statement start without a position', () => {
    expect(mapPosition(s, undefined)).toEqual({ line: 7, column: 3 });
    expect(mapPosition(s, 0)).toEqual({ line: 7, column: 3 });
  });
  it("takes PostgreSQL's position in characters and gives columns in UTF-16 units, as the tokenizer and the editor count", () => {
    // x is the 13th character; the emoji before it is two UTF-16 units.
    expect(mapPosition({ text: "SELECT '😀', x", line: 1, column: 1 }, 13)).toEqual({ line: 1, column: 14 });
  });
});
