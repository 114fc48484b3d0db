import type { Events } from '../common/contract';
import type { ChangesResult, GitRefs, PrCheckProgress } from '../common/contract-changes';
import { GitRepository } from '../node/git';
import { changesForUi, gitRefsForUi } from './changes';
import { Coalescer } from './coalesce';
import type { WorkbenchSession } from './session';
import { WorkingEdits } from './working-edits';

/**
 * The Changes view's checks in a watched session (issue 16: at 5,000 modules a check takes seconds
 * even with the memos of changes-memo.ts; the service runs one ahead of the view's first visit).
 * A result is answered again while nothing that could change it happened since its run started:
 * no event of the session (every file the watcher reported, every save, re-check and apply is
 * one) and the same refs and HEAD in git. Without a watcher, after a watcher problem, with files in
 * folders the watcher skips, or when asked `fresh` ("Check again"), the check runs again.
 */
export class ChangesChecks {
  /** Runs coalesced per checkout and base: a burst of requests costs two runs, not one each. */
  private readonly runs = new Coalescer<ChangesResult>();
  private readonly held = new Map<string, { stamp: string; result: Promise<ChangesResult> }>();
  /** Counts the session's events; a result is kept for one count. */
  private generation = 0;
  private watchFailed = false;
  private listed: { key: string; refs: GitRefs } | null = null;
  /** The paths the session reported changed: a check compares only those again (changes-compare.ts). */
  private readonly edits = new WorkingEdits();

  constructor(
    private readonly session: WorkbenchSession,
    private readonly emit: <E extends keyof Events>(event: E, payload: Events[E]) => void,
    private readonly watched: boolean,
  ) {}

  /** Every event the session emits (before it reaches the views). */
  observe<E extends keyof Events>(event: E, payload: Events[E]): void {
    if (event === 'changes.progress' || event === 'session.progress') return;
    this.generation++;
    if (event === 'file.changed') this.edits.touched((payload as Events['file.changed']).path);
    // A full scan (a rescan asked for, platform.yaml) may follow changes no event named.
    if (event === 'session.snapshot' && (payload as Events['session.snapshot']).stats?.kind === 'full') this.edits.lost();
    if (event === 'session.error') {
      this.watchFailed = true;
      this.edits.lost();
    }
  }

  /** A new checkout: a fresh start (its own watcher). */
  opened(): void {
    this.held.clear();
    this.watchFailed = false;
    this.edits.lost();
  }

  /** The base picker's branches and commits: listed again when git's refs or HEAD changed. */
  async refs(checkout: string): Promise<GitRefs> {
    const refs = await GitRepository.refsStamp(checkout);
    const key = `${checkout}\0${refs}`;
    if (refs !== null && this.listed?.key === key) return this.listed.refs;
    const listed = await gitRefsForUi(checkout);
    if (refs !== null) this.listed = { key, refs: listed };
    return listed;
  }

  async check(checkout: string, base: string | undefined, fresh = false): Promise<ChangesResult> {
    const key = `${checkout}\0${base ?? ''}`;
    const refs = await GitRepository.refsStamp(checkout);
    const stamp = this.stamp(refs);
    const held = this.held.get(key);
    if (!fresh && stamp !== null && held?.stamp === stamp) {
      try {
        return await held.result;
      } catch {
        // A failed run is not an answer to keep: run again below.
      }
    }
    const progress = (p: PrCheckProgress) => this.emit('changes.progress', { ...p, checkout, base: base ?? '' });
    // The refs as read now serve a run that starts now; one queued behind another reads them again.
    let now = true;
    // The edits the session saw, while its watcher sees every change (a run queued behind another asks again).
    const reuse = () => (this.watched && !this.watchFailed ? { reuse: { edits: this.edits, fresh } } : {});
    const result = this.runs.run(key, () => changesForUi(checkout, base, this.session.headScan, { onProgress: progress, ...(now ? { refs } : {}), ...reuse() }));
    now = false;
    // The stamp was taken before the run started: anything that happens from now on changes it.
    if (stamp !== null) this.held.set(key, { stamp, result });
    else this.held.delete(key);
    result.catch(() => this.held.get(key)?.result === result && this.held.delete(key));
    return result;
  }

  private stamp(refs: string | null): string | null {
    if (!this.watched || this.watchFailed || refs === null || this.session.headScan().memo?.sawUnwatched) return null;
    return `${this.generation}\n${refs}`;
  }
}
