import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, serve, skipE2E, type Served } from '../helpers/browser';
import { copyFixture } from '../helpers/checkout';

/** `mwb serve` on a Drupal site (test/fixtures/drupal, trimmed from drupal/core 10.3.14): the views read it through the adapter. */
describe.skipIf(skipE2E)('a Drupal site in the browser', () => {
  let browser: Browser;
  let site: Served;
  beforeAll(async () => {
    [browser, site] = await Promise.all([launchBrowser(), serve(copyFixture('drupal/site'))]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it('draws the graph of its modules with their tiers, versions and dependency edges', async () => {
    const { page, consoleErrors } = await openPage(browser, `${site.url}#graph`);
    await page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor();
    const modules = await page.locator('[data-testid="graph-node"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-module')));
    expect(modules).toHaveLength(35);
    expect(modules).toEqual(expect.arrayContaining(['system', 'node', 'standard', 'site_base', 'site_events', 'token']));
    expect(await page.locator('[data-testid="graph-node"][data-module="system"]').getAttribute('data-tier')).toBe('core');
    expect(await page.locator('[data-testid="graph-node"][data-module="node"]').textContent()).toContain('10.3.14');
    expect(await page.locator('.react-flow__edge.kind-dependency').count()).toBeGreaterThan(30);
    expect(consoleErrors).toEqual([]);
  });
});
