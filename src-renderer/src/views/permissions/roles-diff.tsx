import { useState, type JSX } from 'react';
import type { DiffLine } from '../../../../src-main/common/contract-permissions';
import { plural } from '../../shared/plural';
import { useWorkbench } from '../../state/workbench-context';

type Row = Exclude<DiffLine, { kind: 'gap' }>;
type Shown = Row | { kind: 'gap'; count: number; index: number; oldStart: number; newStart: number };

/** Numbers each gap with the old and new line it starts at, counting the lines around it. */
export function locateGaps(diff: readonly DiffLine[]): Shown[] {
  let nextOld = 1;
  let nextNew = 1;
  return diff.map((l, index) => {
    if (l.kind === 'gap') {
      const gap = { kind: 'gap' as const, count: l.count, index, oldStart: nextOld, newStart: nextNew };
      nextOld += l.count;
      nextNew += l.count;
      return gap;
    }
    if (l.kind === 'same') {
      nextOld = l.oldLine + 1;
      nextNew = (l.newLine ?? nextNew) + 1;
    } else if (l.kind === 'remove') nextOld = l.oldLine + 1;
    else nextNew = (l.newLine ?? nextNew - 1) + 1;
    return l;
  });
}

/**
 * The roles file diff of the reconcile preview. A gap of unchanged lines opens on click (its lines
 * read from the file the preview was made from); if the file changed since, the gap says so
 * instead of showing lines that would not match.
 */
export function RolesDiff(props: { rolesFile: string; diff: DiffLine[]; baseVersion: string | null }): JSX.Element {
  const { client } = useWorkbench();
  const [lines, setLines] = useState<string[] | null>(null);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [stale, setStale] = useState<string | null>(null);

  const expand = (index: number) => {
    const show = () => setOpen((s) => new Set([...s, index]));
    if (lines) return show();
    client.request('file.read', { path: props.rolesFile }).then(
      (f) => {
        if (f.version !== props.baseVersion) return setStale(`${props.rolesFile} changed since this preview; preview again to see its lines.`);
        setLines(f.text.replace(/\r\n?/g, '\n').split('\n'));
        show();
      },
      (e: Error) => setStale(e.message),
    );
  };

  return (
    <div className="perm-diff mono" data-testid="reconcile-diff" role="table" aria-label={`Changes to ${props.rolesFile}`}>
      {stale && (
        <div className="diff-line gap" role="row">
          <span className="txt error-text" style={{ gridColumn: "1 / -1" }}>{stale}</span>
        </div>
      )}
      {locateGaps(props.diff).map((l, i) => {
        if (l.kind === 'gap' && open.has(l.index) && lines) {
          return Array.from({ length: l.count }, (_, k) => (
            <div key={`${i}:${k}`} className="diff-line same expanded" data-kind="same" role="row">
              <span className="ln">{l.oldStart + k}</span>
              <span className="ln">{l.newStart + k}</span>
              <span className="txt">
                {'  '}
                {lines[l.oldStart + k - 1] ?? ''}
              </span>
            </div>
          ));
        }
        if (l.kind === 'gap') {
          return (
            <div key={i} className="diff-line gap" role="row">
              <span className="ln" />
              <span className="ln" />
              <button type="button" className="txt gap-toggle" onClick={() => expand(l.index)} title="Show these lines" data-testid="diff-gap">
                ⋯ {plural(l.count, 'unchanged line')} (show)
              </button>
            </div>
          );
        }
        return (
          <div key={i} className={`diff-line ${l.kind}`} data-kind={l.kind} role="row">
            <span className="ln">{l.kind === 'add' ? '' : l.oldLine}</span>
            <span className="ln">{l.kind === 'remove' ? '' : l.newLine}</span>
            <span className="txt">
              {l.kind === 'add' ? '+ ' : l.kind === 'remove' ? '- ' : '  '}
              {l.text}
            </span>
          </div>
        );
      })}
    </div>
  );
}
