/**
 * Issue 17, items 7 and 8 in Chromium against `mwb serve`: the Capabilities view lists every
 * reason a module cannot load; a rule id (in Problems, in an editor hover) opens its page rendered
 * inside the workbench, links between rule pages stay inside it, and no tab is opened.
 */
import { describe, expect, it } from 'vitest';
import { browserSuite, hoverUntilShown, screenshot, skipE2E } from '../helpers/browser';
import { runBuiltCli, writeCheckout } from '../helpers/checkout';

/** billing: a version mismatch, a cycle with ledger and a missing capability; shop depends on billing. */
function severalReasons(): string {
  return writeCheckout({
    'modules/payments/module.yaml': 'name: payments\nversion: 1.2.0\n',
    'modules/billing/module.yaml': 'name: billing\nversion: 1.0.0\ndependencies:\n  - payments ^2.0.0\n  - ledger\ncapabilities:\n  requires:\n    - search.fulltext >=1.0\n',
    'modules/ledger/module.yaml': 'name: ledger\nversion: 1.0.0\ndependencies:\n  - billing\n',
    'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\ndependencies:\n  - billing\n  - payments\n',
  });
}

describe.skipIf(skipE2E)('rule pages and blocked modules in a browser', () => {
  const suite = browserSuite();

  it('Capabilities: a blocked module shows every reason, each as its own chain', async () => {
    const dir = suite.track(severalReasons());
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#capabilities`);
    const billing = page.locator('[data-testid="blocked-row"][data-module="billing"]');
    await billing.waitFor();
    expect(await billing.getByTestId('cause').allTextContents()).toEqual([
      'needs payments ^2.0.0, but it is 1.2.0',
      'is part of the dependency cycle billing -> ledger -> billing',
      "requires capability 'search.fulltext', which no module and not profile 'default' provides",
    ]);
    expect(await billing.getByTestId('cause-count').textContent()).toBe('3 reasons, each to fix:');
    const shop = page.locator('[data-testid="blocked-row"][data-module="shop"]');
    expect(await shop.getByTestId('cause').allTextContents()).toEqual(["depends on 'billing', which is blockedneeds payments ^2.0.0, but it is 1.2.0"]);
    expect(await shop.getByTestId('cause-count').count()).toBe(0);
    await page.getByTestId('blocked-modules').scrollIntoViewIfNeeded();
    await screenshot(page, 'capabilities-blocked', true);
    expect(consoleErrors).toEqual([]);
  });

  it('a rule id opens its page inside the workbench; links between pages and Back work; the CLI names the same page', async () => {
    const dir = suite.track(severalReasons());
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#problems`);
    await page.getByTestId('problem-row').first().waitFor();
    const link = page.locator('[data-testid="problem-row"][data-rule="capability-missing"] a', { hasText: 'capability-missing' });
    expect(await link.getAttribute('href')).toBe('/docs/rules/capability-missing.md');
    await link.click();
    const doc = page.getByTestId('rule-doc');
    await doc.locator('h1', { hasText: 'capability-missing' }).waitFor();
    expect(await doc.getAttribute('data-page')).toBe('capability-missing');
    // Rendered, not raw: headings, lists and code blocks are elements; no Markdown markup is left.
    expect(await doc.locator('h2').allTextContents()).toEqual(expect.arrayContaining(['Why it matters', 'How to fix', 'Example']));
    expect(await doc.locator('pre code').count()).toBeGreaterThan(0);
    // (Code blocks keep their text as written: a `# platform.yaml` comment there is content.)
    const prose = await doc.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('pre').forEach((pre) => pre.remove());
      return copy.innerText;
    });
    expect(prose).not.toMatch(/^#|\*\*Severity/m);
    // The editor did not open behind it (the row's own click is not run), and no tab was opened.
    expect(await page.locator('[data-testid="manifest-editor"]').count()).toBe(0);
    expect(page.context().pages().length).toBe(1);
    await screenshot(page, 'rule-doc', true);

    // A link to another rule page opens it in place; Back returns; All rules shows the index.
    await doc.locator('a', { hasText: 'capability-version-mismatch' }).first().click();
    await doc.locator('h1', { hasText: 'capability-version-mismatch' }).waitFor();
    expect(page.context().pages().length).toBe(1);
    await doc.getByRole('button', { name: '← Back' }).click();
    await doc.locator('h1', { hasText: 'capability-missing' }).waitFor();
    await doc.getByRole('button', { name: 'All rules' }).click();
    await page.locator('[data-testid="rule-doc"][data-page="README"]').waitFor();
    await doc.locator('a', { hasText: 'dependency-cycle' }).first().click();
    await doc.locator('h1', { hasText: 'dependency-cycle' }).waitFor();
    await page.keyboard.press('Escape');
    await doc.waitFor({ state: 'detached' });

    // From the editor: the marker hover's rule link opens the same panel.
    await page.locator('[data-testid="problem-row"][data-rule="capability-missing"]').click();
    await page.locator('[data-testid="manifest-editor"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="manifest-editor"]')?.getAttribute('data-rule-markers')) > 0, null, { timeout: 60_000 });
    const hover = page.locator('.monaco-hover-content', { hasText: "requires capability 'search.fulltext'" }).first();
    await hoverUntilShown(page, page.locator('[data-testid="manifest-editor"] .view-line', { hasText: 'search.fulltext' }).locator('span > span', { hasText: 'search.fulltext' }), hover);
    const hoverLink = hover.locator('a', { hasText: 'capability-missing' });
    await hoverLink.click();
    await page.locator('[data-testid="rule-doc"][data-page="capability-missing"] h1').waitFor();
    expect(page.context().pages().length).toBe(1);

    // The CLI keeps naming the page in the repository.
    expect(runBuiltCli(['--help']).stdout).toContain('Rules are documented in docs/rules/<rule>.md.');
    expect(consoleErrors).toEqual([]);
  }, 90_000);
});
