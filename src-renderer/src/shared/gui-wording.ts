/**
 * The engine's messages are shared with the CLI, so a few of them end in a command line
 * (`mwb notes new --kind ...`, `--base REV`, `--yes`). In the workbench the same advice names the
 * button or the view instead: each rewrite below matches one such hint exactly, and anything else
 * passes unchanged.
 */
const REWRITES: readonly [RegExp, string][] = [
  [/\(mwb notes new --kind (\w+) --module ([\w-]+) --title "\.\.\."\)/g, '(Write a note…, or New note in Notes: kind $1, module $2)'],
  [/'mwb permissions reconcile --apply' grants it to/g, 'Reconcile in the Permissions view grants it to'],
  [/the contract and maintenance waves need --yes, confirming a maintenance window/g, 'the contract and maintenance waves run only when you confirm a maintenance window (Apply…, then “Apply all, in the window”)'],
  [/ \(for example --base main\)/g, ' (for example main)'],
  [/, then run pr-check again/g, ', then check again'],
  [/, or name a base that is present with --base REV/g, ', or pick a base that is present'],
  [/; name the base with --base REV( \(a branch, tag or commit\))?/g, '; pick a base above (a branch, tag or commit)'],
  [/ \(`mwb pr-check --max-per-rule 0` lists all\)/g, ''],
];

/** A message as the workbench shows it: the CLI's command-line hints named as the GUI's own actions. */
export function guiText(message: string): string {
  let out = message;
  for (const [pattern, replacement] of REWRITES) out = out.replace(pattern, replacement);
  return out;
}

/** A finding's message as the workbench shows it. */
export function guiMessage(d: { message: string }): string {
  return guiText(d.message);
}
