import type { SqlDialect } from '../../common/contract-migrations';
import { tokenizeSql, type SqlComment, type Token, type Tokenized } from './sql-tokens';
import { startsTrigger, triggerEnd } from './trigger-body';

/** One SQL statement of a file: its tokens, its text and where it starts. */
export interface SqlStatement {
  /** 0-based index among the file's statements. */
  index: number;
  tokens: Token[];
  /** Source text from the first token to the end of the last one (the terminating `;` excluded). */
  text: string;
  line: number;
  column: number;
  /** Whether a `;` ended it (the last statement of a file may go without). */
  terminated: boolean;
  /** Why this statement (the rest of the text) could not be delimited with certainty. */
  uncertain?: string;
}

export interface SplitSql {
  statements: SqlStatement[];
  unterminated: Tokenized['unterminated'];
  /**
   * Set when a statement could not be delimited with certainty (a CREATE TRIGGER whose body does
   * not close as SQLite's grammar says): from there on the text is one last statement, never run.
   */
  uncertain?: { message: string; line: number; column: number };
  /** Every comment of the text (the `-- depends:` headers live there). */
  comments: SqlComment[];
  lineStarts: number[];
}

/**
 * Splits SQL text into statements at `;`, respecting comments, quoted strings and identifiers
 * (a `;` inside them is text) and trigger bodies: a CREATE TRIGGER runs to the END that closes
 * its body by SQLite's grammar (trigger-body.ts), whatever BEGIN, END or CASE words its
 * statements hold as names or expressions.
 */
export function splitSql(text: string, dialect: SqlDialect = 'sqlite'): SplitSql {
  return splitTokenized(text, tokenizeSql(text), dialect);
}

/**
 * splitSql on text already tokenized. PostgreSQL's CREATE TRIGGER has no BEGIN ... END body (it
 * names a function, whose body is a dollar-quoted string token), so only SQLite reads trigger bodies.
 */
export function splitTokenized(text: string, tokenized: Tokenized, dialect: SqlDialect): SplitSql {
  const { tokens, unterminated, comments, lineStarts } = tokenized;
  const statements: SqlStatement[] = [];
  let uncertain: SplitSql['uncertain'];
  let start = 0;
  const flush = (end: number, terminated: boolean) => {
    if (end > start) {
      const toks = tokens.slice(start, end);
      const first = toks[0];
      const last = toks[toks.length - 1];
      statements.push({ index: statements.length, tokens: toks, text: text.slice(first.start, last.end), line: first.line, column: first.column, terminated });
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    if (i === start && dialect === 'sqlite' && startsTrigger(tokens, i)) {
      const found = triggerEnd(tokens, i);
      if ('problem' in found) {
        const at = found.at ?? tokens[i];
        uncertain = { message: found.problem, line: at.line, column: at.column };
        flush(tokens.length, false);
        statements[statements.length - 1].uncertain = found.problem;
        return { statements, unterminated, uncertain, comments, lineStarts };
      }
      i = found.end;
      continue;
    }
    const t = tokens[i];
    if (t.kind === 'punct' && t.value === ';') {
      flush(i, true);
      start = i + 1;
    }
  }
  flush(tokens.length, false);
  return { statements, unterminated, comments, lineStarts };
}

/** The statement's first line, shortened: how messages quote it. */
export function statementSummary(s: { text: string }, max = 72): string {
  const firstLine = s.text.split('\n')[0].replace(/\s+/g, ' ').trim();
  const oneLine = s.text.replace(/\s+/g, ' ').trim();
  const text = oneLine.length <= max ? oneLine : firstLine.length <= max ? firstLine : `${firstLine.slice(0, max - 1)}…`;
  return text.length < oneLine.length && !text.endsWith('…') ? `${text} …` : text;
}
