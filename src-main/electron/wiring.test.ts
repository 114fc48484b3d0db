import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { devRendererUrl } from './dev-renderer-url';
import { createIpcRequestHandler } from './ipc-router';
import { checkoutFromArgv } from './launch-args';
import { buildMenuTemplate, type MenuActions } from './menu-template';
import { isTrustedSender } from './trusted-sender';

describe('trusted senders', () => {
  const file = '/opt/mwb/out/renderer/index.html';
  it.each([
    ['file:///opt/mwb/out/renderer/index.html', true],
    ['file:///opt/mwb/out/renderer/index.html#graph', true],
    ['file:///tmp/evil.html', false],
    ['https://example.com/', false],
    ['http://localhost:5173/', false],
    [undefined, false],
    ['not a url', false],
  ])('%s -> %s', (url, trusted) => {
    expect(isTrustedSender(url, file)).toBe(trusted);
  });
  it('the dev server only when configured', () => {
    expect(isTrustedSender('http://localhost:5173/', file, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', file, 'http://localhost:5173')).toBe(false);
  });
  it('ELECTRON_RENDERER_URL configures the dev server only when the app is not packaged', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(devRendererUrl(env, false)).toBe('http://localhost:5173');
    expect(devRendererUrl(env, true)).toBeUndefined();
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: '' }, false)).toBeUndefined();
    // What main.ts does with it: a packaged app trusts only its own origin.
    expect(isTrustedSender('http://localhost:5173/', file, devRendererUrl(env, true))).toBe(false);
  });
});

describe('IPC request handler', () => {
  const calls: unknown[] = [];
  const service = { handle: async (name: unknown, params: unknown) => (calls.push([name, params]), { ok: true as const, result: 'answered' }) };
  const handler = createIpcRequestHandler(service, (url) => url === 'file:///ok');

  it('drops requests from untrusted senders before the service sees them', async () => {
    expect(await handler('https://evil.example/', { name: 'file.read', params: { path: 'x' } })).toEqual({ ok: false, error: { code: 'untrusted-sender', message: 'request refused: it does not come from the workbench window' } });
    expect(calls).toEqual([]);
  });

  it('refuses malformed payloads', async () => {
    expect(await handler('file:///ok', 'file.read')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await handler('file:///ok', [1])).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('passes name and params through', async () => {
    expect(await handler('file:///ok', { name: 'app.info' })).toEqual({ ok: true, result: 'answered' });
    expect(calls).toEqual([['app.info', {}]]);
  });
});

describe('menu template', () => {
  const log: string[] = [];
  const actions: MenuActions = {
    openCheckout: () => log.push('open'),
    openRecent: (p) => log.push(`recent ${p}`),
    revealCheckout: () => log.push('reveal'),
    rescan: () => log.push('rescan'),
    navigate: (v) => log.push(`view ${v}`),
    openRulesDocs: () => log.push('docs'),
    about: () => log.push('about'),
    quit: () => log.push('quit'),
  };

  it('has File (open, recent, reveal), View (seven views) and Help (rules docs)', () => {
    const menu = buildMenuTemplate(actions, [{ path: '/p/acme', name: 'acme' }], true, false);
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'Help']);
    const file = menu[0].submenu as { label?: string; submenu?: { label?: string; click?: () => void }[]; click?: () => void }[];
    expect(file.map((i) => i.label).filter(Boolean)).toEqual(['Open Checkout…', 'Open Recent', 'Reveal in File Manager', 'Rescan', 'Exit']);
    file[1].submenu?.[0].click?.();
    const view = menu[2].submenu as { label?: string; accelerator?: string; click?: () => void }[];
    expect(view.slice(0, 7).map((i) => `${i.label} ${i.accelerator}`)).toEqual(['Graph Alt+1', 'Problems Alt+2', 'Capabilities Alt+3', 'Migrations Alt+4', 'Permissions Alt+5', 'Changes Alt+6', 'Notes Alt+7']);
    view[2].click?.();
    const help = menu[3].submenu as { label?: string; click?: () => void }[];
    help[0].click?.();
    expect(log).toEqual(['recent /p/acme', 'view capabilities', 'docs']);
  });

  it('disables checkout actions when none is open', () => {
    const file = buildMenuTemplate(actions, [], false, true)[0].submenu as { label?: string; enabled?: boolean }[];
    expect(file.find((i) => i.label === 'Reveal in Finder')?.enabled).toBe(false);
  });
});

