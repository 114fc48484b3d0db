import { NOTE_KINDS, NOTE_STATUSES, type NoteKind, type NoteStatus, type NoteSummary } from '../common/contract-notes';
import type { Diagnostic } from '../common/diagnostic';
import { parseYamlSource, type Locator, type YamlPath } from './yaml-source';

/**
 * Notes (SPEC §6): Markdown with YAML front matter between two `---` lines. Pure: text in,
 * summary and note-invalid findings out; templates and the surgical status edit for superseding.
 */

/** `0003-payments-extraction.md`: four digits, a dash, a slug. */
export const NOTE_FILE_RE = /^(\d{4})-[^/\\]+\.md$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const REQUIRED = ['title', 'kind', 'status', 'date', 'modules'] as const;

export interface FrontMatter {
  /** The YAML text between the fences. */
  yaml: string;
  /** 1-based line of the first YAML line (the line after the opening fence). */
  firstLine: number;
  /** 0-based line index of the closing fence. */
  closeIndex: number;
}

/** Finds the front matter block; null when the text does not start with `---`. `closeIndex` is -1 when unclosed. */
export function findFrontMatter(text: string): FrontMatter | null {
  const lines = text.split('\n');
  if (lines[0]?.replace(/\r$/, '').trimEnd() !== '---') return null;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '').trimEnd();
    if (line === '---' || line === '...') return { yaml: lines.slice(1, i).map((l) => l.replace(/\r$/, '')).join('\n'), firstLine: 2, closeIndex: i };
  }
  return { yaml: '', firstLine: 2, closeIndex: -1 };
}

export interface ParsedNote {
  summary: NoteSummary;
  diagnostics: Diagnostic[];
  /** Position of the `supersedes` value, for the folder-level check. */
  supersedesAt: { line: number; column: number } | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Normalizes `2`, `"0002"`, `"0002-old-title"` or `"0002-old-title.md"` to `0002`; null otherwise. */
export function noteNumberOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 9999) return String(value).padStart(4, '0');
  if (typeof value !== 'string') return null;
  const m = /^(\d{1,4})(?:-[^/\\]*)?$/.exec(value.trim());
  return m ? m[1].padStart(4, '0') : null;
}

/**
 * Reads one note. `modules`, when given, are the platform's module names: a note naming another
 * module is note-invalid at that list item.
 */
