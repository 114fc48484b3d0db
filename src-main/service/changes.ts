import path from 'node:path';
import type { BaseRevision, ChangesResult, FileChange, GitRefs, PrCheckProgress, PrCheckReport } from '../common/contract-changes';
import { WorkbenchError } from '../common/contract';
import { capPerRule, compareDiagnostics, DEFAULT_MAX_PER_RULE, summarize } from '../common/diagnostic';
import type { ModuleRecord } from '../common/model';
import { isRuleId, ruleInfo } from '../common/rules';
import { parseManifest, type ManifestSource, type ParsedManifest } from '../engine/manifest';
import { parseNote } from '../engine/notes';
import { parsePlatform, PLATFORM_FILE } from '../engine/platform';
import { diffPlatforms } from '../engine/pr-diff';
import { checkPullRequest, editedMigrations, firstDifferingLine, readRoleGrants, type AddedNote } from '../engine/pr-rules';
import { buildRegistry, type Registry } from '../engine/registry';
import { applyWaivers } from '../engine/waivers';
import { resolveCheckout } from '../node/checkout-files';
import { matchFolders } from '../node/discover';
import { checkoutPath, GitError, GitRepository } from '../node/git';
import { firstInvalidUtf8, MAX_TEXT_FILE_BYTES, readTextFile } from '../node/text-file';
import { loadCheckoutAsync, type LoadedCheckout } from './load-checkout';
import { adaptedAtRevision, adaptedRoleGrants } from './adapted-checkout';
import { MANIFEST_FILE } from './manifest-source';
import type { PrCheckMemo, WorkingBlobs } from './changes-memo';
import { compareTrees, yieldToEvents, type CompareReuse, type Comparison } from './changes-compare';

/**
 * The pull-request check: the platform at a base revision (read from git objects, never checked
 * out) against the working tree (uncommitted and untracked changes included), as a semantic diff
 * plus the PR rules. Nothing is written: `git status` and the index are the same afterwards.
 */

export { GitError };

export interface PrCheckOptions {
  /** `--base REV`; the default is the merge base with main, else master, else origin/HEAD. */
  base?: string;
  /** Findings listed per rule (the rest are counted in `omitted`); 0 lists all. */
  maxPerRule?: number;
  /** `GitRepository.refsStamp` as the caller just read it (a session's check), so it is not asked twice. */
  refs?: string | null;
  /** Told as the working tree is compared, then with the changed files while the platforms are built and checked. */
  onProgress?: (p: PrCheckProgress) => void;
  /** A watched session's edits since its last check: only the files they name are compared again (changes-compare.ts). */
  reuse?: CompareReuse;
}

/**
 * The working tree as an open session already holds it (its parsed manifests and the registry built
 * from them), so the Changes view does not read and parse the whole tree again: only the files that
 * differ from the base are read, from git.
 */
export interface HeadScan {
  loaded: LoadedCheckout;
  registry: Registry;
  /** Blob ids of working files the session's earlier checks hashed. */
  blobs?: WorkingBlobs;
  /** What the session's earlier checks found that still holds (changes-memo.ts). */
  memo?: PrCheckMemo;
}

export interface PrCheckResult {
  report: PrCheckReport;
  base: Registry;
  head: Registry;
}

type Decoded = { ok: true; text: string } | { ok: false; message: string; line?: number; column?: number };

