import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Events } from '../src-main/common/contract';
import { startServer, type RunningServer } from '../src-main/serve/server';
import { WorkbenchService } from '../src-main/service/service';
import { EXAMPLE } from './helpers/checkout';

let server: RunningServer;
let service: WorkbenchService;
const renderer = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-renderer-'));
fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>t</title>');
fs.writeFileSync(path.join(os.tmpdir(), 'mwb-secret.txt'), 'secret');

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
  server = await startServer({ service, rendererDir: renderer, port: 0 });
});
afterAll(async () => {
  await server.close();
  service.dispose();
});

function get(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: pathname, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { origin });
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
}

describe('mwb serve', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it('serves the UI with a CSP and nosniff', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>t</title>');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a foreign Host header (DNS rebinding) and paths out of its folder', async () => {
    expect((await get('/', { host: 'attacker.example:80' })).status).toBe(403);
    expect((await get('/', { host: `localhost:${server.port}` })).status).toBe(200);
    expect((await get('/../mwb-secret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/mwb-secret.txt')).status).toBe(404);
  });

  it('refuses WebSocket connections from other origins', async () => {
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
