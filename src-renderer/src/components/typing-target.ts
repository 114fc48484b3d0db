/**
 * Where the keyboard is typing text: a text field, a contenteditable, or a code editor (Monaco in
 * Chromium types through an EditContext on a plain <div>, not a <textarea>). Keys typed there belong
 * to that element; shortcuts of a view (`/`, Space, Esc, arrows) must leave them alone.
 *
 * `TYPING_CLASS` is React Flow's opt-out class (`noKeyClassName`, "nokey" by default): its key
 * handlers (Space to pan, selection keys) ignore events from inside an element carrying it. Every
 * Monaco editor gets it on creation (views/editor/monaco.ts).
 */
export const TYPING_CLASS = 'nokey';

const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  if ((target as { editContext?: unknown }).editContext) return true;
  return target.closest(`.${TYPING_CLASS}, .monaco-editor`) !== null;
}
