import { describe, expect, it } from 'vitest';
import { checkNoteFolder, findFrontMatter, nextNoteNumber, noteNumberOf, parseNote, renderNoteTemplate, setNoteStatus, slugify } from './notes';

const MODULES = new Set(['billing', 'core']);
const note = (front: string, body = '\n# Title\n') => `---\n${front}---\n${body}`;
const VALID = 'title: Invoice numbering\nkind: architecture\nstatus: accepted\ndate: "2025-05-20"\nmodules: [billing]\n';

describe('parseNote', () => {
  it('reads a complete note; an unquoted date and a numeric supersedes are fine', () => {
    const parsed = parseNote('docs/notes/0012-invoice-numbering.md', note(`${VALID.replace('"2025-05-20"', '2025-05-20')}supersedes: 3\n`), MODULES);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.summary).toEqual({
      path: 'docs/notes/0012-invoice-numbering.md',
      number: '0012',
      title: 'Invoice numbering',
      kind: 'architecture',
      status: 'accepted',
      date: '2025-05-20',
      modules: ['billing'],
      supersedes: '0003',
      valid: true,
    });
  });

  it('reports each problem at its line, counting the fence', () => {
    const text = note('title: ""\nkind: adr\nstatus: done\ndate: 20-05-2025\nmodules: billing\nsupersedes: soon\n');
    const found = parseNote('n/0001-x.md', text).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(found).toEqual([
      '2:8 title must be a non-empty string',
      '3:7 kind must be one of architecture, migration (got "adr")',
      '4:9 status must be one of draft, proposed, accepted, superseded (got "done")',
      '5:7 date must be a date written YYYY-MM-DD (got "20-05-2025")',
      '6:10 modules must be a list of module names, for example [billing, payments]',
      '7:13 supersedes must name a note by its number, for example "0002" (got "soon")',
    ]);
  });

  it('a well-written date that is not a day of the calendar says so (issue 13 item 14)', () => {
    const messages = (date: string) => parseNote('n/0001-x.md', note(VALID.replace('"2025-05-20"', date)), MODULES).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(messages('2023-02-29')).toEqual(['5:7 date 2023-02-29 does not exist: 2023-02 has 28 days']);
    expect(messages('2023-13-01')).toEqual(['5:7 date 2023-13-01 does not exist: there is no month 13']);
    expect(messages('2024-02-29')).toEqual([]);
    expect(messages('2100-02-29')).toEqual(['5:7 date 2100-02-29 does not exist: 2100-02 has 28 days']);
  });

  it('missing fields are one finding at line 1; YAML errors keep their line', () => {
    expect(parseNote('n/0001-x.md', note('title: T\n')).diagnostics.map((d) => d.message)).toEqual([
      "front matter is missing 'kind', 'status', 'date', 'modules' (a note has title, kind, status, date, modules; supersedes is optional)",
    ]);
    const bad = parseNote('n/0001-x.md', note('title: T\ntitle: again\n')).diagnostics[0];
    expect(bad).toMatchObject({ rule: 'note-invalid', line: 3 });
    expect(bad.message).toMatch(/^front matter: .*duplicate key/i);
    expect(parseNote('n/0001-x.md', note('- a list\n')).diagnostics[0].message).toMatch(/must be a mapping/);
  });

  it('unknown modules only when the platform is known', () => {
    const text = note(VALID.replace('[billing]', '[billing, ledger]'));
    expect(parseNote('n/0001-x.md', text).diagnostics).toEqual([]);
    expect(parseNote('n/0001-x.md', text, MODULES).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual(["6:20 modules[1]: 'ledger' is not a module of this platform"]);
  });

  it('CRLF files and a closing "..." fence', () => {
    expect(parseNote('n/0001-x.md', `---\r\n${VALID.replace(/\n/g, '\r\n')}...\r\nBody\r\n`, MODULES).diagnostics).toEqual([]);
    expect(findFrontMatter('# no front matter')).toBeNull();
  });
});

describe('the notes folder', () => {
  it('shared numbers and a supersedes naming no note', () => {
    const a = parseNote('n/0002-a.md', note(VALID));
    const b = parseNote('n/0002-b.md', note(`${VALID}supersedes: "0009"\n`));
    expect(checkNoteFolder([b, a]).map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([
      'n/0002-b.md:1 note number 0002 is already used by n/0002-a.md; give this note the next free number',
      'n/0002-b.md:7 supersedes 0009, but no note has that number',
    ]);
  });
});

describe('templates and edits', () => {
  it('slugs, numbers and note references', () => {
    expect(slugify('Split customers’ addresses: phase 2!')).toBe('split-customers-addresses-phase-2');
    expect(slugify('Übergang à la Straße')).toBe('ubergang-a-la-strasse');
    expect(slugify('???')).toBe('note');
    expect(nextNoteNumber(['0001', null, '0009'])).toBe('0010');
    expect(nextNoteNumber([])).toBe('0001');
    expect([2, '0002', '2', '0002-old-title', '0002-old-title.md', 'x', 2.5].map(noteNumberOf)).toEqual(['0002', '0002', '0002', '0002', '0002', null, null]);
  });

  it('each template is a valid note', () => {
    for (const kind of ['architecture', 'migration'] as const) {
      const text = renderNoteTemplate({ kind, title: 'A "quoted" title: yes', date: '2026-03-01', modules: ['billing', 'core'], supersedes: '0001' });
      const parsed = parseNote('n/0002-a.md', text, MODULES);
      expect(parsed.diagnostics).toEqual([]);
      expect(parsed.summary).toMatchObject({ title: 'A "quoted" title: yes', kind, status: 'draft', modules: ['billing', 'core'], supersedes: '0001' });
    }
  });

  it('setNoteStatus changes one line, keeping comments and line endings, or adds it', () => {
    expect(setNoteStatus('---\ntitle: T\nstatus:   accepted # decided in May\n---\nstatus: body text\n', 'superseded')).toBe('---\ntitle: T\nstatus:   superseded # decided in May\n---\nstatus: body text\n');
    expect(setNoteStatus('---\r\ntitle: T\r\nstatus: accepted\r\n---\r\n', 'superseded')).toBe('---\r\ntitle: T\r\nstatus: superseded\r\n---\r\n');
    expect(setNoteStatus('---\ntitle: T\n---\nBody\n', 'superseded')).toBe('---\ntitle: T\nstatus: superseded\n---\nBody\n');
    expect(setNoteStatus('no front matter', 'superseded')).toBeNull();
  });
});
