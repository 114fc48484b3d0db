import { describe, expect, it } from 'vitest';
import { CoverageIndex, covers, GrantSet, isWildcard, permissionIdProblem } from './permission-id';

describe('permission ids', () => {
  it.each([
    ['billing.invoice.read', null],
    ['billing.*', null],
    ['*.read', null],
    ['dev-tools.log_entry.read', null],
    ['billing', /two or more/],
    ['Billing.Invoice.Read', /upper case/],
    ['billing..read', /segment 2 is empty/],
    ['billing.inv*', /whole segment/],
    ['billing.9lives', /not \[a-z\]/],
    ['*', /two or more/],
  ])('%s', (id, problem) => {
    const p = permissionIdProblem(id);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toMatch(problem);
  });

  it('knows broad scopes by their * segment only', () => {
    expect(isWildcard('billing.*')).toBe(true);
    expect(isWildcard('*')).toBe(true);
    expect(isWildcard('billing.*.read')).toBe(true);
    expect(isWildcard('billing.inv*')).toBe(false);
    expect(isWildcard('billing.invoice.read')).toBe(false);
  });
});

describe('coverage', () => {
  it.each([
    ['billing.invoice.read', 'billing.invoice.read', true],
    ['billing.*', 'billing.invoice.read', true],
    ['billing.*', 'billing.invoice', true],
    ['billing.*', 'billing.*', true],
    ['billing.*', 'billing', false],
    ['billing.*', 'billingx.invoice.read', false],
    ['billing.invoice.*', 'billing.*', false],
    ['billing.*', 'billing.invoice.*', true],
    ['*', 'anything.at.all', true],
    ['*', 'billing.*', true],
    ['billing.*.read', 'billing.invoice.read', true],
    ['billing.*.read', 'billing.invoice.void', false],
    ['billing.*.read', 'billing.invoice.line.read', false],
    ['*.invoice.read', 'billing.invoice.read', true],
    ['billing.invoice.read', 'billing.*', false],
    ['billing.inv*', 'billing.invoice', false],
  ])('%s covers %s: %s', (grant, permission, expected) => {
    expect(covers(grant, permission)).toBe(expected);
  });

  it('an index answers the same as covers()', () => {
    const ids = ['billing.invoice.read', 'billing.invoice.void', 'billing.*', 'core.settings.read', 'blog.post.read'];
    const index = new CoverageIndex(ids);
    for (const grant of ['billing.*', '*', 'billing.*.read', 'core.settings.read', 'core.settings.write', 'legacy.*', '*.post.read']) {
      expect(index.covered(grant), grant).toEqual(ids.filter((id) => covers(grant, id)));
      expect(index.coversAny(grant), grant).toBe(ids.some((id) => covers(grant, id)));
    }
  });

  it('a role holds a permission directly before it holds it through a wildcard', () => {
    const set = new GrantSet(['billing.*', 'billing.invoice.read']);
    expect(set.coveringGrant('billing.invoice.read')).toBe('billing.invoice.read');
    expect(set.coveringGrant('billing.invoice.void')).toBe('billing.*');
    expect(set.coveringGrant('core.settings.read')).toBeNull();
  });
});
