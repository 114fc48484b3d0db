import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EXAMPLE, REPO } from '../helpers/checkout';
import { httpGet } from '../helpers/serve-auth';
import { startServe, type ServeProcess } from './serve-process';

/**
 * The acceptance test of the per-launch secret on a real `mwb serve` process: another local
 * process that sets the right Host and Origin headers still cannot drive the server without the
 * secret from the printed URL, and the static files stay inside the renderer and rule docs.
 */
let serve: ServeProcess;
let home: string;
let origin: string;
const link = path.join(REPO, 'out', 'renderer', `mwb-test-link-${process.pid}.js`);

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-secret-home-'));
  const checkout = path.join(home, 'checkout');
  fs.cpSync(EXAMPLE, checkout, { recursive: true });
  serve = await startServe(checkout, { PATH: process.env.PATH, HOME: home, MWB_DATA_DIR: path.join(home, 'data'), NO_COLOR: '1' });
  origin = `http://127.0.0.1:${serve.port}`;
  fs.symlinkSync(path.join(REPO, 'package.json'), link);
}, 90_000);
afterAll(async () => {
  fs.rmSync(link, { force: true });
  await serve?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

/** What an attacker would want answered. */
const WANTED = [
  [1, 'session.snapshot', {}],
  [2, 'session.open', { path: '/' }],
  [3, 'file.read', { path: 'roles.yaml' }],
  [4, 'migrations.apply', { yes: true }],
] as const;

/** Connects as a local attacker would: right Host and Origin, anything but the secret. */
function attempt(headers: Record<string, string>, pathname = '/ws', requests: readonly (readonly [number, string, object])[] = WANTED): Promise<{ opened: boolean; status?: number; messages: string[] }> {
  return new Promise((resolve) => {
    const messages: string[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}${pathname}`, { origin, headers: { host: `127.0.0.1:${serve.port}`, ...headers } });
    ws.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode, messages }));
    ws.on('error', () => resolve({ opened: false, messages }));
    ws.on('message', (raw) => messages.push(String(raw)));
    ws.on('open', () => {
      // Were it to open: the requests are sent, and any answer is recorded.
      for (const [id, method, params] of requests) ws.send(JSON.stringify({ id, method, params }));
      setTimeout(() => {
        ws.terminate();
        resolve({ opened: true, messages });
      }, 1000);
    });
  });
}

describe('mwb serve requires the secret it printed', () => {
  it('prints one URL with a 256-bit secret, and the secret nowhere else', () => {
    const token = new URL(serve.url).searchParams.get('token') as string;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    const { stdout, stderr } = serve.output();
    expect(stdout.split(token)).toHaveLength(2);
    expect(stderr).not.toContain(token);
  });

  it('a WebSocket client with the right Host and Origin but without the secret gets no answer', async () => {
    const token = new URL(serve.url).searchParams.get('token') as string;
    for (const [headers, pathname] of [
      [{}, '/ws'],
      [{ cookie: `mwb-serve-${serve.port}=${'f'.repeat(64)}` }, '/ws'],
      [{ cookie: `mwb-serve-${serve.port}=${token.slice(0, 32)}` }, '/ws'],
      [{ cookie: serve.cookie.replace(`mwb-serve-${serve.port}=`, 'mwb-serve-1=') }, '/ws'],
      [{ authorization: `token ${token}` }, '/ws'],
      [{}, `/ws?token=${token}`],
    ] as const) {
      const result = await attempt(headers, pathname);
      expect(result).toEqual({ opened: false, status: 403, messages: [] });
    }
    // The same client with the cookie of the printed URL is answered: the gate is the secret.
    const withSecret = await attempt({ cookie: serve.cookie }, '/ws', [WANTED[0]]);
    expect(withSecret.opened).toBe(true);
    expect(withSecret.messages.map((m) => JSON.parse(m).id)).toContain(1);
  });

  it('the API and the entry page answer 403 without the secret; the printed URL opens them', async () => {
    const host = { host: `127.0.0.1:${serve.port}` };
    expect(await httpGet(serve.port, '/api/auth', host)).toMatchObject({ status: 403, body: '' });
    for (const method of ['POST', 'PUT', 'DELETE']) expect(await httpGet(serve.port, '/api/auth', host, method)).toMatchObject({ status: 403, body: '' });
    expect(await httpGet(serve.port, '/api/auth', { ...host, cookie: `mwb-serve-${serve.port}=x` })).toMatchObject({ status: 403, body: '' });
    expect((await httpGet(serve.port, '/', host)).status).toBe(403);
    expect((await httpGet(serve.port, '/?token=0', host)).status).toBe(403);
    expect((await httpGet(serve.port, '/api/auth', { ...host, cookie: serve.cookie })).status).toBe(204);
    const page = await httpGet(serve.port, '/', { ...host, cookie: serve.cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('static files stay inside the renderer and rule docs folders (encoded, doubly encoded, backslashes, NUL, symlinks)', async () => {
    const authed = { host: `127.0.0.1:${serve.port}`, cookie: serve.cookie };
    expect((await httpGet(serve.port, '/docs/rules/dependency-cycle.md', authed)).status).toBe(200);
    for (const p of [
      '/docs/rules/..%2f..%2f.git/config',
      '/docs/rules/..%2f..%2fpackage.json',
      '/docs/rules/..%2F..%2Fsrc-main%2Fserve%2Fserver.ts',
      '/docs/rules/%2e%2e/%2e%2e/package.json',
      '/docs/rules/%2e%2e%2f%2e%2e%2fpackage.json',
      '/docs/rules/%252e%252e%252f%252e%252e%252fpackage.json',
      '/docs/rules/..%5c..%5cpackage.json',
      '/docs/rules/..\\..\\package.json',
      '/docs/rules/dependency-cycle.md%00',
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/node_modules/ws/package.json',
      `/${path.basename(link)}`,
    ]) {
      const res = await httpGet(serve.port, p, authed);
      expect([p, res.status]).toEqual([p, expect.toSatisfy((s: number) => s === 403 || s === 404)]);
      expect(res.body).not.toContain('"name"');
      expect(res.body).not.toContain('[core]');
    }
  });
});