export function parseNote(file: string, text: string, modules?: ReadonlySet<string>): ParsedNote {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const numberMatch = NOTE_FILE_RE.exec(name);
  const summary: NoteSummary = { path: file, number: numberMatch ? numberMatch[1] : null, title: null, kind: null, status: null, date: null, modules: [], supersedes: null, valid: true };
  const diagnostics: Diagnostic[] = [];
  const report = (line: number, column: number, message: string) => diagnostics.push({ rule: 'note-invalid', severity: 'error', message, file, line, column });
  const result: ParsedNote = { summary, diagnostics, supersedesAt: null };
  const done = () => {
    summary.valid = diagnostics.length === 0;
    return result;
  };

  if (!numberMatch) report(1, 1, `note file name '${name}' is not <NNNN>-<slug>.md: rename it to the next free number, for example NNNN-${slugify(name.replace(/\.md$/i, ''))}.md`);
  const fm = findFrontMatter(text);
  if (!fm) {
    report(1, 1, `note has no front matter: it must start with a '---' line, then ${REQUIRED.join(', ')}, then '---'`);
    return done();
  }
  if (fm.closeIndex < 0) {
    report(1, 1, "the note's front matter is never closed: add a '---' line after it");
    return done();
  }
  const yaml = parseYamlSource(file, fm.yaml);
  const shift = fm.firstLine - 1;
  const at = (locator: Locator, path: YamlPath, part: 'key' | 'value' = 'value') => {
    const p = locator.at(path, part);
    return { line: p.line + shift, column: p.column };
  };
  for (const d of yaml.diagnostics) report((d.line ?? 1) + shift, d.column ?? 1, `front matter: ${d.message}`);
  if (yaml.diagnostics.length > 0) return done();
  const raw = yaml.value;
  if (!isRecord(raw)) {
    report(1, 1, `front matter must be a mapping of ${REQUIRED.join(', ')}${yaml.empty ? ', but it is empty' : ''}`);
    return done();
  }
  const loc = yaml.locator;
  const missing = REQUIRED.filter((k) => raw[k] === undefined || raw[k] === null);
  if (missing.length > 0) report(1, 1, `front matter is missing ${missing.map((k) => `'${k}'`).join(', ')} (a note has ${REQUIRED.join(', ')}; supersedes is optional)`);

  if (raw.title !== undefined && raw.title !== null) {
    if (typeof raw.title === 'string' && raw.title.trim() !== '') summary.title = raw.title;
    else {
      const p = at(loc, ['title']);
      report(p.line, p.column, 'title must be a non-empty string');
    }
  }
  if (raw.kind !== undefined && raw.kind !== null) {
    if (typeof raw.kind === 'string' && (NOTE_KINDS as readonly string[]).includes(raw.kind)) summary.kind = raw.kind as NoteKind;
    else {
      const p = at(loc, ['kind']);
      report(p.line, p.column, `kind must be one of ${NOTE_KINDS.join(', ')} (got ${JSON.stringify(raw.kind)})`);
    }
  }
  if (raw.status !== undefined && raw.status !== null) {
    if (typeof raw.status === 'string' && (NOTE_STATUSES as readonly string[]).includes(raw.status)) summary.status = raw.status as NoteStatus;
    else {
      const p = at(loc, ['status']);
      report(p.line, p.column, `status must be one of ${NOTE_STATUSES.join(', ')} (got ${JSON.stringify(raw.status)})`);
    }
  }
  if (raw.date !== undefined && raw.date !== null) {
    const value = raw.date;
    const problem = typeof value === 'string' ? noteDateProblem(value) : `date must be a date written YYYY-MM-DD (got ${JSON.stringify(value)})`;
    if (problem === null) summary.date = value as string;
    else {
      const p = at(loc, ['date']);
      report(p.line, p.column, problem);
    }
  }
  if (raw.modules !== undefined && raw.modules !== null) {
    if (!Array.isArray(raw.modules)) {
      const p = at(loc, ['modules']);
      report(p.line, p.column, 'modules must be a list of module names, for example [billing, payments]');
    } else {
      raw.modules.forEach((m, i) => {
        const p = at(loc, ['modules', i]);
        if (typeof m !== 'string' || m === '') report(p.line, p.column, `modules[${i}] must be a module name`);
        else {
          if (!summary.modules.includes(m)) summary.modules.push(m);
          if (modules && !modules.has(m)) report(p.line, p.column, `modules[${i}]: '${m}' is not a module of this platform`);
        }
      });
    }
  }
  if (raw.supersedes !== undefined && raw.supersedes !== null) {
    const number = noteNumberOf(raw.supersedes);
    const p = at(loc, ['supersedes']);
    if (number === null) report(p.line, p.column, `supersedes must name a note by its number, for example "0002" (got ${JSON.stringify(raw.supersedes)})`);
    else {
      summary.supersedes = number;
      result.supersedesAt = p;
    }
  }
  return done();
}

/** Why a note date is not a real day written YYYY-MM-DD (badly written, or a day the calendar does not have), or null. */
export function noteDateProblem(text: string): string | null {
  const m = DATE_RE.exec(text);
  if (!m) return `date must be a date written YYYY-MM-DD (got ${JSON.stringify(text)})`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return `date ${text} does not exist: there is no month ${m[2]}`;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (d < 1 || d > days) return `date ${text} does not exist: ${m[1]}-${m[2]} has ${days} days`;
  return null;
}

/**
 * Findings across the notes of one folder: two notes sharing a number, and a `supersedes` that
 * names no note. `parsed` are the notes of the folder.
 */
export function checkNoteFolder(parsed: readonly ParsedNote[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byNumber = new Map<string, ParsedNote[]>();
  for (const n of parsed) {
    if (n.summary.number === null) continue;
    const list = byNumber.get(n.summary.number) ?? [];
    list.push(n);
    byNumber.set(n.summary.number, list);
  }
  for (const [number, list] of byNumber) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((a, b) => (a.summary.path < b.summary.path ? -1 : 1));
    for (const n of sorted.slice(1)) {
      out.push({
        rule: 'note-invalid',
        severity: 'error',
        message: `note number ${number} is already used by ${sorted[0].summary.path}; give this note the next free number`,
        file: n.summary.path,
        line: 1,
        column: 1,
        related: [{ message: `${sorted[0].summary.path} has number ${number}`, file: sorted[0].summary.path, line: 1, column: 1 }],
      });
    }
  }
  for (const n of parsed) {
    const target = n.summary.supersedes;
    if (target === null || byNumber.has(target)) continue;
    const p = n.supersedesAt ?? { line: 1, column: 1 };
    out.push({ rule: 'note-invalid', severity: 'error', message: `supersedes ${target}, but no note has that number`, file: n.summary.path, line: p.line, column: p.column });
  }
  return out;
}

