import { CronPattern } from 'croner';

/**
 * Validates a schedule's cron expression with croner (a maintained parser; the same one the app
 * uses to show the next runs): five fields (minute hour day-of-month month day-of-week) with
 * `*`, numbers, ranges, steps, lists, month and weekday names and croner's extensions (`L`, `#`,
 * `?`), or one of the macros below. Seconds or year fields are refused: a six-field expression
 * would silently mean something else to a standard cron. Parsing only: no clock. Returns the
 * problem, or null.
 */
const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

type Field = (typeof FIELDS)[number];

/** croner's message for one field, in a crontab reader's words (croner's own text when none fits). */
function plain(problem: string, text: string, field: Field): string {
  if (/^Invalid value for /.test(problem)) {
    const bad = (text.match(/\d+/g) ?? []).map(Number).find((n) => n < field.min || n > field.max);
    return bad === undefined ? `'${text}' has a value outside ${field.min}-${field.max}` : `${field.name} ${bad} is outside ${field.min}-${field.max}`;
  }
  const step = /illegal stepping: (.*)$/i.exec(problem);
  if (step) return `step '${step[1]}' must be a positive number`;
  if (/illegal characters/.test(problem)) return `'${text}' is not a valid ${field.name}`;
  if (/is empty/.test(problem)) return 'empty list item';
  const range = /larger than to value: '(.*)'/.exec(problem);
  if (range) return `range '${range[1]}' runs backwards`;
  return problem;
}

const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

function parseProblem(expression: string): string | null {
  try {
    new CronPattern(expression, undefined, { mode: '5-part' });
    return null;
  } catch (err) {
    return (err as Error).message.replace(/^CronPattern: /, '');
  }
}

/**
 * Problems by expression: a large platform repeats a handful of schedules thousands of times, and
 * croner builds a pattern object for each parse. Bounded, so a checkout of distinct expressions
 * cannot grow it without end.
 */
const known = new Map<string, string | null>();
const MAX_KNOWN = 4096;

export function cronProblem(expression: string): string | null {
  const hit = known.get(expression);
  if (hit !== undefined) return hit;
  const problem = cronProblemOf(expression);
  if (known.size >= MAX_KNOWN) known.clear();
  known.set(expression, problem);
  return problem;
}

function cronProblemOf(expression: string): string | null {
  const expr = expression.trim();
  if (expr.startsWith('@')) return MACROS.has(expr.toLowerCase()) ? null : `unknown macro '${expr}'`;
  const parts = expr.split(/\s+/);
  if (parts.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), found ${parts.length}`;
  const whole = parseProblem(expr);
  if (whole === null) return null;
  // Name the field: parse each one alone, the others left at '*'.
  for (let i = 0; i < 5; i++) {
    const alone = parts.map((p, j) => (j === i ? p : '*')).join(' ');
    const problem = parseProblem(alone);
    if (problem !== null) return `${FIELDS[i].name} field: ${plain(problem, parts[i], FIELDS[i])}`;
  }
  return whole;
}
