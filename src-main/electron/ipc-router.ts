import type { WireError } from '../common/contract';

export interface RequestHandler {
  handle(name: unknown, params: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: WireError }>;
}

export type IpcReply = { ok: true; result: unknown } | { ok: false; error: WireError };

/**
 * Turns an `ipcMain.handle` call into a service request: the sender must be our renderer, the
 * payload must be `{name, params}`; the service validates the parameters of each request.
 */
export function createIpcRequestHandler(service: RequestHandler, isTrusted: (senderUrl: string | undefined) => boolean) {
  return async (senderUrl: string | undefined, payload: unknown): Promise<IpcReply> => {
    if (!isTrusted(senderUrl)) return { ok: false, error: { code: 'untrusted-sender', message: 'request refused: it does not come from the workbench window' } };
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      return { ok: false, error: { code: 'bad-request', message: 'a request is an object {name, params}' } };
    }
    const { name, params } = payload as { name?: unknown; params?: unknown };
    return service.handle(name, params ?? {});
  };
}
