import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Events } from '../common/contract';
import { resolveStaticFile } from '../node/static-file';
import type { WorkbenchService } from '../service/service';
import { cookieValues, createLaunchSecret, secretCookie, secretCookieName } from './launch-secret';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.md': 'text/markdown; charset=utf-8',
};

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface ServerOptions {
  service: WorkbenchService;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The docs/rules folder whose pages the Help links serve under /docs/rules/. */
  rulesDir?: string;
  port: number;
}

export interface RunningServer {
  /** The one URL to open: it carries this launch's secret (`?token=`). Print it, never log it. */
  url: string;
  /** `http://127.0.0.1:<port>`, without the secret. */
  origin: string;
  port: number;
  /** Sends an event to every connected browser. */
  broadcast<E extends keyof Events>(event: E, payload: Events[E]): void;
  close(): Promise<void>;
}

/** Sent with every answer: no page of ours ever passes its URL on. */
const COMMON_HEADERS = { 'referrer-policy': 'no-referrer', 'x-content-type-options': 'nosniff' };

/** The entry page without the secret: a fixed line, nothing of the workbench. */
const NEEDS_SECRET = 'Open the URL that mwb serve printed: it carries this launch\'s secret.\n';

/**
 * The headless host: the same UI and contract as the app, for a browser. Binds to 127.0.0.1 only,
 * answers only requests whose Host (and, for the WebSocket, Origin) is its own, so a web page
 * elsewhere cannot reach it through DNS rebinding, and requires a per-launch secret on the entry
 * page, the API and the WebSocket, so another local user or process cannot drive it either. The
 * secret arrives once in the printed URL and is exchanged for an HttpOnly, SameSite=Strict cookie
 * and a redirect to the clean URL; the renderer's static files are public.
 */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const sockets = new Set<WebSocket>();
  const secret = createLaunchSecret();
  let port = options.port;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const authorized = (req: http.IncomingMessage) => cookieValues(req.headers.cookie, secretCookieName(port)).some((v) => secret.matches(v));
  const refuse = (res: http.ServerResponse, status: number, body = '') =>
    res.writeHead(status, { ...COMMON_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(body);

  const server = http.createServer((req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) return refuse(res, 403);
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const ok = authorized(req);
    // Without the secret the API says nothing else, not even which methods it takes.
    if (url.pathname.startsWith('/api/') && !ok) return refuse(res, 403);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...COMMON_HEADERS, allow: 'GET, HEAD' }).end();
      return;
    }
    if (url.searchParams.has('token')) {
      // The printed URL: trade the secret for the cookie and leave for the clean URL, so the secret
      // stays out of the page's address, its history entry and any Referer. The fragment (#view)
      // survives the redirect.
      if (!secret.matches(url.searchParams.get('token'))) return refuse(res, 403);
      res.writeHead(302, { ...COMMON_HEADERS, location: '/', 'set-cookie': secretCookie(port, secret.value), 'cache-control': 'no-store' }).end();
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      // The page asks this after a lost connection, to tell a stale secret from a stopped server.
      if (url.pathname === '/api/auth') return refuse(res, 204);
      return refuse(res, 404);
    }
    if ((url.pathname === '/' || url.pathname === '/index.html') && !ok) return refuse(res, 403, NEEDS_SECRET);
    const file = resolveStaticFile(url.pathname, { rendererDir: options.rendererDir, rulesDir: options.rulesDir });
    if (!file) return refuse(res, 404, 'not found\n');
    fs.readFile(file, (err, data) => {
      if (err) return refuse(res, 404, 'not found\n');
      res.writeHead(200, {
        ...COMMON_HEADERS,
        'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : data);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const okHost = allowedHosts().has(req.headers.host ?? '');
    const okOrigin = allowedOrigins().has(req.headers.origin ?? '');
    if (!okHost || !okOrigin || new URL(req.url ?? '/', 'http://x').pathname !== '/ws' || !authorized(req)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (raw) => {
        let msg: { id?: unknown; method?: unknown; params?: unknown };
        try {
          msg = JSON.parse(raw.toString());
        } catch {
          ws.send(JSON.stringify({ id: null, ok: false, error: { code: 'bad-request', message: 'messages must be JSON' } }));
          return;
        }
        void options.service.handle(msg.method, msg.params ?? {}).then((reply) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: msg.id ?? null, ...reply }));
        });
      });
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${secret.value}`,
        origin: `http://127.0.0.1:${port}`,
        port,
        broadcast(event, payload) {
          const text = JSON.stringify({ event, payload });
          for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
        },
        close: () =>
          new Promise<void>((done) => {
            for (const ws of sockets) ws.terminate();
            wss.close();
            server.close(() => done());
            // A browser keeps idle keep-alive connections open for minutes; close() alone waits for them.
            server.closeAllConnections();
          }),
      });
    });
  });
}
