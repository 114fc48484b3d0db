/**
 * The workbench never shows CLI wording (issue 17, item 9): the engine's messages that end in a
 * command line (as written in pr-rules.ts, permission-rules.ts, migrations.ts and git.ts) come out of
 * guiText without one (the e2e tests check the views themselves); the counts read
 * "1 error", never "1 errors".
 */
import { describe, expect, it } from 'vitest';
import { guiText } from '../src-renderer/src/shared/gui-wording';
import { nounFor, plural } from '../src-renderer/src/shared/plural';

const CLI = /mwb |--[a-z]{3,}/;

describe('GUI wording', () => {
  it.each([
    'core module \'tenancy\' changed in this change, but no note added in the change names it; add a note that names it (mwb notes new --kind architecture --module tenancy --title "...")',
    "permission 'shop.item.read' is granted to no role; 'mwb permissions reconcile --apply' grants it to admin and viewer",
    'stopped before wave 3 (contract): the contract and maintenance waves need --yes, confirming a maintenance window',
    "'nope' is not a revision: give a branch, tag or commit (for example --base main)",
    "the base 'v1' is not in this shallow clone (its history is cut off); fetch more history with 'git fetch --unshallow' (or --deepen=N), then run pr-check again",
    'HEAD and main share no history; name the base with --base REV',
    'there is no main, master or origin/HEAD to compare with; name the base with --base REV (a branch, tag or commit)',
  ])('%s', (message) => {
    const out = guiText(message);
    expect(out.replace(/git fetch --unshallow' \(or --deepen=N\)/, '')).not.toMatch(CLI);
    expect(out.length).toBeGreaterThan(20);
  });

  it('leaves other messages alone', () => {
    expect(guiText("'billing' needs payments ^2.0.0, but payments is 1.2.0")).toBe("'billing' needs payments ^2.0.0, but payments is 1.2.0");
  });

  it('counts with the right noun', () => {
    expect(plural(1, 'error')).toBe('1 error');
    expect(plural(0, 'error')).toBe('0 errors');
    expect(plural(2, 'stale grant')).toBe('2 stale grants');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
    expect(plural(1200, 'module')).toBe('1,200 modules');
    expect(nounFor(1, 'step')).toBe('step');
  });
});