describe('launch arguments', () => {
  it('finds the checkout after the app path', () => {
    expect(checkoutFromArgv(['/usr/bin/electron', '/opt/mwb', '/work/platform'], '/opt/mwb', false)).toBe('/work/platform');
    expect(checkoutFromArgv(['/usr/bin/electron', '/opt/mwb', '--inspect'], '/opt/mwb', false)).toBeUndefined();
    expect(checkoutFromArgv(['/opt/Module Workbench', '/work/platform'], '/opt/mwb/app.asar', true)).toBe('/work/platform');
  });
});

describe('the app:// protocol', () => {
  // Real folders: the resolver follows symlinks and serves regular files only.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-app-protocol-'));
  const r = path.join(root, 'r');
  const docs = path.join(root, 'docs');
  fs.mkdirSync(path.join(r, 'assets'), { recursive: true });
  fs.mkdirSync(docs);
  fs.writeFileSync(path.join(r, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(r, 'assets', 'x.js'), '');
  fs.writeFileSync(path.join(docs, 'dependency-cycle.md'), '# dependency-cycle');
  fs.writeFileSync(path.join(root, 'secret'), 'secret');
  fs.symlinkSync(path.join(root, 'secret'), path.join(r, 'assets', 'leak.js'));
  fs.symlinkSync(root, path.join(docs, 'up'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('serves the renderer and the rules docs, nothing else', async () => {
    const { resolveAppRequest } = await import('./app-protocol');
    expect(resolveAppRequest('app://workbench/index.html', r, docs)).toBe(path.join(r, 'index.html'));
    expect(resolveAppRequest('app://workbench/', r, docs)).toBe(path.join(r, 'index.html'));
    expect(resolveAppRequest('app://workbench/assets/x.js', r, docs)).toBe(path.join(r, 'assets/x.js'));
    expect(resolveAppRequest('app://workbench/docs/rules/dependency-cycle.md', r, docs)).toBe(path.join(docs, 'dependency-cycle.md'));
    // Dot segments are normalized by the URL parser: this stays inside the renderer folder.
    expect(resolveAppRequest('app://workbench/%2e%2e/%2e%2e/index.html', r, docs)).toBe(path.join(r, 'index.html'));
    expect(resolveAppRequest('app://workbench/..%2f..%2fetc%2fpasswd', r, docs)).toBeNull();
    expect(resolveAppRequest('app://workbench/docs/rules/..%2f..%2fsecret', r, docs)).toBeNull();
    expect(resolveAppRequest('app://workbench/docs/rules/..%5c..%5csecret', r, docs)).toBeNull();
    expect(resolveAppRequest('app://workbench/index.html%00.md', r, docs)).toBeNull();
    expect(resolveAppRequest('app://workbench/assets/leak.js', r, docs)).toBeNull();
    expect(resolveAppRequest('app://workbench/docs/rules/up/secret', r, docs)).toBeNull();
    expect(resolveAppRequest('app://workbench/assets', r, docs)).toBeNull();
    expect(resolveAppRequest('app://other/index.html', r, docs)).toBeNull();
    expect(resolveAppRequest('file:///etc/passwd', r, docs)).toBeNull();
  });

  it('its origin is a trusted IPC sender; other app hosts are not', () => {
    expect(isTrustedSender('app://workbench/index.html#graph', '/x/index.html')).toBe(true);
    expect(isTrustedSender('app://evil/index.html', '/x/index.html')).toBe(false);
  });
});
