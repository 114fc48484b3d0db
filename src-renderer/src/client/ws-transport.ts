import type { EventName, Events, Params, RequestName, Result, WireError, WorkbenchTransport } from '../../../src-main/common/contract';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class RemoteError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/**
 * `forbidden`: the server answers but refuses this page (its secret cookie is stale: the server
 * was restarted with a new secret), so reconnecting alone will not help.
 */
export type ConnectionState = 'open' | 'closed' | 'forbidden';

/**
 * The browser transport: JSON messages over a WebSocket to `mwb serve`. The server admits it by
 * the HttpOnly cookie the printed URL set (the browser sends it with the upgrade; the page never
 * sees the secret). Reconnects when the connection drops; requests made while offline wait for
 * the connection. After a failed connection it asks `authUrl` whether the server is gone or
 * refuses this page, since a browser WebSocket does not say why an upgrade failed.
 */
export function createWebSocketTransport(url: string, authUrl: string, onConnection: (state: ConnectionState) => void): WorkbenchTransport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let ready: Promise<WebSocket>;
  let retry = 250;

  const connect = (): Promise<WebSocket> =>
    new Promise((resolve) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        retry = 250;
        onConnection('open');
        resolve(ws);
      };
      ws.onmessage = (ev) => {
        const msg = JSON.parse(String(ev.data)) as { id?: number; ok?: boolean; result?: unknown; error?: WireError; event?: string; payload?: unknown };
        if (msg.event) {
          for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
          return;
        }
        const p = msg.id !== undefined ? pending.get(msg.id) : undefined;
        if (!p) return;
        pending.delete(msg.id as number);
        if (msg.ok) p.resolve(msg.result);
        else p.reject(new RemoteError(msg.error?.code ?? 'error', msg.error?.message ?? 'request failed'));
      };
      ws.onclose = () => {
        if (socket === ws) {
          socket = null;
          onConnection('closed');
          for (const [, p] of pending) p.reject(new RemoteError('disconnected', 'the connection to the workbench server was lost'));
          pending.clear();
        }
        void fetch(authUrl, { cache: 'no-store', credentials: 'same-origin' }).then(
          (res) => {
            if (res.status === 403 && !socket) onConnection('forbidden');
          },
          () => undefined,
        );
        ready = new Promise((r) => setTimeout(() => void connect().then(r), (retry = Math.min(retry * 2, 4000))));
      };
    });
  ready = connect();

  return {
    async request<N extends RequestName>(name: N, params: Params<N>): Promise<Result<N>> {
      const ws = socket ?? (await ready);
      const id = nextId++;
      return new Promise<Result<N>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ id, method: name, params }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
