/**
 * Requests to the Notes view from elsewhere (a module's details, a finding in the Changes view):
 * open this note, or start a new note for these modules. Kept here until the Notes view takes
 * it, so it works whether or not the view is already showing.
 */
export type NoteRequest = { kind: 'open'; path: string } | { kind: 'new'; modules: string[]; noteKind?: 'architecture' | 'migration' };

let pending: NoteRequest | null = null;
const listeners = new Set<() => void>();

export function requestNote(request: NoteRequest): void {
  pending = request;
  for (const l of listeners) l();
}

/** Takes the pending request (once). */
export function takeNoteRequest(): NoteRequest | null {
  const r = pending;
  pending = null;
  return r;
}

export function onNoteRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
