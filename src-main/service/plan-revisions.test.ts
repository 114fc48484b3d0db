import { describe, expect, it } from 'vitest';
import type { MigrationsView } from '../common/contract-migrations';
import type { ParsedManifest } from '../engine/manifest';
import type { Registry } from '../engine/registry';
import { PlanRevisions } from './plan-memo';

/** Only what PlanRevisions reads of a registry: its manifests' files. */
const manifest = (file: string) => ({ file }) as ParsedManifest;
const registry = (order: string[], manifests: ParsedManifest[]) => ({ order, manifests }) as unknown as Registry;
const view = (...files: string[]) => ({ steps: [], diagnostics: files.map((file) => ({ rule: 'r', severity: 'error', message: 'm', file, line: 1, column: 1 })) }) as unknown as MigrationsView;

describe('PlanRevisions: which check of the session a plan stands for', () => {
  const a = manifest('modules/a/module.yaml');
  const b = manifest('modules/b/module.yaml');
  const order = ['a', 'b'];

  it('keeps the revision while the check stamp is the same and no manifest a finding is in was replaced', () => {
    const revisions = new PlanRevisions();
    const held = view('modules/a/module.yaml', 'modules/a/migrations/a_0001_x.expand.sql');
    expect(revisions.revisionFor(1, 1, registry(order, [a, b]), null)).toBe(1);
    // b moved (record-only edit, no check ran: the stamp stays 1), even in a registry with an order list of its own: kept.
    expect(revisions.revisionFor(1, 2, registry([...order], [a, manifest(b.file)]), held)).toBe(1);
    // a moved: its finding's line may have moved, so a new plan.
    expect(revisions.revisionFor(1, 3, registry(order, [manifest(a.file), b]), held)).toBe(3);
  });

  it('a new check stamp starts again, even when the registry kept its load order list; so does holding no plan', () => {
    const revisions = new PlanRevisions();
    const same = registry(order, [a, b]);
    expect(revisions.revisionFor(1, 1, same, null)).toBe(1);
    // The checks ran (a route's permission edited), the same registry object: a new revision.
    expect(revisions.revisionFor(2, 2, same, view())).toBe(2);
    expect(revisions.revisionFor(2, 3, same, null)).toBe(3);
    // A finding related to a replaced manifest counts too.
    const related = { steps: [], diagnostics: [{ rule: 'r', severity: 'error', message: 'm', file: 'x.sql', line: 1, column: 1, related: [{ file: b.file, line: 2, column: 1, message: 'here' }] }] } as unknown as MigrationsView;
    expect(revisions.revisionFor(2, 4, registry(order, [a, b]), related)).toBe(3);
    expect(revisions.revisionFor(2, 5, registry(order, [a, manifest(b.file)]), related)).toBe(5);
  });
});
