import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { browserSuite, skipE2E } from '../helpers/browser';
import { EXAMPLE } from '../helpers/checkout';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe.skipIf(skipE2E)('the secret of mwb serve in a real browser', () => {
  const suite = browserSuite();

  it('the printed URL opens the page, which drops the secret from its address, keeps working on reload and in a second tab, and sends no Referer', async () => {
    const served = await suite.serve(EXAMPLE);
    const token = new URL(served.url).searchParams.get('token') as string;
    const { page, consoleErrors } = await suite.page(`${served.url}#problems`);
    const referers: string[] = [];
    page.on('request', (req) => {
      const referer = req.headers().referer;
      if (referer) referers.push(`${req.url()} <- ${referer}`);
    });
    await page.getByTestId('problems-view').waitFor();
    expect(page.url()).toBe(`${served.origin}/#problems`);
    // HttpOnly: no script of the page (nor one injected into it) reads the secret.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.content()).not.toContain(token);

    await page.reload();
    await page.getByTestId('problems-view').waitFor();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Graph/ }).click();
    await page.getByTestId('platform-name').waitFor();
    expect(await page.getByTestId('platform-name').textContent()).toBe('acme-commerce');

    const second = await page.context().newPage();
    await second.goto(served.url);
    await second.getByTestId('platform-name').waitFor();
    expect(second.url()).toMatch(new RegExp(`^${served.origin}/(#\\w+)?$`));

    expect(referers.filter((r) => r.includes(token))).toEqual([]);
    expect(referers).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('without the secret the page is refused; after a restart (new secret) an open page says to use the new URL', async () => {
    const port = await freePort();
    const first = await suite.serve(EXAMPLE, port);
    const stranger = await suite.page(`${first.origin}/`);
    expect(await stranger.page.textContent('body')).toContain('Open the URL that mwb serve printed');
    expect(await stranger.page.getByTestId('platform-name').count()).toBe(0);

    const { page } = await suite.page(first.url);
    await page.getByTestId('platform-name').waitFor();
    await first.stop();
    const second = await suite.serve(EXAMPLE, port);
    await page.getByTestId('connection-forbidden').waitFor({ timeout: 60_000 });
    // Opening the new printed URL in the same browser gives the page its access back.
    const fresh = await page.context().newPage();
    await fresh.goto(second.url);
    await fresh.getByTestId('platform-name').waitFor();
    await page.getByTestId('connection-forbidden').waitFor({ state: 'detached', timeout: 60_000 });
  }, 120_000);
});
