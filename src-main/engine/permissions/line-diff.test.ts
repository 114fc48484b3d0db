import { describe, expect, it } from 'vitest';
import { diffLines, formatDiff } from './line-diff';

const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

describe('line diff', () => {
  it('shows changes with three lines of context and gaps between hunks', () => {
    const a = lines(20);
    const b = [...a];
    b.splice(2, 1);
    b.splice(15, 0, 'new');
    const diff = diffLines(a.join('\n') + '\n', b.join('\n') + '\n');
    expect(formatDiff(diff)).toEqual([
      '  line 1',
      '  line 2',
      '- line 3',
      '  line 4',
      '  line 5',
      '  line 6',
      '  … 7 unchanged lines',
      '  line 14',
      '  line 15',
      '  line 16',
      '+ new',
      '  line 17',
      '  line 18',
      '  line 19',
      '  … 1 unchanged line',
    ]);
    expect(diff.find((l) => l.kind === 'add')).toEqual({ kind: 'add', text: 'new', newLine: 16 });
    expect(diff.find((l) => l.kind === 'remove')).toEqual({ kind: 'remove', text: 'line 3', oldLine: 3 });
  });

  it('is empty for equal texts and handles empty sides', () => {
    expect(diffLines('a\nb\n', 'a\nb\n')).toEqual([]);
    expect(formatDiff(diffLines('', 'a\n'))).toEqual(['+ a']);
    expect(formatDiff(diffLines('a\n', ''))).toEqual(['- a']);
  });

  it('finds the shortest script among interleaved changes', () => {
    const diff = diffLines('a\nb\nc\nd\ne\n', 'a\nx\nc\ne\ny\n', 10);
    expect(formatDiff(diff)).toEqual(['  a', '- b', '+ x', '  c', '- d', '  e', '+ y']);
  });

  it('falls back to remove-all / add-all when a change is too big to diff line by line', () => {
    const a = lines(3000, 'a');
    const b = lines(3000, 'b');
    const diff = diffLines(a.join('\n'), b.join('\n'), 0);
    expect(diff.filter((l) => l.kind === 'remove')).toHaveLength(3000);
    expect(diff.filter((l) => l.kind === 'add')).toHaveLength(3000);
  });
});

describe('line diff on long files', () => {
  it('diffs a few scattered changes in a long file line by line (no remove-all fallback)', () => {
    const a = lines(5000);
    const b = a.map((l, i) => (i % 1000 === 500 ? `${l} changed` : l));
    const diff = diffLines(a.join('\n'), b.join('\n'), 0);
    expect(diff.filter((l) => l.kind === 'remove')).toHaveLength(5);
    expect(diff.filter((l) => l.kind === 'add').map((l) => (l as { newLine: number }).newLine)).toEqual([501, 1501, 2501, 3501, 4501]);
  });
});
