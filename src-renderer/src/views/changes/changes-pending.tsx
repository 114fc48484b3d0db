import type { JSX } from 'react';
import type { ChangesProgress, FileChange } from '../../../../src-main/common/contract-changes';
import { plural } from '../../shared/plural';
import { FilesList } from './changes-tables';
import './changes-pending.css';

/**
 * What the Changes view shows while its check runs (issue 16: on a large platform the first check
 * takes seconds): how far the comparison with the base is, then the files that differ, listed
 * while the platforms are built and the PR rules run. Never a blank view.
 */
export function PendingCheck(props: { progress: ChangesProgress | null; files: FileChange[] | null }): JSX.Element {
  const { progress, files } = props;
  const comparing = progress?.phase === 'compare' ? progress : null;
  const status = files
    ? `${plural(files.length, 'file')} ${files.length === 1 ? 'differs' : 'differ'} from the base; checking the platforms and the pull-request rules…`
    : comparing
      ? `Comparing the working tree with the base: ${comparing.done.toLocaleString('en')} of ${plural(comparing.total, 'file')}…`
      : 'Comparing the working tree with the base…';
  return (
    <div className="changes-body view-pad" data-testid="changes-pending" data-phase={files ? 'check' : 'compare'}>
      <p className="muted" role="status">
        {status}
      </p>
      {!files && (
        <div className="changes-progress" role="progressbar" aria-label="Comparing with the base" aria-valuenow={comparing?.done ?? 0} aria-valuemax={comparing?.total ?? 0}>
          <div className="bar" style={{ width: `${comparing && comparing.total ? (100 * comparing.done) / comparing.total : 5}%` }} />
        </div>
      )}
      {files && <FilesList files={files} open />}
    </div>
  );
}
