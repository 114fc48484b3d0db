/**
 * Permission ids (`module.resource.action`) and wildcard coverage. A `*` segment is a broad
 * scope: in the middle it matches exactly one segment, as the last segment it matches one or
 * more (`billing.*` covers `billing.invoice.read`; `*` covers every id). Coverage compares
 * segments, never text, as `kubectl auth reconcile` compares rules by coverage.
 */

const SEGMENT_RE = /^[a-z][a-z0-9_-]*$/;

/** A well-formed id without a wildcard: two or more SEGMENT_RE segments (the common case, one test). */
const PLAIN_ID_RE = /^[a-z][a-z0-9_-]*(?:\.[a-z][a-z0-9_-]*)+$/;

/** Why `id` is not a well-formed permission id, or null when it is. */
export function permissionIdProblem(id: string): string | null {
  if (PLAIN_ID_RE.test(id)) return null;
  const segments = id.split('.');
  if (segments.length < 2) return 'it needs two or more dot-separated segments (module.resource.action)';
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s === '*' || SEGMENT_RE.test(s)) continue;
    if (s === '') return `segment ${i + 1} is empty`;
    if (s.includes('*')) return `segment '${s}' mixes '*' with other characters; '*' must be a whole segment`;
    if (/[A-Z]/.test(s)) return `segment '${s}' has upper case; use [a-z][a-z0-9_-]*`;
    return `segment '${s}' is not [a-z][a-z0-9_-]* or '*'`;
  }
  return null;
}

export function isWellFormedId(id: string): boolean {
  return permissionIdProblem(id) === null;
}

/** Whether an id is a broad scope: one of its segments is `*`. */
export function isWildcard(id: string): boolean {
  return id.includes('*') && (id === '*' || id.split('.').includes('*'));
}

/** Whether `grant` covers `permission`: equal, or equal segment by segment where `*` matches. */
export function covers(grant: string, permission: string): boolean {
  if (grant === permission) return true;
  if (!grant.includes('*')) return false;
  const g = grant.split('.');
  const p = permission.split('.');
  for (let i = 0; i < g.length; i++) {
    if (g[i] === '*') {
      if (i === g.length - 1) return p.length > i;
      if (i >= p.length) return false;
      continue;
    }
    if (i >= p.length || g[i] !== p[i]) return false;
  }
  return g.length === p.length;
}

/**
 * Answers "which declared permissions does this grant cover" quickly for large catalogs: exact
 * grants are a set lookup; grants with `*` are matched against the ids sharing their fixed prefix.
 */
export class CoverageIndex {
  private readonly ids: ReadonlySet<string>;
  /** First segment -> ids starting with it; built on the first wildcard question. */
  private heads: Map<string, string[]> | null = null;

  constructor(ids: Iterable<string>) {
    this.ids = new Set(ids);
  }

  private get byHead(): Map<string, string[]> {
    if (this.heads) return this.heads;
    const heads = new Map<string, string[]>();
    for (const id of this.ids) {
      const head = id.split('.', 1)[0];
      const list = heads.get(head);
      if (list) list.push(id);
      else heads.set(head, [id]);
    }
    this.heads = heads;
    return heads;
  }

  /** The declared ids `grant` covers, in the order they were given. */
  covered(grant: string): string[] {
    if (!grant.includes('*')) return this.ids.has(grant) ? [grant] : [];
    const head = grant.split('.', 1)[0];
    const candidates = head === '*' ? [...this.ids] : (this.byHead.get(head) ?? []);
    return candidates.filter((id) => covers(grant, id));
  }

  coversAny(grant: string): boolean {
    if (!grant.includes('*')) return this.ids.has(grant);
    const head = grant.split('.', 1)[0];
    const candidates = head === '*' ? this.ids : (this.byHead.get(head) ?? []);
    for (const id of candidates) if (covers(grant, id)) return true;
    return false;
  }
}

/**
 * The grants of one role, indexed for "is this permission covered, and by which grant": the
 * grant equal to the id wins (a direct grant), else the first wildcard that matches.
 */
export class GrantSet {
  private readonly exact: ReadonlySet<string>;
  private readonly wild: readonly string[];

  constructor(grants: Iterable<string>) {
    const exact = new Set<string>();
    const wild: string[] = [];
    for (const g of grants) {
      exact.add(g);
      if (g.includes('*')) wild.push(g);
    }
    this.exact = exact;
    this.wild = wild;
  }

  /** The grant covering `permission` (itself when granted directly), or null. */
  coveringGrant(permission: string): string | null {
    if (this.exact.has(permission)) return permission;
    for (const g of this.wild) if (covers(g, permission)) return g;
    return null;
  }
}
