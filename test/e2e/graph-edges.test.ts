/**
 * Edges that explain themselves, in Chromium against `mwb serve` (`npm run build` first): a click
 * on an edge shows the manifest entry that makes it and the load order it implies; the legend
 * shows every edge style.
 */
import type { WorkbenchSnapshot } from '../../src-main/common/contract';
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, skipE2E } from '../helpers/browser';
import { EXAMPLE } from '../helpers/checkout';
import { ok, testService } from '../helpers/service';

async function snapshotOf(dir: string): Promise<WorkbenchSnapshot> {
  const { service } = testService({ now: () => 0 });
  try {
    return await ok<WorkbenchSnapshot>(service.handle('session.open', { path: dir }));
  } finally {
    service.dispose();
  }
}

describe.skipIf(skipE2E)('graph edges in a browser', { timeout: 120_000 }, () => {
  const suite = browserSuite();

  it('explains an edge on click: the manifest entry that makes it (opens there) and the load order; the legend shows every edge style', async () => {
    const { page, consoleErrors } = await suite.page(`${(await suite.serve(EXAMPLE)).url}#graph`);
    await page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor({ timeout: 60_000 });
    const exampleSnapshot = await snapshotOf(EXAMPLE);
    const legend = page.getByLabel('Legend');
    expect(await legend.locator('[data-legend]').evaluateAll((els) => els.map((e) => e.getAttribute('data-legend')))).toEqual(['dependency', 'optional', 'cycle', 'event', 'capability', 'blocked']);

    // billing depends on payments (drawn payments -> billing).
    await page.locator('.react-flow__edge[data-id="dependency:payments->billing"]').dispatchEvent('click');
    const explain = page.getByTestId('edge-explain');
    await explain.waitFor();
    expect(await explain.textContent()).toContain('billing depends on payments');
    const line = exampleSnapshot.modules.find((m) => m.name === 'billing')!;
    expect(await explain.getByTestId('edge-source').textContent()).toMatch(new RegExp(`^${line.manifestFile}:\\d+:\\d+$`));
    expect(await explain.getByTestId('edge-source-text').textContent()).toBe('payments ^1.2.0');
    const order = exampleSnapshot.order;
    expect(await explain.getByTestId('edge-order').textContent()).toContain(`payments loads before billing (#${order.indexOf('payments') + 1} and #${order.indexOf('billing') + 1} of ${order.length}`);
    await screenshot(page, 'graph-edge-explain');

    // The source opens the manifest at that entry.
    await explain.getByTestId('edge-source').click();
    await page.locator('[data-testid="manifest-editor"][data-state="ready"][data-path="modules/billing/module.yaml"]').waitFor({ timeout: 60_000 });
    const [, ln] = /:(\d+):/.exec((await explain.getByTestId('edge-source').textContent())!)!;
    expect(await page.locator('[data-testid="manifest-editor"]:not([hidden]) [data-testid="editor-cursor"]').textContent()).toContain(`Ln ${ln},`);
    await page.locator('section.view').click({ position: { x: 300, y: 5 } });
    await page.keyboard.press('Escape');
    await explain.waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });
});
