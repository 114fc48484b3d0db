import { isWord, tokenizeSql, type Token, type Tokenized } from './sql-tokens';

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
}

export interface SplitSql {
  statements: SqlStatement[];
  unterminated: Tokenized['unterminated'];
}

/** Whether the statement starting at `tokens[from]` is CREATE [TEMP|TEMPORARY] TRIGGER. */
function startsTrigger(tokens: readonly Token[], from: number): boolean {
  if (!isWord(tokens[from], 'CREATE')) return false;
  let k = from + 1;
  if (isWord(tokens[k], 'TEMP') || isWord(tokens[k], 'TEMPORARY')) k++;
  return isWord(tokens[k], 'TRIGGER');
}

/**
 * Splits SQL text into statements at `;`, respecting comments, quoted strings and identifiers
 * (a `;` inside them is text) and trigger bodies: in CREATE TRIGGER ... BEGIN ... END, the `;`
 * between BEGIN and its END belong to the trigger (CASE ... END inside the body is counted too).
 */
export function splitSql(text: string): SplitSql {
  const { tokens, unterminated } = tokenizeSql(text);
  const statements: SqlStatement[] = [];
  let start = 0;
  let trigger = false;
  let depth = 0;
  const flush = (end: number, terminated: boolean) => {
    if (end > start) {
      const toks = tokens.slice(start, end);
      const first = toks[0];
      const last = toks[toks.length - 1];
      statements.push({ index: statements.length, tokens: toks, text: text.slice(first.start, last.end), line: first.line, column: first.column, terminated });
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (i === start) {
      trigger = startsTrigger(tokens, i);
      depth = 0;
    }
    if (trigger && t.kind === 'word') {
      if (t.value === 'BEGIN') depth++;
      else if (t.value === 'CASE' && depth > 0) depth++;
      else if (t.value === 'END' && depth > 0) depth--;
    }
    if (t.kind === 'punct' && t.value === ';' && depth === 0) {
      flush(i, true);
      start = i + 1;
    }
  }
  flush(tokens.length, false);
  return { statements, unterminated };
}

/** The statement's first line, shortened: how messages quote it. */
export function statementSummary(s: { text: string }, max = 72): string {
  const firstLine = s.text.split('\n')[0].replace(/\s+/g, ' ').trim();
  const oneLine = s.text.replace(/\s+/g, ' ').trim();
  const text = oneLine.length <= max ? oneLine : firstLine.length <= max ? firstLine : `${firstLine.slice(0, max - 1)}…`;
  return text.length < oneLine.length && !text.endsWith('…') ? `${text} …` : text;
}
