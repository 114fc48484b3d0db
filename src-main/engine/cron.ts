/**
 * Validates cron expressions: five fields (minute hour day-of-month month day-of-week) with
 * `*`, numbers, ranges `a-b`, steps `x/n`, lists `a,b`, month and weekday names, or one of the
 * macros @yearly @annually @monthly @weekly @daily @midnight @hourly. Returns the problem, or null.
 */
const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
] as const;

const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

type Field = (typeof FIELDS)[number];

function value(text: string, field: Field): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if ('names' in field) {
    const i = (field.names as readonly string[]).indexOf(text.toLowerCase());
    if (i >= 0) return i + field.min;
  }
  return null;
}

function checkPart(part: string, field: Field): string | null {
  const [base, step, extra] = part.split('/');
  if (extra !== undefined) return `'${part}' has more than one '/'`;
  if (step !== undefined && (!/^\d+$/.test(step) || Number(step) === 0)) return `step '${step}' must be a positive number`;
  if (base === '*') return null;
  const bounds = base.split('-');
  if (bounds.length > 2) return `'${base}' is not a range`;
  const nums = bounds.map((b) => value(b, field));
  for (let i = 0; i < nums.length; i++) {
    const n = nums[i];
    if (n === null) return `'${bounds[i]}' is not a valid ${field.name}`;
    if (n < field.min || n > field.max) return `${field.name} ${n} is outside ${field.min}-${field.max}`;
  }
  if (nums.length === 2 && (nums[0] as number) > (nums[1] as number)) return `range '${base}' runs backwards`;
  return null;
}

export function cronProblem(expression: string): string | null {
  const expr = expression.trim();
  if (expr.startsWith('@')) return MACROS.has(expr.toLowerCase()) ? null : `unknown macro '${expr}'`;
  const parts = expr.split(/\s+/);
  if (parts.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), found ${parts.length}`;
  for (let i = 0; i < 5; i++) {
    for (const item of parts[i].split(',')) {
      if (item === '') return `empty list item in the ${FIELDS[i].name} field`;
      const problem = checkPart(item, FIELDS[i]);
      if (problem) return `${FIELDS[i].name} field: ${problem}`;
    }
  }
  return null;
}
