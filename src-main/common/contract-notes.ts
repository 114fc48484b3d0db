/**
 * Architecture and migration notes (SPEC §6): Markdown files `<NNNN>-<slug>.md` in the notes
 * folder, with front matter `{title, kind, status, date, modules, supersedes?}`.
 */

export type NoteKind = 'architecture' | 'migration';
export const NOTE_KINDS: readonly NoteKind[] = ['architecture', 'migration'];

export type NoteStatus = 'draft' | 'proposed' | 'accepted' | 'superseded';
export const NOTE_STATUSES: readonly NoteStatus[] = ['draft', 'proposed', 'accepted', 'superseded'];

export interface NoteSummary {
  /** Checkout-relative path with `/`. */
  path: string;
  /** The four-digit number of the file name (`0003`), or null when the name has none. */
  number: string | null;
  title: string | null;
  kind: NoteKind | null;
  status: NoteStatus | null;
  date: string | null;
  modules: string[];
  /** Number of the note this one supersedes. */
  supersedes: string | null;
  /** Whether the note has note-invalid findings. */
  valid: boolean;
}

export interface NoteCreateParams {
  kind: NoteKind;
  title: string;
  modules: string[];
  /** Number (`2`, `0002`) or file name of a note this one supersedes; its status becomes superseded. */
  supersedes?: string;
}

export interface NoteCreateResult {
  /** The new note, checkout-relative. */
  path: string;
  /** The note whose status was set to superseded, if any. */
  superseded: string | null;
}
