import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Events } from '../src-main/common/contract';
import { startServer, type RunningServer } from '../src-main/serve/server';
import { WorkbenchService } from '../src-main/service/service';
import { EXAMPLE } from './helpers/checkout';
import { exchangeSecret, httpGet } from './helpers/serve-auth';

let server: RunningServer;
let service: WorkbenchService;
let cookie: string;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-serve-'));
const renderer = path.join(root, 'renderer');
const rules = path.join(root, 'docs', 'rules');
fs.mkdirSync(renderer);
fs.mkdirSync(rules, { recursive: true });
fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>t</title>');
fs.writeFileSync(path.join(renderer, 'app.js'), 'export {}');
fs.writeFileSync(path.join(rules, 'dependency-cycle.md'), '# dependency-cycle');
fs.writeFileSync(path.join(root, 'mwb-secret.txt'), 'secret');
fs.writeFileSync(path.join(root, 'package.json'), '{}');
fs.symlinkSync(path.join(root, 'mwb-secret.txt'), path.join(renderer, 'leak.js'));
fs.symlinkSync(root, path.join(rules, 'up'));

beforeAll(async () => {
  service = new WorkbenchService({
    host: 'browser',
    version: 't',
    exampleCheckout: EXAMPLE,
    rulesDocBase: '/docs/rules/',
    store: null,
    watch: false,
    emit: <E extends keyof Events>(event: E, payload: Events[E]) => server?.broadcast(event, payload),
  });
  await service.open(EXAMPLE);
  server = await startServer({ service, rendererDir: renderer, rulesDir: rules, port: 0 });
  cookie = await exchangeSecret(server.url);
});
afterAll(async () => {
  await server.close();
  service.dispose();
  fs.rmSync(root, { recursive: true, force: true });
});

const get = (pathname: string, headers: Record<string, string> = {}) => httpGet(server.port, pathname, { cookie, ...headers });

