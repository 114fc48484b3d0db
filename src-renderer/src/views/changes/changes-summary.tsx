import type { JSX } from 'react';
import type { PrCheckReport } from '../../../../src-main/common/contract-changes';
import type { DiagnosticSummary } from '../../../../src-main/common/diagnostic';
import { guiText } from '../../shared/gui-wording';
import { plural } from '../../shared/plural';

/** What a failed comparison says, with a hint per git failure. */
export interface Failure {
  code: string;
  message: string;
}

export const short = (sha: string) => sha.slice(0, 8);

export function failureOf(e: unknown): Failure {
  const err = e as { code?: string; message?: string };
  return { code: err.code ?? 'error', message: err.message ?? String(e) };
}

export function FailureView(props: { failure: Failure; hasBase: boolean; onRetry(): void }): JSX.Element {
  const { code, message } = props.failure;
  const hint =
    code === 'not-a-repository'
      ? 'The Changes view compares the working tree with a base revision, so the checkout must be inside a git clone.'
      : code === 'no-commits'
        ? 'Commit the platform once; then changes are measured against that commit or a branch.'
        : code === 'shallow-missing-base'
          ? 'Fetch more history (git fetch --unshallow), or pick a base that is in this clone.'
          : code === 'no-base' || code === 'unrelated-histories'
            ? 'Pick a branch or a commit to compare with above.'
            : code === 'unknown-revision'
              ? 'Pick a branch or commit from the list, or type another revision.'
              : '';
  return (
    <div className="changes-failure view-pad" role="alert" data-code={code}>
      <h3>No comparison</h3>
      <p>{guiText(message)}</p>
      {hint && <p className="muted">{hint}</p>}
      {props.hasBase && (
        <button type="button" onClick={props.onRetry}>
          Use the default base
        </button>
      )}
    </div>
  );
}

/**
 * The head, the base, the size of the change and its findings. The counts are the pull-request
 * rules' findings on this change; the status bar counts the whole working tree's own findings, so
 * when the two differ the header says so.
 */
export function Summary({ report, checkout }: { report: PrCheckReport; checkout: DiagnosticSummary | undefined }): JSX.Element {
  const d = report.diff.summary;
  const s = report.summary;
  const h = report.head;
  const differs = checkout !== undefined && (checkout.errors !== s.errors || checkout.warnings !== s.warnings);
  return (
    <div className="changes-summary" data-testid="changes-summary">
      <div>
        <strong>{h.detached ? `detached HEAD at ${short(h.sha)}` : h.branch}</strong> <span className="muted">working tree, compared with</span>{' '}
        <code title={report.base.sha}>{report.base.how === 'merge-base' ? `merge base with ${report.base.against}` : report.base.rev}</code>{' '}
        <span className="muted">
          ({short(report.base.sha)} “{report.base.subject}”)
        </span>
      </div>
      <div className="changes-chips">
        <span className="chip added">{d.modulesAdded} added</span>
        <span className="chip changed">{d.modulesChanged} changed</span>
        <span className="chip removed">{d.modulesRemoved} removed</span>
        <span className="chip">{plural(d.files, 'file')}</span>
        <span className={`badge ${s.errors > 0 ? 'error' : 'ok'}`} data-testid="change-errors" title="Findings of the pull-request check on this change">
          {plural(s.errors, 'error')}
        </span>
        <span className={`badge ${s.warnings > 0 ? 'warning' : 'ok'}`}>{plural(s.warnings, 'warning')}</span>
        {s.waived > 0 && <span className="badge info">{s.waived} waived</span>}
      </div>
      {differs && (
        <div className="muted changes-count-note" data-testid="count-note">
          These counts are the pull-request check of this change (what it breaks against the base); the status bar counts the working tree's own findings ({plural(checkout.errors, 'error')},{' '}
          {plural(checkout.warnings, 'warning')}), which Problems lists.
        </div>
      )}
    </div>
  );
}
