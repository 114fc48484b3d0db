import type { Diagnostic } from '../common/diagnostic';
import { checkNoteFolder, parseNote, type ParsedNote } from '../engine/notes';
import type { Registry } from '../engine/registry';
import type { TextRead } from '../node/text-file';
import type { Analysis } from './analysis';
import type { DirEntry } from './checkout-reader';

/**
 * note-invalid (an analysis over the notes folder, `notes` in platform.yaml, default docs/notes):
 * every Markdown note there must have complete, well-formed front matter naming known modules.
 * Imports only types from analyses.ts, which lists it.
 */

/** Reads of the notes folder: the analyses' cached CheckoutFiles, or the disk directly. */
export interface NoteFiles {
  list(rel: string): DirEntry[] | null;
  read(rel: string): TextRead;
}

/** What reading the notes needs to know of the platform. */
export interface NotesContext {
  /** The notes folder, checkout-relative (platform.yaml `notes`). */
  notesDir: string;
  /** Module names, to tell unknown ones. */
  modules: ReadonlySet<string>;
}

export function notesContext(registry: Registry): NotesContext {
  return { notesDir: registry.platform.notesDir, modules: new Set(registry.byName.keys()) };
}

export function normalizeNotesDir(dir: string): string {
  return dir.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
}

/** Every Markdown file of the notes folder except a README or index page. */
function noteFiles(files: NoteFiles, dir: string): string[] {
  return (files.list(dir) ?? []).filter((e) => !e.dir && e.name.toLowerCase().endsWith('.md') && !/^(readme|index)\.md$/i.test(e.name)).map((e) => `${dir}/${e.name}`);
}

export function readNotes(files: NoteFiles, context: NotesContext): { notes: ParsedNote[]; diagnostics: Diagnostic[] } {
  const modules = context.modules;
  const notes: ParsedNote[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of noteFiles(files, normalizeNotesDir(context.notesDir))) {
    const read = files.read(file);
    if (!read.ok) {
      if (read.missing) continue;
      const d: Diagnostic = { rule: 'note-invalid', severity: 'error', message: `${file} ${read.message}`, file, line: read.line ?? 1, column: read.column ?? 1 };
      diagnostics.push(d);
      const number = /^(\d{4})-/.exec(file.slice(file.lastIndexOf('/') + 1))?.[1] ?? null;
      notes.push({ summary: { path: file, number, title: null, kind: null, status: null, date: null, modules: [], supersedes: null, valid: false }, diagnostics: [d], supersedesAt: null });
      continue;
    }
    const parsed = parseNote(file, read.text, modules);
    notes.push(parsed);
    diagnostics.push(...parsed.diagnostics);
  }
  const folder = checkNoteFolder(notes);
  for (const d of folder) {
    const n = notes.find((x) => x.summary.path === d.file);
    if (n) n.summary.valid = false;
  }
  return { notes, diagnostics: [...diagnostics, ...folder] };
}

/** note-invalid: notes whose front matter is incomplete, malformed or names unknown modules. */
export const notesAnalysis: Analysis = {
  id: 'notes',
  run(ctx) {
    return readNotes(ctx.files, notesContext(ctx.registry)).diagnostics;
  },
  affectedBy(rel, registry) {
    const dir = normalizeNotesDir(registry.platform.notesDir);
    return rel === dir || (rel.startsWith(`${dir}/`) && rel.toLowerCase().endsWith('.md') && !rel.slice(dir.length + 1).includes('/'));
  },
};
