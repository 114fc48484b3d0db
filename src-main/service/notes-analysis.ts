import type { Diagnostic } from '../common/diagnostic';
import { checkNoteFolder, parseNote, type ParsedNote } from '../engine/notes';
import { PLATFORM_FILE } from '../engine/platform';
import { staysInside, type Registry } from '../engine/registry';
import { parseYamlSource } from '../engine/yaml-source';
import type { TextRead } from '../node/text-file';
import type { Analysis } from './analysis';
import type { DirEntry } from './checkout-reader';

/**
 * note-invalid (an analysis over the notes folder, `notes` in platform.yaml, default docs/notes):
 * every Markdown note there must have complete, well-formed front matter naming known modules.
 * Imports only types from analyses.ts, which lists it.
 */

/** Reads of the notes folder: a CheckoutFiles (the analyses' cached one, or a fresh one), which keeps to the path rule. */
export interface NoteFiles {
  list(rel: string): DirEntry[] | null;
  read(rel: string): TextRead;
  /** The real path of a checkout path: `rel` null when a symlink leads it out of the checkout; null when missing. */
  realPath(rel: string): { abs: string; rel: string | null } | null;
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

/**
 * Why the notes folder cannot be read under the path rule (node/checkout-path.ts): `notes:` in
 * platform.yaml leaves the checkout, or a symlink on the way leads out; null when it is fine.
 */
export function notesFolderOutside(files: NoteFiles, notesDir: string): string | null {
  const dir = normalizeNotesDir(notesDir);
  if (!staysInside(dir)) return `notes: '${notesDir}' leaves the checkout; the notes folder must be inside it. No note there is read or written`;
  const real = files.realPath(dir === '' ? '.' : dir);
  if (real !== null && real.rel === null) return `notes: '${notesDir}' leads out of the checkout through a symlink (to ${real.abs}); no note there is read or written`;
  return null;
}

function notesOutsideFinding(files: NoteFiles, message: string): Diagnostic {
  const platform = files.read(PLATFORM_FILE);
  const at = platform.ok ? parseYamlSource(PLATFORM_FILE, platform.text).locator.at(['notes']) : { line: 1, column: 1 };
  return { rule: 'platform-invalid', severity: 'error', message, file: PLATFORM_FILE, line: at.line, column: at.column };
}

export function readNotes(files: NoteFiles, context: NotesContext): { notes: ParsedNote[]; diagnostics: Diagnostic[] } {
  const modules = context.modules;
  const notes: ParsedNote[] = [];
  const diagnostics: Diagnostic[] = [];
  const outside = notesFolderOutside(files, context.notesDir);
  if (outside !== null) return { notes, diagnostics: [notesOutsideFinding(files, outside)] };
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
