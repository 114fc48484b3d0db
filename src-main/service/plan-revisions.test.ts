import { describe, expect, it } from 'vitest';
import type { MigrationsView } from '../common/contract-migrations';
import type { ParsedManifest } from '../engine/manifest';
import type { Registry } from '../engine/registry';
import { PlanRevisions } from './plan-memo';

/** Only what PlanRevisions reads of a registry: its load order list and its manifests' files. */
const manifest = (file: string) => ({ file }) as ParsedManifest;
const registry = (order: string[], manifests: ParsedManifest[]) => ({ order, manifests }) as unknown as Registry;
const view = (...files: string[]) => ({ steps: [], diagnostics: files.map((file) => ({ rule: 'r', severity: 'error', message: 'm', file, line: 1, column: 1 })) }) as unknown as MigrationsView;

describe('PlanRevisions: which check of the session a plan stands for', () => {
  const a = manifest('modules/a/module.yaml');
  const b = manifest('modules/b/module.yaml');
  const order = ['a', 'b'];

  it('keeps the revision while the load order list is the same one and no manifest a finding is in was replaced', () => {
    const revisions = new PlanRevisions();
    const held = view('modules/a/module.yaml', 'modules/a/migrations/a_0001_x.expand.sql');
    expect(revisions.revisionFor(1, registry(order, [a, b]), null)).toBe(1);
    // b moved (record-only edit): kept.
    expect(revisions.revisionFor(2, registry(order, [a, manifest(b.file)]), held)).toBe(1);
    // a moved: its finding's line may have moved, so a new plan.
    expect(revisions.revisionFor(3, registry(order, [manifest(a.file), b]), held)).toBe(3);
  });

  it('a new load order list (a re-check), or no plan held, starts again', () => {
    const revisions = new PlanRevisions();
    expect(revisions.revisionFor(1, registry(order, [a, b]), null)).toBe(1);
    expect(revisions.revisionFor(2, registry([...order], [a, b]), view())).toBe(2);
    expect(revisions.revisionFor(3, registry(order, [a, b]), null)).toBe(3);
    // A finding related to a replaced manifest counts too.
    const related = { steps: [], diagnostics: [{ rule: 'r', severity: 'error', message: 'm', file: 'x.sql', line: 1, column: 1, related: [{ file: b.file, line: 2, column: 1, message: 'here' }] }] } as unknown as MigrationsView;
    expect(revisions.revisionFor(4, registry(order, [a, b]), related)).toBe(3);
    expect(revisions.revisionFor(5, registry(order, [a, manifest(b.file)]), related)).toBe(5);
  });
});
