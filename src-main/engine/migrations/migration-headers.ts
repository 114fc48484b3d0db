import { SQL_DIALECTS, type SqlDialect } from '../../common/contract-migrations';
import { tokenizeSql, type SqlComment } from './sql-tokens';

/**
 * The `-- depends: <id>[, <id>]`, `-- waiver: <rule> <reason>` and `-- dialect: sqlite|postgres`
 * headers of a migration file (dialect: the file is SQL of that database only, see SQL_DIALECTS).
 * The header is the whole leading comment block: every line and block comment before the first
 * statement (a licence banner in a block comment first is fine, and a `depends:` line inside a
 * block comment of the header counts too). A `depends:` or `waiver:` line in any later comment is
 * not a header: it is kept in `misplaced` (reported as migration-header-misplaced), never dropped
 * in silence.
 */

export interface HeaderRef {
  value: string;
  line: number;
  column: number;
}

export interface HeaderWaiver {
  rule: string;
  reason: string;
  line: number;
  column: number;
}

export interface MigrationHeaders {
  depends: HeaderRef[];
  waivers: HeaderWaiver[];
  /** `-- dialect: postgres`: the file runs on targets of that dialect only (absent: portable SQL). */
  dialect?: HeaderRef & { value: SqlDialect };
  /** Malformed headers (a waiver without a reason ...). */
  problems: { message: string; line: number; column: number; rule?: 'migration-dialect-invalid' }[];
  /** `depends:` / `waiver:` lines after the first statement: not headers, and reported. */
  misplaced: { key: HeaderKey; text: string; line: number; column: number }[];
}

type HeaderKey = 'depends' | 'waiver' | 'dialect';

const HEADER_RE = /^([ \t]*)(depends|waiver|dialect)([ \t]*:)(.*)$/i;



/** 1-based line and column of a text offset. */
function positionOf(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
}

/** The lines of a comment's content, each with the text offset where its content starts. */
function commentLines(text: string, c: SqlComment): { content: string; offset: number }[] {
  if (!c.block) return [{ content: text.slice(c.start + 2, c.end).replace(/\r$/, ''), offset: c.start + 2 }];
  const innerStart = c.start + 2;
  const innerEnd = text.startsWith('*/', c.end - 2) && c.end - 2 >= innerStart ? c.end - 2 : c.end;
  const out: { content: string; offset: number }[] = [];
  let offset = innerStart;
  for (const raw of text.slice(innerStart, innerEnd).split('\n')) {
    // A banner's " * " line prefix is decoration, not content.
    const star = /^[ \t]*\*(?!\/)/.exec(raw);
    const skip = star ? star[0].length : 0;
    out.push({ content: raw.slice(skip).replace(/\r$/, ''), offset: offset + skip });
    offset += raw.length + 1;
  }
  return out;
}

/** Reads the headers of a migration's text (`tokenized`: the text's tokens, when already at hand). */
export function parseHeaders(text: string, tokenized: { tokens: readonly { start: number }[]; comments: readonly SqlComment[]; lineStarts: readonly number[] } = tokenizeSql(text)): MigrationHeaders {
  const out: MigrationHeaders = { depends: [], waivers: [], problems: [], misplaced: [] };
  const firstStatement = tokenized.tokens[0]?.start ?? text.length;
  for (const c of tokenized.comments) {
    for (const { content, offset } of commentLines(text, c)) {
      const m = HEADER_RE.exec(content);
      if (!m) continue;
      const key = m[2].toLowerCase() as HeaderKey;
      const keyAt = positionOf(tokenized.lineStarts, offset + m[1].length);
      if (c.start >= firstStatement) {
        out.misplaced.push({ key, text: content.trim(), ...keyAt });
        continue;
      }
      const bodyOffset = offset + m[1].length + m[2].length + m[3].length;
      const body = m[4];
      if (key === 'dialect') {
        const value = m[4].trim().toLowerCase();
        const at = positionOf(tokenized.lineStarts, bodyOffset + (m[4].length - m[4].trimStart().length));
        if ((SQL_DIALECTS as readonly string[]).includes(value)) out.dialect = { value: value as SqlDialect, ...at };
        else out.problems.push({ rule: 'migration-dialect-invalid', message: `'-- dialect: ${m[4].trim()}' names no dialect the runner knows; write one of ${SQL_DIALECTS.join(', ')} (or drop the header for SQL that runs on both)`, ...at });
      } else if (key === 'depends') {
        const re = /[^\s,]+/g;
        let hit: RegExpExecArray | null;
        while ((hit = re.exec(body))) out.depends.push({ value: hit[0], ...positionOf(tokenized.lineStarts, bodyOffset + hit.index) });
      } else {
        const w = /^(\s*)(\S+)\s*(.*)$/.exec(body);
        if (!w || w[3].trim() === '') {
          out.problems.push({ message: `'${c.block ? content.trim() : `-- ${content.trim()}`}': a waiver names a rule and gives a reason: -- waiver: <rule> <reason>`, ...positionOf(tokenized.lineStarts, c.block ? offset : c.start) });
          continue;
        }
        out.waivers.push({ rule: w[2], reason: w[3].trim(), ...positionOf(tokenized.lineStarts, bodyOffset + w[1].length) });
      }
    }
  }
  return out;
}
