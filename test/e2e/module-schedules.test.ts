import { describe, expect, it } from 'vitest';
import { browserSuite, skipE2E } from '../helpers/browser';
import { EXAMPLE } from '../helpers/checkout';

describe.skipIf(skipE2E)('module details in a browser: schedules and their next runs', () => {
  const suite = browserSuite();

  it('shows each schedule of the selected module with its next three runs', async () => {
    const served = await suite.serve(EXAMPLE);
    const { page, consoleErrors } = await suite.page(`${served.url}#graph`);
    await page.locator('[data-testid="graph-canvas"][data-layout="done"] [data-testid="graph-node"]').first().waitFor();
    await page.locator('[data-testid="graph-node"][data-module="analytics"]').click();
    const section = page.getByTestId('details-schedules');
    await section.waitFor();
    expect(await section.textContent()).toContain('rollup-daily-metrics');
    expect(await section.textContent()).toContain('5 0 * * *');
    const runs = await section.getByRole('list', { name: 'Next runs of rollup-daily-metrics' }).locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!));
    expect(runs).toHaveLength(3);
    const times = runs.map((r) => Date.parse(r));
    expect(times[0]).toBeGreaterThan(Date.now() - 60_000);
    // Daily at 00:05 local time: a day apart (23 to 25 hours across a daylight-saving change).
    for (let i = 1; i < 3; i++) expect(Math.abs(times[i] - times[i - 1] - 24 * 3600_000)).toBeLessThanOrEqual(3600_000);
    expect(new Date(times[0]).getMinutes()).toBe(5);
    expect(consoleErrors).toEqual([]);
  });
});
