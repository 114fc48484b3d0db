import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, skipE2E } from '../helpers/browser';
import { EXAMPLE, writeCheckout } from '../helpers/checkout';

const VIEWS = ['Graph', 'Problems', 'Capabilities', 'Migrations', 'Permissions', 'Changes', 'Notes', 'Tables'];

describe.skipIf(skipE2E)('the workbench in a browser (mwb serve)', () => {
  const suite = browserSuite();

  it('opens the example: all eight views are reachable, by click and by Alt+N, with no console errors', async () => {
    const served = await suite.serve(EXAMPLE);
    const { page, consoleErrors } = await suite.page(served.url);
    await page.getByTestId('platform-name').waitFor();
    expect(await page.getByTestId('platform-name').textContent()).toBe('acme-commerce');
    const nav = page.getByRole('navigation', { name: 'Views' });
    expect(await nav.getByRole('button').allTextContents()).toEqual(VIEWS.map((v) => expect.stringContaining(v)));
    for (const label of VIEWS) {
      await nav.getByRole('button', { name: new RegExp(`^${label}`) }).click();
      await page.locator(`section[aria-label="${label}"]`).waitFor();
      expect(await nav.getByRole('button', { name: new RegExp(`^${label}`) }).getAttribute('aria-current')).toBe('page');
      // The Changes view runs a git comparison first (the example sits in this repository).
      if (label === 'Changes') await page.locator('[data-testid="changes-view"]:not([data-state="running"])').waitFor({ timeout: 60_000 });
      if (label !== 'Graph') await screenshot(page, label.toLowerCase(), true);
    }
    await page.keyboard.press('Alt+2');
    await page.locator('section[aria-label="Problems"]').waitFor();
    expect(await page.getByTestId('problems-view').textContent()).toContain('No problems');
    await page.keyboard.press('Alt+3');
    await page.getByTestId('capabilities-view').waitFor();
    expect(await page.getByTestId('no-missing').textContent()).toContain('Every required capability is provided in profile default');
    expect(await page.locator('text=15 modules').count()).toBeGreaterThan(0);
    await page.keyboard.press('Alt+8');
    await page.getByTestId('tables-view').waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it('shows a problem, and clears it when the missing module is added on disk', async () => {
    const dir = writeCheckout({
      'platform.yaml': 'name: demo-shop\nprofiles:\n  default: {capabilities: []}\n  full: {capabilities: [search 1.0.0]}\n',
      'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\ndependencies: [ledger]\n',
      'modules/catalog/module.yaml': 'name: catalog\nversion: 1.0.0\ncapabilities:\n  requires: [search]\n',
      'modules/storefront/module.yaml': 'name: storefront\nversion: 1.0.0\ndependencies: [catalog]\n',
    });
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#problems`);
    const rows = page.getByTestId('problem-row');
    await rows.first().waitFor();
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))).toEqual(['capability-missing', 'dependency-missing']);
    await screenshot(page, 'problems-with-findings', true);

    fs.mkdirSync(path.join(dir, 'modules/ledger'));
    fs.writeFileSync(path.join(dir, 'modules/ledger/module.yaml'), 'name: ledger\nversion: 1.0.0\ntier: core\n');
    await page.locator('[data-testid="problem-row"][data-rule="dependency-missing"]').waitFor({ state: 'detached', timeout: 60_000 });
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))).toEqual(['capability-missing']);

    // The capabilities view names the missing capability and what it blocks, transitively.
    await page.keyboard.press('Alt+3');
    const missing = page.getByTestId('missing-capabilities');
    await missing.waitFor();
    expect(await missing.textContent()).toMatch(/search.*catalog.*catalog.*storefront/);
    const chain = await page.locator('[data-testid="blocked-row"][data-module="storefront"]').textContent();
    expect(chain).toContain("depends on 'catalog', which is blocked");
    expect(chain).toContain("requires capability 'search'");
    await screenshot(page, 'capabilities-missing', true);

    // Switching the profile to one that provides it clears the problem.
    await page.getByRole('button', { name: /^full/ }).click();
    await page.getByTestId('no-missing').waitFor();
    expect(await page.getByRole('combobox', { name: 'Runtime profile' }).inputValue()).toBe('full');
    expect(consoleErrors).toEqual([]);
  });

  it('opens another checkout by path, lists recent ones, and restores each checkout\'s view', async () => {
    const other = writeCheckout({ 'platform.yaml': 'name: other-platform\n', 'modules/solo/module.yaml': 'name: solo\nversion: 1.0.0\n' });
    const served = await suite.serve(EXAMPLE);
    const { page, consoleErrors } = await suite.page(served.url);
    await page.getByTestId('platform-name').waitFor();
    await page.keyboard.press('Alt+3');
    await page.getByTestId('capabilities-view').waitFor();
    await page.getByRole('button', { name: 'Open…' }).click();
    await page.getByRole('textbox', { name: 'Checkout folder path' }).fill(other);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByTestId('platform-name').filter({ hasText: 'other-platform' }).waitFor();
    expect(await page.locator('text=1 module').count()).toBeGreaterThan(0);
    await page.keyboard.press('Alt+2');
    await page.getByTestId('problems-view').waitFor();

    // Back to the example through the recent list: its last view (Capabilities) comes back.
    await page.getByRole('button', { name: 'Open…' }).click();
    const recent = page.getByRole('dialog', { name: 'Open a checkout' }).getByRole('button', { name: /acme-commerce/ });
    await recent.click();
    await page.getByTestId('platform-name').filter({ hasText: 'acme-commerce' }).waitFor();
    await page.evaluate(() => history.replaceState(null, '', location.pathname));
    await page.reload();
    await page.getByTestId('capabilities-view').waitFor();

    // A path that is not a checkout is an error shown to the user, not a crash.
    await page.getByRole('button', { name: 'Open…' }).click();
    await page.getByRole('textbox', { name: 'Checkout folder path' }).fill('/nonexistent/platform');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'checkout not found: /nonexistent/platform' }).waitFor();
    expect(await page.getByTestId('platform-name').textContent()).toBe('acme-commerce');
    expect(consoleErrors).toEqual([]);
  });
});
