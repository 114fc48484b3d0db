/**
 * A module that cannot load for several reasons lists every one of them (issue 17, item 7): its own
 * (a version gate, a cycle), each missing capability, each blocked dependency, each as a chain
 * down to its root cause; the CLI's `capabilities` prints them all, and the Capabilities view
 * (test/e2e/capabilities.test.ts) draws them.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { capabilitiesReport } from '../src-main/service/capabilities';
import { runBuiltCli, writeCheckout } from './helpers/checkout';

const temps: string[] = [];
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** billing: a version mismatch, a missing capability and a cycle with ledger; shop depends on billing. */
export function severalReasons(): string {
  const dir = writeCheckout({
    'modules/payments/module.yaml': 'name: payments\nversion: 1.2.0\n',
    'modules/billing/module.yaml': 'name: billing\nversion: 1.0.0\ndependencies:\n  - payments ^2.0.0\n  - ledger\ncapabilities:\n  requires:\n    - search.fulltext >=1.0\n',
    'modules/ledger/module.yaml': 'name: ledger\nversion: 1.0.0\ndependencies:\n  - billing\n',
    'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\ndependencies:\n  - billing\n  - payments\n',
  });
  temps.push(dir);
  return dir;
}

const reasons = (causes: { reason: string }[][]) => causes.map((c) => c.map((r) => r.reason));

describe('every reason a module cannot load', () => {
  it('lists the version mismatch, the cycle and the missing capability, not only the first', () => {
    const report = capabilitiesReport(severalReasons(), 'default');
    const billing = report.profiles[0].blocked.find((b) => b.module === 'billing')!;
    expect(reasons(billing.causes)).toEqual([
      ['needs payments ^2.0.0, but it is 1.2.0'],
      ['is part of the dependency cycle billing -> ledger -> billing'],
      ["requires capability 'search.fulltext', which no module and not profile 'default' provides"],
    ]);
    // The first cause stays the chain that `reasons` (and `mwb list`) show.
    expect(billing.reasons).toEqual(billing.causes[0]);
    // A cycle member is not told again that the other member is on its cycle, but it does learn
    // that billing would still block it once the cycle is broken.
    const ledger = report.profiles[0].blocked.find((b) => b.module === 'ledger')!;
    expect(reasons(ledger.causes)).toEqual([['is part of the dependency cycle billing -> ledger -> billing'], ["depends on 'billing', which is blocked", 'needs payments ^2.0.0, but it is 1.2.0']]);
    // A dependent names the dependency and the dependency's first chain.
    const shop = report.profiles[0].blocked.find((b) => b.module === 'shop')!;
    expect(reasons(shop.causes)).toEqual([["depends on 'billing', which is blocked", 'needs payments ^2.0.0, but it is 1.2.0']]);
  });

  it('two modules on one cycle and nothing else: each names only the cycle', () => {
    const dir = writeCheckout({
      'modules/a/module.yaml': 'name: a\nversion: 1.0.0\ndependencies: [b]\n',
      'modules/b/module.yaml': 'name: b\nversion: 1.0.0\ndependencies: [a]\n',
    });
    temps.push(dir);
    const blocked = capabilitiesReport(dir).profiles[0].blocked;
    expect(blocked.map((b) => reasons(b.causes))).toEqual([[['is part of the dependency cycle a -> b -> a']], [['is part of the dependency cycle a -> b -> a']]]);
  });

  it('a blocked module with two blocked dependencies names both', () => {
    const dir = writeCheckout({
      'modules/a/module.yaml': 'name: a\nversion: 1.0.0\ncapabilities:\n  requires: [x.one]\n',
      'modules/b/module.yaml': 'name: b\nversion: 1.0.0\ncapabilities:\n  requires: [x.two]\n',
      'modules/c/module.yaml': 'name: c\nversion: 1.0.0\ndependencies: [a, b]\n',
    });
    temps.push(dir);
    const c = capabilitiesReport(dir).profiles[0].blocked.find((b) => b.module === 'c')!;
    expect(reasons(c.causes)).toEqual([
      ["depends on 'a', which is blocked", "requires capability 'x.one', which no module and not profile 'default' provides"],
      ["depends on 'b', which is blocked", "requires capability 'x.two', which no module and not profile 'default' provides"],
    ]);
  });

  it('mwb capabilities prints every cause (text and markdown)', () => {
    const dir = severalReasons();
    const text = runBuiltCli(['capabilities', dir]).stdout;
    expect(text).toContain(
      "blocked billing: needs payments ^2.0.0, but it is 1.2.0; is part of the dependency cycle billing -> ledger -> billing; requires capability 'search.fulltext', which no module and not profile 'default' provides",
    );
    const md = runBuiltCli(['capabilities', dir, '--format', 'markdown']).stdout;
    expect(md).toContain("| billing | needs payments ^2.0.0, but it is 1.2.0; is part of the dependency cycle billing -> ledger -> billing; requires capability 'search.fulltext'");
  });
});
