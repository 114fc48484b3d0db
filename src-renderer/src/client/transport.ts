import type { WorkbenchTransport } from '../../../src-main/common/contract';
import { withSnapshotPatches } from './snapshot-patches';
import { createWebSocketTransport, RemoteError, type ConnectionState } from './ws-transport';

export type { ConnectionState } from './ws-transport';

/** What the preload exposes in the Electron app (see src-preload). */
interface PreloadBridge {
  request(name: string, params: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** The file-system path of a dropped file or folder (desktop app only). */
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    workbench?: PreloadBridge;
  }
}

/**
 * The renderer's one way to the backend. In the app it is the preload's IPC bridge, in a browser
 * a WebSocket to `mwb serve`; the views never know which.
 */
export function createTransport(onConnection: (state: ConnectionState) => void): WorkbenchTransport {
  const bridge = window.workbench;
  if (bridge) {
    onConnection('open');
    return withSnapshotPatches({
      request: async (name, params) => {
        const reply = await bridge.request(name, params);
        if (reply.ok) return reply.result as never;
        throw new RemoteError(reply.error.code, reply.error.message);
      },
      on: (event, listener) => bridge.on(event, listener as (payload: unknown) => void),
    });
  }
  return withSnapshotPatches(createWebSocketTransport(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`, `${location.origin}/api/auth`, onConnection));
}
