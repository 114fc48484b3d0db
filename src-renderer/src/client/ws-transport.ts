import type { EventName, Events, Params, RequestName, Result, WireError, WorkbenchTransport } from '../../../src-main/common/contract';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class RemoteError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/**
 * The browser transport: JSON messages over a WebSocket to `mwb serve`. Reconnects when the
 * connection drops; requests made while offline wait for the connection.
 */
export function createWebSocketTransport(url: string, onConnection: (state: 'open' | 'closed') => void): WorkbenchTransport {
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