/** A file-name slug: lower case ASCII letters, digits and dashes, at most 60 characters. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'note';
}

/** The number after the highest one in use, four digits. */
export function nextNoteNumber(numbers: Iterable<string | null>): string {
  let max = 0;
  for (const n of numbers) if (n !== null) max = Math.max(max, Number(n));
  return String(max + 1).padStart(4, '0');
}

export interface NoteTemplateInput {
  kind: NoteKind;
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  modules: readonly string[];
  supersedes?: string | null;
}

/** YAML flow-list item: plain when it is a module-name-like word, else quoted. */
function flowItem(value: string): string {
  return /^[a-z][a-z0-9-]*$/.test(value) ? value : JSON.stringify(value);
}

/** A new note from its kind's template (architecture: context, decision, consequences; migration: phases, rollback, verification). */
export function renderNoteTemplate(input: NoteTemplateInput): string {
  const title = input.title.replace(/\s+/g, ' ').trim();
  const front = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `kind: ${input.kind}`,
    'status: draft',
    `date: "${input.date}"`,
    `modules: [${input.modules.map(flowItem).join(', ')}]`,
    ...(input.supersedes ? [`supersedes: "${input.supersedes}"`] : []),
    '---',
    '',
    `# ${title}`,
    '',
  ];
  const modules = input.modules.length > 0 ? input.modules.map((m) => `\`${m}\``).join(', ') : 'the platform';
  const supersedes = input.supersedes ? [`This note supersedes note ${input.supersedes}.`, ''] : [];
  const body =
    input.kind === 'architecture'
      ? [
          ...supersedes,
          '## Context',
          '',
          `What situation in ${modules} calls for a decision? The forces at play, the constraints, what was tried.`,
          '',
          '## Decision',
          '',
          'What we will do, stated plainly, and the alternatives we did not choose (and why).',
          '',
          '## Consequences',
          '',
          '- What becomes easier, and what becomes harder.',
          '- What other modules, teams or releases must do about it.',
          '',
        ]
      : [
          ...supersedes,
          `What changes in the data of ${modules}, and why.`,
          '',
          '## Phases',
          '',
          '| step | migration | phase | what it does |',
          '|---|---|---|---|',
          '| 1 | `<module>_<NNNN>_<slug>` | expand | additive changes: new tables, nullable columns, indexes |',
          '| 2 | `<module>_<NNNN>_<slug>` | backfill | data only, idempotent |',
          '| 3 | `<module>_<NNNN>_<slug>` | contract | destructive changes, once no old release is running |',
          '',
          'Rollout: which release ships between which phases.',
          '',
          '## Rollback',
          '',
          '- After each phase: how to go back, and from which phase on only rolling forward is possible.',
          '',
          '## Verification',
          '',
          '- `mwb migrate preflight` passes on a copy of the database.',
          '- The queries that show the data is complete and consistent after each phase.',
          '',
        ];
  return [...front, ...body].join('\n');
}

/**
 * Sets `status:` in a note's front matter, changing only that line (or adding it before the
 * closing fence). Null when the text has no closed front matter.
 */
export function setNoteStatus(text: string, status: NoteStatus): string | null {
  const fm = findFrontMatter(text);
  if (!fm || fm.closeIndex < 0) return null;
  const lines = text.split('\n');
  for (let i = 1; i < fm.closeIndex; i++) {
    const m = /^status(\s*):(\s*)([^#\r]*?)(\s*(#.*)?)(\r?)$/.exec(lines[i]);
    if (m) {
      lines[i] = `status${m[1]}:${m[2] || ' '}${status}${m[4]}${m[6]}`;
      return lines.join('\n');
    }
  }
  const cr = lines[fm.closeIndex].endsWith('\r') ? '\r' : '';
  lines.splice(fm.closeIndex, 0, `status: ${status}${cr}`);
  return lines.join('\n');
}
