import type { DiffLine } from '../../common/contract-permissions';

/** Lines without their line breaks; a final line break does not make an empty last line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

type Op = { kind: 'same' | 'remove' | 'add'; a: number; b: number };

/** Past this much work (frontier cells kept for the walk back) a change is shown as remove-all, add-all. */
const MAX_TRACE_CELLS = 4_000_000;

/**
 * Myers' O((N+M)D) shortest edit script between two lists of lines, after trimming the common
 * prefix and suffix. Returns null when the change is too large to diff line by line.
 */
function myers(a: readonly string[], b: readonly string[]): Op[] | null {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let done = max === 0;
  for (let d = 0; d <= max && !done; d++) {
    if ((d + 1) * v.length > MAX_TRACE_CELLS) return null;
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: 'same', a: --x, b: --y });
    if (x === prevX) ops.push({ kind: 'add', a: x, b: --y });
    else ops.push({ kind: 'remove', a: --x, b: y });
  }
  while (x > 0 && y > 0) ops.push({ kind: 'same', a: --x, b: --y });
  return ops.reverse();
}

function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push({ kind: 'same', a: i, b: i });
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const mid = midA.length === 0 || midB.length === 0 ? null : myers(midA, midB);
  if (mid) {
    for (const o of mid) ops.push({ kind: o.kind, a: o.a + head, b: o.b + head });
  } else {
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
