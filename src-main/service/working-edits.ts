/**
 * The working-tree paths a watched session saw change, in order (issue 16: after an outside edit the
 * Changes view's check compares only the files it names, changes-compare.ts). Every reported path
 * gets a number; `since(mark)` gives the paths reported after a mark was taken, or null when the
 * session may have missed a change since (a full scan, a watcher problem, a checkout opened): then
 * the whole tree is compared again.
 */
export class WorkingEdits {
  private seq = 0;
  private lostAt = 0;
  /** Each path with the number it was last reported under. */
  private readonly paths = new Map<string, number>();

  /** A mark to take before reading the tree: the edits reported from now on are `since` it. */
  mark(): number {
    return this.seq;
  }

  touched(rel: string): void {
    this.paths.delete(rel);
    this.paths.set(rel, ++this.seq);
  }

  /** A change the session may not have reported (or reported as a whole): nothing before now can be relied on. */
  lost(): void {
    this.lostAt = ++this.seq;
    this.paths.clear();
  }

  /** The paths reported after `mark`, or null when a change since may be unknown. */
  since(mark: number): Set<string> | null {
    if (this.lostAt > mark) return null;
    const out = new Set<string>();
    // Kept in report order: the newest are last.
    for (const [rel, at] of [...this.paths].reverse()) {
      if (at <= mark) break;
      out.add(rel);
    }
    return out;
  }
}
