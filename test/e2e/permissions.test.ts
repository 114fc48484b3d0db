import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, skipE2E } from '../helpers/browser';
import { copyFixture, FIXTURES } from '../helpers/checkout';

describe.skipIf(skipE2E)('the Permissions view in a browser (mwb serve)', () => {
  const suite = browserSuite();

  it('catalog with search, matrix, route mismatches linked to the manifest, reconcile preview and Apply', async () => {
    const dir = copyFixture('permissions/reconcile');
    suite.track(dir);
    // One route mismatch: a permission nobody declares.
    const blog = path.join(dir, 'modules/blog/module.yaml');
    fs.writeFileSync(blog, fs.readFileSync(blog, 'utf8') + '  - { method: DELETE, path: "/posts/{id}", permission: blog.post.delete }\n');
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#permissions`);
    page.setDefaultTimeout(10_000);
    const view = page.getByTestId('permissions-view');
    await view.waitFor();
    expect(await page.getByTestId('permissions-summary').textContent()).toMatch(/5 permissions in 2 modules · 3 roles in roles\.yaml · 1 ungranted · 1 stale grant(?!s)/);

    // Catalog: every permission; the ungranted one highlighted; wildcard holders shown apart from direct ones.
    const rows = page.getByTestId('catalog-row');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')))).toEqual(['billing.*', 'billing.invoice.read', 'billing.invoice.void', 'blog.post.publish', 'blog.post.read']);
    expect(await page.locator('[data-testid="catalog-row"][data-id="blog.post.publish"]').getAttribute('class')).toContain('ungranted');
    const voidRow = page.locator('[data-testid="catalog-row"][data-id="billing.invoice.void"]');
    expect(await voidRow.locator('.role-chip.wildcard').textContent()).toBe('finance-admin via billing.*');
    expect(await page.locator('[data-testid="catalog-row"][data-id="billing.*"] .role-chip.direct').textContent()).toBe('finance-admin');
    await screenshot(page, 'permissions-catalog', true);
    await page.getByLabel('Search permissions').fill('invoice.void');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="catalog-row"]').length === 1);
    expect(await rows.first().getAttribute('data-id')).toBe('billing.invoice.void');
    await page.getByLabel('Search permissions').fill('');

    // Matrix: direct, wildcard, missing (default_roles wants it), stale; roles reconcile would create.
    await page.getByTestId('tab-matrix').click();
    const matrix = page.getByTestId('permission-matrix');
    await matrix.waitFor();
    const cells = async (id: string) =>
      page.locator(`[data-testid="matrix-row"][data-id="${id}"] [role="gridcell"]`).evaluateAll((tds) => tds.map((td) => td.querySelector('[data-cell]')?.getAttribute('data-cell') ?? ''));
    expect(await matrix.locator('[role="columnheader"]').allTextContents()).toEqual(['Permission', 'finance-admin', 'support', 'viewer', 'auditor new', 'editor new']);
    // The server searches (issue 16): the cleared search brings every row back after a round trip.
    await page.locator('[data-testid="matrix-row"][data-id="billing.invoice.read"]').waitFor();
    expect(await cells('billing.invoice.read')).toEqual(['wildcard', 'missing', '', 'missing', '']);
    expect(await cells('blog.post.read')).toEqual(['', 'direct', 'direct', '', 'missing']);
    expect(await page.locator('[data-testid="matrix-row"][data-id="blog.post.publish"]').getAttribute('class')).toContain('ungranted');
    expect(await page.getByTestId('stale-row').locator('[data-cell="stale"]').allTextContents()).toEqual(['helpdesk.ticket.read']);
    await screenshot(page, 'permissions-matrix', true);

    // Route mismatches link to the manifest line.
    await page.getByTestId('tab-routes').click();
    const mismatch = page.getByTestId('route-mismatch');
    await mismatch.first().waitFor();
    expect(await mismatch.count()).toBe(1);
    expect(await mismatch.first().getAttribute('data-rule')).toBe('route-permission-undeclared');
    await screenshot(page, 'permissions-routes');
    // The appended route is line 13 of the manifest.
    await mismatch.first().getByRole('link', { name: 'modules/blog/module.yaml:13' }).click();
    const editor = page.getByTestId('manifest-editor');
    await editor.waitFor();
    expect(await editor.getAttribute('data-path')).toBe('modules/blog/module.yaml');
    await page.getByRole('button', { name: 'Close' }).first().click();

    // Reconcile: the preview is a diff of roles.yaml; Apply asks first, then writes exactly that.
    await page.getByTestId('tab-reconcile').click();
    await page.getByTestId('reconcile-diff').waitFor();
    const kinds = () => page.locator('[data-testid="reconcile-diff"] [data-kind]').evaluateAll((els) => els.filter((e) => e.getAttribute('data-kind') !== 'same').map((e) => `${e.getAttribute('data-kind')} ${e.querySelector('.txt')?.textContent}`));
    expect((await kinds()).filter((k) => k.startsWith('remove'))).toEqual([]);
    await page.getByTestId('remove-stale').check();
    await page.waitForFunction(() => !!document.querySelector('[data-testid="reconcile-diff"] [data-kind="remove"]'));
    expect((await kinds()).filter((k) => k.startsWith('remove'))).toEqual(['remove -       - helpdesk.ticket.read   # the helpdesk module was removed']);
    expect(await kinds()).toContain('add +       - billing.invoice.read');
    await screenshot(page, 'permissions-reconcile', true);
    const before = fs.readFileSync(path.join(dir, 'roles.yaml'), 'utf8');

    // A gap of unchanged lines opens on click and shows exactly those lines of roles.yaml.
    const gap = page.getByTestId('diff-gap').first();
    const hidden = Number(/(\d+) unchanged line/.exec((await gap.textContent()) ?? '')?.[1]);
    expect(hidden).toBeGreaterThan(0);
    const sameRows = () => page.locator('[data-testid="reconcile-diff"] [data-kind="same"]').count();
    const shownBefore = await sameRows();
    await gap.click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="reconcile-diff"] [data-kind="same"]').length === n, shownBefore + hidden);
    const opened = await page.locator('[data-testid="reconcile-diff"] .expanded').evaluateAll((els) => els.map((e) => [Number(e.querySelector('.ln')?.textContent), e.querySelector('.txt')?.textContent?.slice(2)]));
    expect(opened.length).toBe(hidden);
    const fileLines = before.split('\n');
    for (const [line, text] of opened) expect(text).toBe(fileLines[(line as number) - 1]);
    await screenshot(page, 'permissions-reconcile-gap-open');

    await page.getByTestId('apply-button').click();
    const dialog = page.getByTestId('apply-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Adds 4 grants to 3 roles (creating auditor, editor), removes 1 stale grant');
    await screenshot(page, 'permissions-apply-confirm', false);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(fs.readFileSync(path.join(dir, 'roles.yaml'), 'utf8')).toBe(before);

    await page.getByTestId('apply-button').click();
    await page.getByTestId('apply-dialog').getByRole('button', { name: 'Apply' }).click();
    await page.getByTestId('apply-notice').waitFor();
    await page.getByTestId('reconciled').waitFor();
    const after = fs.readFileSync(path.join(dir, 'roles.yaml'), 'utf8');
    // Exactly the previewed change: the stale line removed, lines added, every other byte unchanged.
    const expected = before
      .replace('      - helpdesk.ticket.read   # the helpdesk module was removed\n', '      - billing.invoice.read\n')
      .replace("    grants: ['blog.post.read']\n", "    grants: ['blog.post.read']\n\n  auditor:\n    grants:\n      - billing.invoice.read\n\n  editor:\n    grants:\n      - blog.post.publish\n      - blog.post.read\n");
    expect(after).toBe(expected);
    // The session re-checked: nothing ungranted, nothing stale.
    await page.waitForFunction(() => /0 ungranted · 0 stale grants/.test(document.querySelector('[data-testid="permissions-summary"]')?.textContent ?? ''));
    expect(await page.getByTestId('apply-button').isDisabled()).toBe(true);
    await screenshot(page, 'permissions-applied');
    expect(consoleErrors).toEqual([]);
  });

  it('a roles.yaml that does not parse: the preview says where, Apply stays disabled', async () => {
    const dir = copyFixture('permissions/reconcile');
    suite.track(dir);
    const broken = fs.readFileSync(path.join(FIXTURES, 'permissions/reconcile/roles.yaml'), 'utf8').replace('  viewer:\n', '  viewer:\n   description: [unclosed\n');
    fs.writeFileSync(path.join(dir, 'roles.yaml'), broken);
    const served = await suite.serve(dir);
    const { page, consoleErrors } = await suite.page(`${served.url}#permissions`);
    await page.getByTestId('tab-reconcile').click();
    const blocked = page.getByTestId('reconcile-blocked');
    await blocked.waitFor();
    expect(await blocked.textContent()).toMatch(/roles\.yaml cannot be reconciled until it is fixed \(roles\.yaml:\d+/);
    expect(await page.getByTestId('apply-button').isDisabled()).toBe(true);
    // Who holds what is unknown while the file does not parse: nothing is called ungranted.
    expect(await page.getByTestId('permissions-summary').textContent()).toContain('roles.yaml has problems');
    expect(await page.getByTestId('ungranted').count()).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'roles.yaml'), 'utf8')).toBe(broken);
    await screenshot(page, 'permissions-broken-roles');
    expect(consoleErrors).toEqual([]);
  });
});