function connect(origin: string, headers: Record<string, string> = { cookie }, pathname = '/ws'): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${pathname}`, { origin, headers });
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
}

describe('mwb serve', () => {
  it('listens on 127.0.0.1 only and prints one URL that carries a 256-bit secret', () => {
    expect(server.origin).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[0-9a-f]{64}$`));
  });

  it('serves the UI with a CSP, nosniff and no Referer', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>t</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get('/', { host: 'attacker.example:80' })).status).toBe(403);
    expect((await get('/', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('trades the secret once for the cookie and a redirect to the clean URL; a wrong secret gets 403 and nothing else', async () => {
    const token = new URL(server.url).searchParams.get('token') as string;
    const right = await httpGet(server.port, `/?token=${token}`, { host: `127.0.0.1:${server.port}` });
    expect(right.status).toBe(302);
    expect(right.headers.location).toBe('/');
    expect(right.headers['referrer-policy']).toBe('no-referrer');
    expect(right.headers['set-cookie']).toEqual([`mwb-serve-${server.port}=${token}; Path=/; HttpOnly; SameSite=Strict`]);
    for (const wrong of [token.slice(0, -1), `${token}0`, token.replace(/./, (c) => (c === 'a' ? 'b' : 'a')), '']) {
      const res = await httpGet(server.port, `/?token=${wrong}`, { host: `127.0.0.1:${server.port}` });
      expect([res.status, res.body, res.headers['set-cookie']]).toEqual([403, '', undefined]);
    }
  });

  it('without the secret: the entry page and the API are 403, the WebSocket is refused', async () => {
    const bare = await httpGet(server.port, '/', { host: `127.0.0.1:${server.port}` });
    expect(bare.status).toBe(403);
    expect(bare.body).not.toContain('<title>');
    expect((await httpGet(server.port, '/index.html', { host: `127.0.0.1:${server.port}` })).status).toBe(403);
    const wrongCookie = { host: `127.0.0.1:${server.port}`, cookie: `mwb-serve-${server.port}=${'0'.repeat(64)}` };
    for (const headers of [{ host: `127.0.0.1:${server.port}` }, wrongCookie]) {
      expect(await httpGet(server.port, '/api/auth', headers)).toMatchObject({ status: 403, body: '' });
      expect(await httpGet(server.port, '/api/nothing', headers)).toMatchObject({ status: 403, body: '' });
    }
    expect((await get('/api/auth')).status).toBe(204);
    const origin = `http://127.0.0.1:${server.port}`;
    await expect(connect(origin, {})).rejects.toThrow(/403/);
    await expect(connect(origin, { cookie: wrongCookie.cookie })).rejects.toThrow(/403/);
    // Another port's cookie (another server on 127.0.0.1) does not open this one.
    await expect(connect(origin, { cookie: cookie.replace(`mwb-serve-${server.port}=`, `mwb-serve-${server.port + 1}=`) })).rejects.toThrow(/403/);
    // The secret goes through the cookie only, not on the WebSocket URL.
    await expect(connect(origin, {}, `/ws?token=${new URL(server.url).searchParams.get('token')}`)).rejects.toThrow(/403/);
  });

  it('keeps static assets public, and keeps every path inside the renderer and rule docs folders', async () => {
    const anonymous = { host: `127.0.0.1:${server.port}` };
    expect((await httpGet(server.port, '/app.js', anonymous)).status).toBe(200);
    expect((await httpGet(server.port, '/docs/rules/dependency-cycle.md', anonymous)).body).toBe('# dependency-cycle');
    for (const p of [
      '/../mwb-secret.txt',
      '/%2e%2e/mwb-secret.txt',
      '/..%2fmwb-secret.txt',
      '/docs/rules/..%2f..%2fpackage.json',
      '/docs/rules/..%2f..%2fmwb-secret.txt',
      '/docs/rules/%2e%2e/%2e%2e/mwb-secret.txt',
      '/docs/rules/%252e%252e%252f%252e%252e%252fmwb-secret.txt',
      '/docs/rules/..%5c..%5cmwb-secret.txt',
      '/docs/rules/dependency-cycle.md%00.html',
      '/leak.js',
      '/docs/rules/up/mwb-secret.txt',
      '/docs/rules/up/package.json',
      '/docs/rules/',
    ]) {
      const res = await get(p);
      expect([p, res.status]).toEqual([p, 404]);
      expect(res.body).not.toContain('secret');
    }
  });

  it('refuses WebSocket connections from other origins, even with the cookie', async () => {
    await expect(connect('http://attacker.example')).rejects.toThrow(/403/);
    await expect(connect(`http://127.0.0.1:${server.port + 1}`)).rejects.toThrow(/403/);
  });

  it('answers contract requests over the WebSocket, errors as data', async () => {
    const ws = await connect(`http://127.0.0.1:${server.port}`);
    const ask = (id: number, method: string, params: unknown) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const onMessage = (raw: WebSocket.RawData) => {
          const msg = JSON.parse(raw.toString());
          if (msg.id === id) {
            ws.off('message', onMessage);
            resolve(msg);
          }
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ id, method, params }));
      });
    const snap = await ask(1, 'session.snapshot', {});
    expect(snap.ok).toBe(true);
    expect((snap.result as { modules: unknown[] }).modules).toHaveLength(15);
    expect(await ask(2, 'file.read', { path: '../../etc/passwd' })).toEqual({ id: 2, ok: false, error: { code: 'bad-request', message: "file.read: 'path' must be a path inside the checkout" } });
    const mermaid = await ask(3, 'graph.export', { format: 'mermaid', edges: ['dependency'] });
    expect(String(mermaid.result)).toMatch(/^flowchart LR/);
    ws.close();
  });

  it('pushes events to connected browsers', async () => {
    const ws = await connect(`http://localhost:${server.port}`);
    const event = new Promise<Record<string, unknown>>((resolve) => ws.on('message', (raw) => resolve(JSON.parse(raw.toString()))));
    await service.handle('session.setProfile', { profile: 'full' });
    const msg = await event;
    expect(msg.event).toBe('session.snapshot');
    expect((msg.payload as { profile: string }).profile).toBe('full');
    ws.close();
  });
});
