import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../src-main/common/contract';

/**
 * The renderer's one object: requests and events of the contract over two fixed channels, and
 * the path of a dropped folder. Nothing else of Node or Electron reaches the page.
 */
contextBridge.exposeInMainWorld(
  'workbench',
  Object.freeze({
    request: (name: string, params: unknown) => ipcRenderer.invoke(IPC_REQUEST_CHANNEL, { name, params }),
    on: (event: string, listener: (payload: unknown) => void) => {
      const fn = (_e: unknown, message: { event?: string; payload?: unknown }) => {
        if (message?.event === event) listener(message.payload);
      };
      ipcRenderer.on(IPC_EVENT_CHANNEL, fn);
      return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, fn);
    },
    pathForFile: (file: File) => webUtils.getPathForFile(file),
  }),
);
