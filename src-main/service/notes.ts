import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../common/contract';
import { NOTE_KINDS, type NoteCreateParams, type NoteCreateResult, type NoteSummary } from '../common/contract-notes';
import { nextNoteNumber, noteDateProblem, noteNumberOf, renderNoteTemplate, setNoteStatus, slugify } from '../engine/notes';
import { buildRegistry, type Registry } from '../engine/registry';
import { writeFileAtomic } from '../node/atomic-write';
import { resolveCheckout } from '../node/checkout-files';
import { resolveCheckoutPath } from '../node/checkout-path';
import { readTextFile } from '../node/text-file';
import { loadCheckout } from './load-checkout';
import { CheckoutFiles } from './checkout-reader';
import { normalizeNotesDir, notesContext, notesFolderOutside, readNotes, type NoteFiles, type NotesContext } from './notes-analysis';

/**
 * Notes next to the code (SPEC §6): the list the CLI and the Notes view show, and creating a
 * note from its kind's template (superseding an older one updates that note's status). Writes
 * are atomic and only happen on request. The note-invalid check is in notes-analysis.ts.
 */

/** The notes folder through the path rule and the regular-file rule (a fresh, unwatched CheckoutFiles). */
function diskFiles(root: string): NoteFiles {
  return new CheckoutFiles(root);
}

function registryOf(root: string): Registry {
  const loaded = loadCheckout(root);
  return buildRegistry({ platform: loaded.platform, manifests: loaded.manifests, discoveryDiagnostics: loaded.discoveryDiagnostics, exists: loaded.exists });
}

function byNumberThenPath(a: NoteSummary, b: NoteSummary): number {
  const an = a.number ?? '9999z';
  const bn = b.number ?? '9999z';
  return an < bn ? -1 : an > bn ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export interface NoteFilter {
  module?: string;
  kind?: string;
  status?: string;
}

/**
 * The notes of a checkout, by number; optionally only those naming a module, of a kind or a
 * status. `context` (notes folder, module names) comes from an open session; else the checkout
 * is read.
 */
export function listNotes(dir: string, filter: NoteFilter = {}, context?: NotesContext): NoteSummary[] {
  const root = resolveCheckout(dir);
  const ctx = context ?? notesContext(registryOf(root));
  const files = diskFiles(root);
  const outside = notesFolderOutside(files, ctx.notesDir);
  if (outside !== null) throw new WorkbenchError('outside-checkout', outside);
  return readNotes(files, ctx)
    .notes.map((n) => n.summary)
    .filter((n) => (!filter.module || n.modules.includes(filter.module)) && (!filter.kind || n.kind === filter.kind) && (!filter.status || n.status === filter.status))
    .sort(byNumberThenPath);
}

/** Today's date as YYYY-MM-DD, local time. */
export function today(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Writes the next numbered note from its kind's template, atomically, and marks a superseded
 * note as such (a one-line edit of its front matter, atomic too). Throws WorkbenchError with a
 * message for people on bad input.
 */
export function createNote(dir: string, params: NoteCreateParams, date: string = today(), context?: NotesContext): NoteCreateResult {
  const root = resolveCheckout(dir);
  const ctx = context ?? notesContext(registryOf(root));
  if (!NOTE_KINDS.includes(params.kind)) throw new WorkbenchError('bad-request', `kind must be one of ${NOTE_KINDS.join(', ')}`);
  const title = params.title.replace(/\s+/g, ' ').trim();
  if (!title) throw new WorkbenchError('bad-request', 'a note needs a title');
  const dateProblem = noteDateProblem(date);
  if (dateProblem !== null) throw new WorkbenchError('bad-request', dateProblem);
  const modules = [...new Set(params.modules)];
  const unknown = modules.filter((m) => !ctx.modules.has(m));
  if (unknown.length > 0) {
    throw new WorkbenchError('bad-request', `${unknown.map((m) => `'${m}'`).join(', ')} ${unknown.length === 1 ? 'is not a module' : 'are not modules'} of this platform (modules: ${[...ctx.modules].sort().join(', ')})`);
  }
  const folder = normalizeNotesDir(ctx.notesDir);
  const files = diskFiles(root);
  const outside = notesFolderOutside(files, ctx.notesDir);
  if (outside !== null) throw new WorkbenchError('outside-checkout', outside);
  const existing = readNotes(files, ctx).notes.map((n) => n.summary);

  let superseded: NoteSummary | null = null;
  if (params.supersedes !== undefined && params.supersedes !== '') {
    const number = noteNumberOf(params.supersedes);
    superseded = existing.find((n) => (number !== null && n.number === number) || n.path.endsWith(`/${params.supersedes}`)) ?? null;
    if (!superseded) throw new WorkbenchError('bad-request', `no note ${params.supersedes} to supersede in ${folder} (notes: ${existing.map((n) => n.number ?? n.path).join(', ') || 'none'})`);
  }

  const number = nextNoteNumber(existing.map((n) => n.number));
  const rel = `${folder}/${number}-${slugify(title)}.md`;
  const target = resolveCheckoutPath(root, rel);
  if (!target.ok) throw new WorkbenchError(target.code, target.message);
  if (target.exists) throw new WorkbenchError('exists', `${rel} already exists`);
  const abs = target.real;

  let oldText: string | null = null;
  let newOldText: string | null = null;
  let oldTarget: string | null = null;
  if (superseded) {
    const old = resolveCheckoutPath(root, superseded.path);
    if (!old.ok) throw new WorkbenchError(old.code, old.message);
    oldTarget = old.real;
    const read = readTextFile(oldTarget);
    if (!read.ok) throw new WorkbenchError('unreadable', `${superseded.path} ${read.message}`);
    oldText = read.text;
    newOldText = setNoteStatus(oldText, 'superseded');
    if (newOldText === null) throw new WorkbenchError('bad-request', `${superseded.path} has no front matter whose status could be set to superseded`);
  }

  fs.mkdirSync(path.dirname(abs), { recursive: true });
  writeFileAtomic(abs, renderNoteTemplate({ kind: params.kind, title, date, modules, supersedes: superseded?.number ?? null }));
  if (oldTarget !== null && newOldText !== null && newOldText !== oldText) writeFileAtomic(oldTarget, newOldText);
  return { path: rel, superseded: superseded?.path ?? null };
}
