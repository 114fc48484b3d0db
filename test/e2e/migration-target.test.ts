/**
 * The Migrations view's target picker against a real PostgreSQL server (started for this file):
 * the dev database and a connection named in platform.yaml, whose connection string the serve
 * process reads from its environment. Picking the connection plans against PostgreSQL's ledger,
 * preflight runs there, and a step shows which of its statements need the maintenance window and
 * why; the page never shows the password.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, skipE2E } from '../helpers/browser';
import { writeCheckout } from '../helpers/checkout';
import { mig } from '../helpers/dev-db';
import { PG_BIN, PG_PASSWORD, startPgServer, type PgServer } from '../helpers/pg-server';

describe.skipIf(skipE2E || !PG_BIN)('the Migrations view picks a PostgreSQL target', () => {
  const suite = browserSuite();
  let server: PgServer;
  beforeAll(async () => {
    server = await startPgServer();
  }, 60_000);
  afterAll(() => server?.stop());

  it('lists the dev database and the named connection, plans and preflights on PostgreSQL, and shows the window statements', async () => {
    process.env.MWB_E2E_PG_URL = await server.createDatabase('picker');
    const dir = suite.track(
      writeCheckout({
        'platform.yaml': 'name: shop\ndatabase:\n  dialect: postgres\n  connections:\n    staging: { env: MWB_E2E_PG_URL }\n    prod: { env: MWB_E2E_UNSET_URL }\n',
        'modules/shop/module.yaml': 'name: shop\nversion: 1.0.0\n',
        [mig('shop', 'shop_0001_create_items.expand.sql')]: 'CREATE TABLE shop_items (id int PRIMARY KEY, sku text);\n',
        [mig('shop', 'shop_0002_items_sku.expand.sql')]: 'CREATE INDEX CONCURRENTLY shop_items_sku ON shop_items (sku);\n',
      }),
    );
    delete process.env.MWB_E2E_UNSET_URL;
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#migrations`);
    const picker = page.getByTestId('migration-target');
    await picker.waitFor();
    const options = await picker.locator('option').evaluateAll((els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, text: e.textContent, disabled: (e as HTMLOptionElement).disabled })));
    expect(options).toEqual([
      { value: 'dev', text: 'SQLite · .workbench/dev.sqlite', disabled: false },
      { value: 'staging', text: expect.stringMatching(/^PostgreSQL · staging: postgres:\/\/postgres@127\.0\.0\.1:\d+\/picker \(from \$MWB_E2E_PG_URL\)$/), disabled: false },
      { value: 'prod', text: 'PostgreSQL · prod: PostgreSQL from $MWB_E2E_UNSET_URL (not set)', disabled: true },
    ]);
    await picker.selectOption('staging');
    await page.waitForFunction(() => document.querySelector('[data-testid="plan-summary"]')?.textContent?.startsWith('2 steps'));
    await page.locator('[data-id="shop_0002_items_sku"]').first().click();
    const window = page.getByTestId('window-statements');
    await window.waitFor();
    expect(await window.textContent()).toContain('CREATE INDEX CONCURRENTLY cannot run inside a transaction block');

    await page.getByRole('button', { name: 'Preflight' }).click();
    await page.getByTestId('step-outcome').waitFor();
    expect(await page.getByTestId('step-outcome').textContent()).toContain('not run by preflight');
    // Preflight rolled back: PostgreSQL has no ledger table.
    expect(await server.query("SELECT to_regclass('workbench_migrations') AS t", 'picker')).toEqual([{ t: null }]);
    expect(await page.content()).not.toContain(PG_PASSWORD);
    expect(fs.existsSync(`${dir}/.workbench`)).toBe(false);
    expect(consoleErrors).toEqual([]);
  }, 90_000);
});
