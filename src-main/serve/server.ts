import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Events } from '../common/contract';
import type { WorkbenchService } from '../service/service';

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
  /** Folder whose docs/rules pages the Help links serve (the repository root). */
  docsDir?: string;
  port: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Sends an event to every connected browser. */
  broadcast<E extends keyof Events>(event: E, payload: Events[E]): void;
  close(): Promise<void>;
}

/**
 * The headless host: the same UI and contract as the app, for a browser. Binds to 127.0.0.1 only
 * and answers only requests whose Host (and, for the WebSocket, Origin) is its own, so a web page
 * elsewhere cannot reach it through DNS rebinding.
 */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  const sockets = new Set<WebSocket>();
  let port = options.port;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = http.createServer((req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden host\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const fromDocs = pathname.startsWith('/docs/rules/') && options.docsDir;
    const base = fromDocs ? (options.docsDir as string) : options.rendererDir;
    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = path.resolve(base, rel);
    if (path.relative(base, file).startsWith('..') || rel.includes('\0')) {
      res.writeHead(404).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : data);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const okHost = allowedHosts().has(req.headers.host ?? '');
    const okOrigin = allowedOrigins().has(req.headers.origin ?? '');
    if (!okHost || !okOrigin || new URL(req.url ?? '/', 'http://x').pathname !== '/ws') {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
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
        url: `http://127.0.0.1:${port}/`,
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
          }),
      });
    });
  });
}
