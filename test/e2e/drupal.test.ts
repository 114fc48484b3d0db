import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, serve, skipE2E, type Served } from '../helpers/browser';
import { copyFixture, runBuiltCli } from '../helpers/checkout';
import { impliedEdges } from '../../src-renderer/src/views/graph/implied-edges';

/** `mwb serve` on a Drupal site (test/fixtures/drupal, trimmed from drupal/core 10.3.14): the views read it through the adapter. */
describe.skipIf(skipE2E)('a Drupal site in the browser', () => {
  let browser: Browser;
  let site: Served;
  let root = '';
  beforeAll(async () => {
    root = copyFixture('drupal/site');
    [browser, site] = await Promise.all([launchBrowser(), serve(root)]);
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
    // Every dependency the info files declare is drawn, but those implied by a longer path, which the
    // graph hides by default (it counts them in a note).
    const graph = JSON.parse(runBuiltCli(['graph', root, '--format', 'json']).stdout) as { edges: { from: string; to: string; kind: string }[] };
    const structural = graph.edges.filter((e) => (e.kind === 'dependency' || e.kind === 'optional') && e.from !== e.to);
    const implied = impliedEdges(structural);
    const drawn = new Set(structural.filter((e) => e.kind === 'dependency' && !implied.has(`${e.from}->${e.to}`)).map((e) => `${e.from}->${e.to}`));
    expect(drawn.size).toBeGreaterThan(20);
    expect(await page.locator('.react-flow__edge.kind-dependency').count()).toBe(drawn.size);
    expect(consoleErrors).toEqual([]);
  });
});
