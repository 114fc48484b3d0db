import type { DiffLine } from '../../common/contract-permissions';
import { library } from '../libraries';

/** Lines without their line breaks; a final line break does not make an empty last line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

type Op = { kind: 'same' | 'remove' | 'add'; a: number; b: number };

/**
 * Past this many added plus removed lines a change is shown as remove-all, add-all: jsdiff's
 * Myers search costs O((N+M)·D) time and keeps O(D²) paths, and the preview of a whole rewritten
 * roles file reads better that way. A bound on work, not a timeout: the engine has no clock.
 */
const MAX_EDIT_LENGTH = 2_000;

/**
 * The edit script, one op per line: the common prefix and suffix are trimmed first (so an insertion
 * next to a repeated line, such as a blank one, sits where a reader expects it, after the equal
 * lines), then jsdiff's `diffArrays` (Myers' shortest edit script) diffs the middle.
 */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push({ kind: 'same', a: i, b: i });
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const changes = midA.length === 0 || midB.length === 0 ? undefined : library('diff').diffArrays(midA, midB, { maxEditLength: MAX_EDIT_LENGTH });
  if (changes) {
    let x = head;
    let y = head;
    for (const c of changes) {
      for (let i = 0; i < c.count; i++) {
        if (c.added) ops.push({ kind: 'add', a: x, b: y++ });
        else if (c.removed) ops.push({ kind: 'remove', a: x++, b: y });
        else ops.push({ kind: 'same', a: x++, b: y++ });
      }
    }
  } else {
    // One side empty, or past MAX_EDIT_LENGTH: remove all, then add all.
    for (let i = 0; i < midA.length; i++) ops.push({ kind: 'remove', a: head + i, b: head });
    for (let i = 0; i < midB.length; i++) ops.push({ kind: 'add', a: head + midA.length, b: head + i });
  }
  for (let i = tail; i > 0; i--) ops.push({ kind: 'same', a: a.length - i, b: b.length - i });
  return ops;
}

/** The changed lines of `after` against `before` with `context` unchanged lines around each change. */
export function diffLines(before: string, after: string, context = 3): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = editScript(a, b);
  const changed = ops.map((o) => o.kind !== 'same');
  const keep = ops.map((_, i) => {
    for (let j = Math.max(0, i - context); j <= Math.min(ops.length - 1, i + context); j++) if (changed[j]) return true;
    return false;
  });
  const out: DiffLine[] = [];
  let skipped = 0;
  ops.forEach((o, i) => {
    if (!keep[i]) {
      skipped++;
      return;
    }
    if (skipped > 0) out.push({ kind: 'gap', count: skipped });
    skipped = 0;
    if (o.kind === 'add') out.push({ kind: 'add', text: b[o.b], newLine: o.b + 1 });
    else if (o.kind === 'remove') out.push({ kind: 'remove', text: a[o.a], oldLine: o.a + 1 });
    else out.push({ kind: 'same', text: a[o.a], oldLine: o.a + 1, newLine: o.b + 1 });
  });
  if (skipped > 0 && out.length > 0) out.push({ kind: 'gap', count: skipped });
  return out;
}

/** Diff lines as unified-diff text (`+`, `-`, ` `), for the terminal. */
export function formatDiff(lines: readonly DiffLine[]): string[] {
  return lines.map((l) => {
    switch (l.kind) {
      case 'gap':
        return `  … ${l.count} unchanged line${l.count === 1 ? '' : 's'}`;
      case 'add':
        return `+ ${l.text}`;
      case 'remove':
        return `- ${l.text}`;
      default:
        return `  ${l.text}`;
    }
  });
}
