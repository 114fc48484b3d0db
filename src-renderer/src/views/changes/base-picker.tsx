import { useState, type FormEvent, type JSX } from 'react';
import type { GitRefs } from '../../../../src-main/common/contract-changes';
import { short } from './changes-summary';

/** The base of the comparison: the default, a branch, a recent commit, or a revision typed in. */
export function BasePicker(props: { refs: GitRefs | null; base: string | null; onChoose(base: string): void }): JSX.Element {
  const { refs, base } = props;
  const [other, setOther] = useState('');
  const onOther = (e: FormEvent) => {
    e.preventDefault();
    if (other.trim()) props.onChoose(other.trim());
  };
  return (
    <>
        <label className="changes-base">
          Compare with
          <select aria-label="Base revision" value={base ?? ''} onChange={(e) => props.onChoose(e.target.value)} disabled={base === null}>
            <option value="">{refs ? (refs.defaultBase.ok ? `default: merge base with ${refs.defaultBase.base.against} (${short(refs.defaultBase.base.sha)})` : 'default: none found') : 'default base'}</option>
            {refs && refs.branches.length > 0 && (
              <optgroup label="Branches">
                {refs.branches.map((b) => (
                  <option key={`${b.remote ? 'r' : 'l'}:${b.name}`} value={b.name}>
                    {b.name}
                    {b.current ? ' (current)' : ''}
                  </option>
                ))}
              </optgroup>
            )}
            {refs && refs.commits.length > 0 && (
              <optgroup label="Recent commits">
                {refs.commits.map((c) => (
                  <option key={c.sha} value={c.sha}>
                    {short(c.sha)} {c.subject.length > 60 ? `${c.subject.slice(0, 59)}…` : c.subject}
                  </option>
                ))}
              </optgroup>
            )}
            {/* Also while the branches and commits are still being listed: the picker shows the base compared with. */}
            {base && !refs?.branches.some((b) => b.name === base) && !refs?.commits.some((c) => c.sha === base) && <option value={base}>{base}</option>}
          </select>
        </label>
        <form className="changes-other" onSubmit={onOther}>
          <input type="text" aria-label="Other base revision" placeholder="tag, branch or commit" value={other} onChange={(e) => setOther(e.target.value)} spellCheck={false} />
          <button type="submit" disabled={!other.trim()}>
            Compare
          </button>
        </form>
    </>
  );
}
