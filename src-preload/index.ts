import { contextBridge } from 'electron';

/** The one object the renderer sees; the typed contract fills it in as the app grows. */
contextBridge.exposeInMainWorld('workbench', Object.freeze({ version: 1 }));
