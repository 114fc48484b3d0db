import { describe, expect, it } from 'vitest';
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
  it('serves the renderer and the rules docs, nothing else', async () => {
    const { resolveAppRequest } = await import('./app-protocol');
    expect(resolveAppRequest('app://workbench/index.html', '/opt/r', '/opt/docs')).toBe('/opt/r/index.html');
    expect(resolveAppRequest('app://workbench/', '/opt/r', '/opt/docs')).toBe('/opt/r/index.html');
    expect(resolveAppRequest('app://workbench/assets/x.js', '/opt/r', '/opt/docs')).toBe('/opt/r/assets/x.js');
    expect(resolveAppRequest('app://workbench/docs/rules/dependency-cycle.md', '/opt/r', '/opt/docs')).toBe('/opt/docs/dependency-cycle.md');
    // Dot segments are normalized by the URL parser: this stays inside the renderer folder.
    expect(resolveAppRequest('app://workbench/%2e%2e/%2e%2e/etc/passwd', '/opt/r', '/opt/docs')).toBe('/opt/r/etc/passwd');
    expect(resolveAppRequest('app://workbench/..%2f..%2fetc%2fpasswd', '/opt/r', '/opt/docs')).toBeNull();
    expect(resolveAppRequest('app://workbench/docs/rules/..%2f..%2fsecret', '/opt/r', '/opt/docs')).toBeNull();
    expect(resolveAppRequest('app://other/index.html', '/opt/r', '/opt/docs')).toBeNull();
    expect(resolveAppRequest('file:///etc/passwd', '/opt/r', '/opt/docs')).toBeNull();
  });

  it('its origin is a trusted IPC sender; other app hosts are not', () => {
    expect(isTrustedSender('app://workbench/index.html#graph', '/x/index.html')).toBe(true);
    expect(isTrustedSender('app://evil/index.html', '/x/index.html')).toBe(false);
  });
});
