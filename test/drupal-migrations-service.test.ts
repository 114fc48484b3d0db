/**
 * The Migrations view's requests on a Drupal site: migrations.plan serves the Drupal updates from
 * the same adapter plan `mwb migrate plan` prints, and preflight / apply are refused (never PHP).
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationsView } from '../src-main/common/contract-migrations';
import type { WorkbenchService } from '../src-main/service/service';
import { copyFixture, runBuiltCli } from './helpers/checkout';
import { ok, testService } from './helpers/service';

const services: WorkbenchService[] = [];
const temps: string[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

describe('migrations.* requests on a Drupal site', () => {
  it('plan lists the updates as mwb migrate plan --format json does; preflight and apply are not offered', async () => {
    const dir = copyFixture('drupal/site');
    temps.push(dir);
    const { service } = testService();
    services.push(service);
    await ok(service.handle('session.open', { path: dir }));
    const view = await ok<MigrationsView>(service.handle('migrations.plan', {}));
    expect(view.steps).toEqual([]);
    expect(view.updates?.kind).toBe('drupal');
    expect(view.updates?.notRun).toContain('never runs');

    const cli = runBuiltCli(['migrate', 'plan', dir, '--format', 'json']);
    const printed = JSON.parse(cli.stdout) as { runWith: string; steps: { position: number; id: string; file: string; line: number }[]; diagnostics: unknown[] };
    expect(view.updates?.runWith).toBe(printed.runWith);
    expect(view.updates?.steps.map((s) => `${s.id} ${s.file}:${s.line}`)).toEqual(printed.steps.map((s) => `${s.id} ${s.file}:${s.line}`));
    expect(view.diagnostics).toEqual(printed.diagnostics);
    expect(printed.steps).toHaveLength(58);

    for (const request of ['migrations.preflight', 'migrations.apply'] as const) {
      const reply = await service.handle(request, request === 'migrations.apply' ? { yes: true } : {});
      expect(reply.ok).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe('not-offered');
        expect(reply.error.message).toContain('its updates are PHP, which the workbench reads but never runs');
      }
    }
    expect(fs.existsSync(`${dir}/.workbench`)).toBe(false);
  });
});