/** Bytes of a blob as text, with the same limits as files read from disk. */
function decode(bytes: Buffer): Decoded {
  if (bytes.length > MAX_TEXT_FILE_BYTES) return { ok: false, message: `is over the ${MAX_TEXT_FILE_BYTES / (1024 * 1024)} MiB limit for YAML inputs` };
  let text = bytes.toString('utf8');
  if (text.includes('\uFFFD') && firstInvalidUtf8(bytes) >= 0) return { ok: false, message: 'is not valid UTF-8' };
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/**
 * The platform at the base revision, parsed by the same engine functions as the working tree.
 * A manifest whose bytes did not change is the working tree's parse, reused.
 */
async function baseRegistry(repo: GitRepository, root: string, cmp: Comparison, head: LoadedCheckout): Promise<Registry> {
  const changed = new Set(cmp.changes.map((c) => c.path));
  const extra = new Map<string, Buffer>();
  const text = async (rel: string): Promise<Decoded | undefined> => {
    const entry = cmp.tree.get(rel);
    if (!entry || entry.symlink) return undefined;
    if (!changed.has(rel)) {
      // Unchanged: the working tree holds exactly the base's bytes.
      const read = readTextFile(checkoutPath(root, rel));
      if (read.ok) return { ok: true, text: read.text };
      if (!read.missing) return { ok: false, message: read.message, line: read.line, column: read.column };
    }
    let bytes = cmp.baseBytes.get(rel) ?? extra.get(rel);
    if (!bytes) {
      if (entry.size > MAX_TEXT_FILE_BYTES) return { ok: false, message: `is over the ${MAX_TEXT_FILE_BYTES / (1024 * 1024)} MiB limit for YAML inputs` };
      bytes = (await repo.readBlobs([entry.object])).get(entry.object);
      if (!bytes) return { ok: false, message: 'cannot be read from git' };
      extra.set(rel, bytes);
    }
    return decode(bytes);
  };

  // Adapter seam: the base of a checkout an adapter read (Drupal) is read by the same adapter.
  if (head.adapted) {
    const adapted = await adaptedAtRevision(head.adapted.kind, root, [...cmp.tree.keys()].filter((p) => !cmp.tree.get(p)?.symlink), text);
    return buildRegistry({ platform: adapted.platform, manifests: adapted.manifests, discoveryDiagnostics: [], exists: (rel) => cmp.tree.has(rel) });
  }
  const platformText = await text(PLATFORM_FILE);
  const platform =
    platformText === undefined
      ? parsePlatform(undefined, path.basename(root))
      : platformText.ok
        ? parsePlatform(platformText.text, path.basename(root))
        : parsePlatform(undefined, path.basename(root), `${PLATFORM_FILE} ${platformText.message}`);

  const folders = new Set<string>();
  for (const p of cmp.tree.keys()) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  const unchanged = new Map(head.manifests.filter((m) => cmp.tree.has(m.file) && !changed.has(m.file)).map((m) => [m.file, m]));
  const manifests: ParsedManifest[] = [];
  for (const dir of matchFolders(folders, platform.info.moduleGlobs)) {
    const file = `${dir}/${MANIFEST_FILE}`;
    const same = unchanged.get(file);
    if (same && !cmp.tree.get(file)?.symlink) {
      manifests.push(same);
      continue;
    }
    const read = await text(file);
    if (read === undefined) continue;
    const source: ManifestSource = read.ok ? { dir, file, text: read.text } : { dir, file, unreadable: { message: `${file} ${read.message} (at the base)`, line: read.line, column: read.column } };
    manifests.push(parseManifest(source));
  }
  return buildRegistry({ platform, manifests, discoveryDiagnostics: [], exists: (rel) => cmp.tree.has(rel) });
}

function headRegistry(loaded: LoadedCheckout): Registry {
  return buildRegistry({ platform: loaded.platform, manifests: loaded.manifests, discoveryDiagnostics: loaded.discoveryDiagnostics, exists: loaded.exists });
}

function addedNotes(root: string, head: Registry, changes: readonly FileChange[]): AddedNote[] {
  const dir = head.platform.notesDir.replace(/\/+$/, '');
  const out: AddedNote[] = [];
  for (const c of changes) {
    if (c.status !== 'added' || !c.path.startsWith(`${dir}/`) || !c.path.endsWith('.md') || c.path.slice(dir.length + 1).includes('/')) continue;
    const read = readTextFile(checkoutPath(root, c.path));
    if (!read.ok) continue;
    out.push({ file: c.path, modules: parseNote(c.path, read.text).summary.modules });
  }
  return out;
}

/** The repository, HEAD and the base; in a session, kept while git's refs and HEAD are the same. */
async function resolveRevisions(root: string, rev: string | undefined, memo?: PrCheckMemo, refs?: string | null) {
  const resolve = async () => {
    const repo = await GitRepository.open(root);
    const head = await repo.head();
    return { repo, head, base: rev !== undefined ? await repo.resolveBase(rev, head) : await repo.defaultBase(head) };
  };
  return memo ? memo.resolve(refs !== undefined ? refs : await GitRepository.refsStamp(root), rev, resolve) : resolve();
}

/**
 * Runs the pull-request check of a checkout. Throws GitError (repository problems) or CheckoutError.
 * `scan`: the working tree as a session holds it (same root), instead of reading it again.
 */
export async function runPrCheck(dir: string, options: PrCheckOptions = {}, scan?: () => HeadScan): Promise<PrCheckResult> {
  const root = resolveCheckout(dir);
  const before = scan?.();
  const memo = before?.memo;
  const { repo, head, base: resolved } = await resolveRevisions(root, options.base, memo, options.refs);
  const cmp = await compareTrees(repo, root, resolved.sha, before?.blobs, memo, options.onProgress, options.reuse);
  options.onProgress?.({ phase: 'check', done: 0, total: 1, files: cmp.changes });
  // Taken after the comparison, so a re-check the watcher ran meanwhile is included.
  const held = scan?.();
  const loaded = held?.loaded ?? (await loadCheckoutAsync(root));
  const buildBase = () => baseRegistry(repo, root, cmp, loaded);
  const base = memo ? await memo.base(root, resolved.sha, loaded.adapted?.kind ?? '', buildBase) : await buildBase();
  // Requests that arrived meanwhile are answered between the long steps (in a session).
  if (memo) await yieldToEvents();
  const current = held?.registry ?? headRegistry(loaded);
  const diff = memo ? memo.diff(base, current, cmp.changes) : diffPlatforms(base, current, cmp.changes);
  if (memo) await yieldToEvents();

  const rolesRead = loaded.adapted ? null : readTextFile(checkoutPath(root, current.platform.rolesFile));
  const grants = (file: string, text: string) => (memo ? memo.roleGrants(file, text) : readRoleGrants(file, text));
  const roles = loaded.adapted ? adaptedRoleGrants(loaded.adapted) : rolesRead?.ok ? grants(current.platform.rolesFile, rolesRead.text) : [];
  const lines = new Map<string, number | undefined>();
  for (const { path: rel } of editedMigrations(base, cmp.changes)) {
    const before = cmp.baseBytes.get(rel);
    const after = readTextFile(checkoutPath(root, rel));
    lines.set(rel, before && after.ok ? firstDifferingLine(before.toString('utf8'), after.text) : undefined);
  }
  const found = checkPullRequest({ base, head: current, diff, roles, addedNotes: addedNotes(root, current, cmp.changes), firstChangedLine: (rel) => lines.get(rel) });
  const findings = loaded.adapted ? loaded.adapted.refine(found) : found;
  // Only waivers of PR rules apply here (and only they can be stale here); `check` handles the rest.
  const waivers = current.waivers.filter((w) => isRuleId(w.rule) && ruleInfo(w.rule).category === 'pr');
  const { kept, waived } = applyWaivers(findings, waivers);
  kept.sort(compareDiagnostics);
  waived.sort(compareDiagnostics);
  const maxPerRule = options.maxPerRule ?? DEFAULT_MAX_PER_RULE;
  const { listed, omitted } = capPerRule(kept, maxPerRule);

  const baseInfo: BaseRevision = { rev: resolved.rev, sha: resolved.sha, subject: resolved.subject, how: resolved.how };
  if (resolved.against) baseInfo.against = resolved.against;
  const report: PrCheckReport = {
    checkout: root,
    base: baseInfo,
    head,
    diff,
    diagnostics: listed,
    summary: { ...summarize(kept), waived: waived.length },
    waived: capPerRule(waived, maxPerRule).listed,
    omitted,
  };
  return { report, base, head: current };
}

function moduleRecord(m: ParsedManifest): ModuleRecord {
  return { name: m.name, version: m.manifest.version ?? null, tier: m.manifest.tier, path: m.dir, status: 'ok', manifestFile: m.file, manifest: m.manifest, blockedBy: [] };
}

/** The Changes view's request: the report and the removed modules as they were at the base. */
export async function checkChanges(root: string, base?: string, scan?: () => HeadScan, more: Pick<PrCheckOptions, 'onProgress' | 'refs' | 'reuse'> = {}): Promise<ChangesResult> {
  const result = await runPrCheck(root, { base, ...more }, scan);
  const removedModules = result.report.diff.modules.filter((m) => m.change === 'removed').map((m) => moduleRecord(result.base.byName.get(m.name)!));
  return { report: result.report, removedModules };
}

/** What the base picker offers. */
export async function gitRefs(root: string): Promise<GitRefs> {
  const repo = await GitRepository.open(resolveCheckout(root));
  const head = await repo.head();
  const [branches, commits] = await Promise.all([repo.branches(), repo.recentCommits(30)]);
  let defaultBase: GitRefs['defaultBase'];
  try {
    const b = await repo.defaultBase();
    const info: BaseRevision = { rev: b.rev, sha: b.sha, subject: b.subject, how: b.how };
    if (b.against) info.against = b.against;
    defaultBase = { ok: true, base: info };
  } catch (err) {
    if (!(err instanceof GitError)) throw err;
    defaultBase = { ok: false, message: err.message };
  }
  return { head, branches, commits, defaultBase };
}

/** For the contract: repository problems cross as {code, message} data, like every other error. */
async function asWorkbenchError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof GitError) throw new WorkbenchError(err.code, err.message);
    throw err;
  }
}

export const changesForUi = (root: string, base?: string, scan?: () => HeadScan, more?: Pick<PrCheckOptions, 'onProgress' | 'refs' | 'reuse'>) => asWorkbenchError(() => checkChanges(root, base, scan, more));
export const gitRefsForUi = (root: string) => asWorkbenchError(() => gitRefs(root));
