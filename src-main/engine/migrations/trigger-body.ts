import { isWord, type Token } from './sql-tokens';

/**
 * Where a CREATE TRIGGER statement ends, read the way SQLite's grammar reads it (not by counting
 * BEGIN/END words, which SQLite also takes as names: `SELECT 1 AS end`):
 *
 *   CREATE [TEMP] TRIGGER [IF NOT EXISTS] name [BEFORE|AFTER|INSTEAD OF]
 *     DELETE|INSERT|UPDATE [OF col, ...] ON table [FOR EACH ROW] [WHEN expr]
 *   BEGIN cmd; [cmd; ...] END
 *
 * Each body command starts with INSERT, REPLACE, UPDATE, DELETE, SELECT, VALUES or WITH and ends
 * at its `;` (a `;` outside quotes and comments can only end a statement), so the body ends at the
 * first END that directly follows a `;`: a command can never start with END. Whatever does not fit
 * this shape is reported as a problem, never guessed at.
 */

const COMMAND_START = new Set(['INSERT', 'REPLACE', 'UPDATE', 'DELETE', 'SELECT', 'VALUES', 'WITH']);
const EVENTS = new Set(['DELETE', 'INSERT', 'UPDATE']);

export type TriggerEnd = { end: number } | { problem: string; at: Token | undefined };

/** Whether the statement starting at `tokens[from]` is [EXPLAIN [QUERY PLAN]] CREATE [TEMP|TEMPORARY] TRIGGER. */
export function startsTrigger(tokens: readonly Token[], from: number): boolean {
  let k = from;
  if (isWord(tokens[k], 'EXPLAIN')) {
    k++;
    if (isWord(tokens[k], 'QUERY') && isWord(tokens[k + 1], 'PLAN')) k += 2;
  }
  if (!isWord(tokens[k], 'CREATE')) return false;
  k++;
  if (isWord(tokens[k], 'TEMP') || isWord(tokens[k], 'TEMPORARY')) k++;
  return isWord(tokens[k], 'TRIGGER');
}

const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'ident' || t.kind === 'string');
const isPunct = (t: Token | undefined, p: string) => t !== undefined && t.kind === 'punct' && t.value === p;

/** A name, optionally schema-qualified, at `k`; the index after it, or -1. */
function name(tokens: readonly Token[], k: number): number {
  if (!isName(tokens[k])) return -1;
  k++;
  if (isPunct(tokens[k], '.')) {
    if (!isName(tokens[k + 1])) return -1;
    k += 2;
  }
  return k;
}

const describe = (t: Token | undefined) => (t === undefined ? 'the end of the file' : `'${t.kind === 'string' ? `'${t.value}'` : t.value}'`);

/** The index of the body's opening BEGIN, or a problem. `from` is the statement's first token. */
function bodyStart(tokens: readonly Token[], from: number): number | { problem: string; at: Token | undefined } {
  let k = from;
  while (!isWord(tokens[k], 'TRIGGER')) k++;
  k++;
  if (isWord(tokens[k], 'IF') && isWord(tokens[k + 1], 'NOT') && isWord(tokens[k + 2], 'EXISTS')) k += 3;
  const fail = (what: string) => ({ problem: `this CREATE TRIGGER does not have the shape the runner can split with certainty: expected ${what}, found ${describe(tokens[k])}`, at: tokens[k] ?? tokens[from] });
  k = name(tokens, k);
  if (k < 0) return { problem: 'this CREATE TRIGGER has no readable trigger name', at: tokens[from] };
  if (isWord(tokens[k], 'BEFORE') || isWord(tokens[k], 'AFTER')) k++;
  else if (isWord(tokens[k], 'INSTEAD') && isWord(tokens[k + 1], 'OF')) k += 2;
  if (!(tokens[k]?.kind === 'word' && EVENTS.has(tokens[k].value))) return fail('DELETE, INSERT or UPDATE');
  k++;
  if (tokens[k - 1].value === 'UPDATE' && isWord(tokens[k], 'OF')) {
    k++;
    for (;;) {
      if (!isName(tokens[k])) return fail('a column name after UPDATE OF');
      k++;
      if (!isPunct(tokens[k], ',')) break;
      k++;
    }
  }
  if (!isWord(tokens[k], 'ON')) return fail('ON <table>');
  const afterTable = name(tokens, k + 1);
  if (afterTable < 0) {
    k++;
    return fail('a table name after ON');
  }
  k = afterTable;
  if (isWord(tokens[k], 'FOR') && isWord(tokens[k + 1], 'EACH') && isWord(tokens[k + 2], 'ROW')) k += 3;
  if (isWord(tokens[k], 'WHEN')) {
    // The WHEN expression runs to the first BEGIN outside parentheses that is not a qualified name
    // (new.begin); a BEGIN used as a bare name there fails the check on the next token below.
    let depth = 0;
    k++;
    for (; k < tokens.length; k++) {
      const t = tokens[k];
      if (isPunct(t, '(')) depth++;
      else if (isPunct(t, ')')) depth--;
      else if (depth === 0 && isWord(t, 'BEGIN') && !isPunct(tokens[k - 1], '.')) break;
    }
  }
  if (!isWord(tokens[k], 'BEGIN')) return fail('BEGIN, opening the trigger body');
  return k;
}

/** Index of the END token closing the trigger body of the statement that starts at `from`. */
export function triggerEnd(tokens: readonly Token[], from: number): TriggerEnd {
  const begin = bodyStart(tokens, from);
  if (typeof begin !== 'number') return begin;
  let k = begin + 1;
  for (;;) {
    const t = tokens[k];
    if (!(t?.kind === 'word' && COMMAND_START.has(t.value))) {
      const what = t === undefined ? `the trigger body that opens at line ${tokens[begin].line} never ends: no END after its last ';'` : `in a trigger body each statement starts with INSERT, REPLACE, UPDATE, DELETE, SELECT, VALUES or WITH and the body closes with END after a ';'; found ${describe(t)}`;
      return { problem: `${what}; the runner cannot tell with certainty where this CREATE TRIGGER ends`, at: t ?? tokens[begin] };
    }
    let j = k + 1;
    while (j < tokens.length && !isPunct(tokens[j], ';')) j++;
    if (j >= tokens.length) {
      return { problem: `the trigger body that opens at line ${tokens[begin].line} never ends: no ';' and END after its last statement; the runner cannot tell with certainty where this CREATE TRIGGER ends`, at: tokens[begin] };
    }
    if (isWord(tokens[j + 1], 'END')) {
      const after = tokens[j + 2];
      if (after !== undefined && !isPunct(after, ';')) {
        return { problem: `the END that closes this trigger body is followed by ${describe(after)}, not by ';'; the runner cannot tell with certainty where this CREATE TRIGGER ends`, at: after };
      }
      return { end: j + 1 };
    }
    k = j + 1;
  }
}
