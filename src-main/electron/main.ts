import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell } from 'electron';
import fs from 'node:fs';
import { join } from 'node:path';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, type Events } from '../common/contract';
import { AppStore } from '../node/app-store';
import { configureSqlite } from '../node/dev-database';
import { WorkbenchService } from '../service/service';
import { SnapshotWire } from '../service/snapshot-wire';
import { createIpcRequestHandler } from './ipc-router';
import { checkoutFromArgv } from './launch-args';
import { buildMenuTemplate } from './menu-template';
import { resolveAppRequest } from './app-protocol';
import { devRendererUrl } from './dev-renderer-url';
import { APP_ORIGIN, isTrustedSender } from './trusted-sender';

/**
 * The Electron main process: the only file that imports `electron`. The workbench itself is the
 * service (shared with `mwb serve`); this file creates the window, the menu and the IPC wiring.
 */
const rendererDir = join(__dirname, '../renderer');
const rendererFile = join(rendererDir, 'index.html');
const appRoot = app.getAppPath();
/** The dev server's renderer (`npm run dev`); never in a packaged app. */
const devUrl = devRendererUrl(process.env, app.isPackaged);
const rulesDocsDir = join(appRoot, 'docs', 'rules');

// The renderer is served from app://workbench rather than file://, so module workers, the CSP and
// same-origin rules behave as in the browser host; only the renderer and the rules docs are served.
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
let win: BrowserWindow | null = null;
let store: AppStore | null = null;

/** better-sqlite3 built for Electron's ABI, placed by `npm run dist` (see scripts/rebuild-electron-native.mjs). */
function electronNativeBinding(): string | undefined {
  const p = join(appRoot, 'native', 'electron', 'better_sqlite3.node');
  return fs.existsSync(p) ? p : undefined;
}

// After an edit, the renderer gets what changed in the snapshot, not all of it (service/snapshot-wire.ts).
const wire = new SnapshotWire();
const emit = <E extends keyof Events>(event: E, payload: Events[E]) => {
  const sent = wire.wire(event, payload);
  win?.webContents.send(IPC_EVENT_CHANNEL, sent);
};

function createService(): WorkbenchService {
  try {
    const binding = electronNativeBinding();
    // The migration planner's dev database uses the same Electron build of better-sqlite3.
    if (binding) configureSqlite({ nativeBinding: binding });
    if (binding) store = new AppStore({ dataDir: app.getPath('userData'), nativeBinding: binding });
    else console.warn('module-workbench: no Electron build of better-sqlite3 found; recent checkouts and window state will not be kept');
  } catch (err) {
    console.warn(`module-workbench: app data unavailable: ${(err as Error).message}`);
  }
  return new WorkbenchService({
    host: 'electron',
    version: app.getVersion(),
    exampleCheckout: join(appRoot, 'resources', 'example-platform'),
    rulesDocBase: `${APP_ORIGIN}/docs/rules/`,
    store,
    emit,
  });
}

function refreshMenu(service: WorkbenchService): void {
  const template = buildMenuTemplate(
    {
      openCheckout: () => {
        if (!win) return;
        void dialog.showOpenDialog(win, { title: 'Open a platform checkout', properties: ['openDirectory'] }).then((r) => {
          if (!r.canceled && r.filePaths[0]) void openCheckout(service, r.filePaths[0]);
        });
      },
      openRecent: (p) => void openCheckout(service, p),
      revealCheckout: () => service.session.root && shell.showItemInFolder(service.session.root),
      rescan: () => void service.handle('session.rescan', {}),
      navigate: (view) => emit('app.navigate', { view }),
      openRulesDocs: () => void shell.openPath(join(appRoot, 'docs', 'rules', 'README.md')),
      about: () => void dialog.showMessageBox({ type: 'info', title: 'Module Workbench', message: `Module Workbench ${app.getVersion()}`, detail: 'Understand and change modular application platforms, offline.' }),
      quit: () => app.quit(),
    },
    store?.recent() ?? [],
    service.session.root !== null,
    process.platform === 'darwin',
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function openCheckout(service: WorkbenchService, path: string): Promise<void> {
  try {
    await service.open(path);
  } catch (err) {
    emit('session.error', { message: (err as Error).message });
  }
  refreshMenu(service);
}

function createWindow(): BrowserWindow {
  const saved = (store?.getWindowState('main') ?? null) as { width: number; height: number; x?: number; y?: number } | null;
  const window = new BrowserWindow({
    width: saved?.width ?? 1280,
    height: saved?.height ?? 820,
    x: saved?.x,
    y: saved?.y,
    title: 'Module Workbench',
    show: false,
    // Written out here, in full, where the window is made (and where electronegativity reads it):
    // isolated, sandboxed, no Node, no webview, no insecure content, no middle-click windows.
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('close', () => store?.setWindowState('main', window.getBounds()));
  // Unsaved edits in the editor: the page declines to unload, and the user decides here.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Keep Editing', 'Discard Changes'],
      defaultId: 0,
      cancelId: 0,
      message: 'The manifest editor has unsaved changes.',
      detail: 'Discard them and close the window?',
    });
    if (choice === 1) event.preventDefault();
  });
  if (devUrl) void window.loadURL(devUrl);
  else void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // A rules documentation link opens the local page in the user's viewer; nothing else opens.
    const file = url.startsWith(`${APP_ORIGIN}/docs/rules/`) ? resolveAppRequest(url, rendererDir, rulesDocsDir) : null;
    if (file) void shell.openPath(file);
    return { action: 'deny' };
  });
});

void app.whenReady().then(async () => {
  protocol.handle('app', (request) => {
    const file = resolveAppRequest(request.url, rendererDir, rulesDocsDir);
    return file ? net.fetch(`file://${file}`) : new Response('not found', { status: 404 });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    // The same policy as the <meta> in src-renderer/index.html, minus the WebSocket `mwb serve` needs.
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': ["default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"],
      },
    });
  });
  const service = createService();
  const handle = createIpcRequestHandler(service, (url) => isTrustedSender(url, rendererFile, devUrl));
  ipcMain.handle(IPC_REQUEST_CHANNEL, (event, payload) => handle(event.senderFrame?.url, payload));
  const fromArgs = checkoutFromArgv(process.argv, appRoot, app.isPackaged);
  if (fromArgs) await openCheckout(service, fromArgs);
  win = createWindow();
  refreshMenu(service);
  app.on('before-quit', () => service.dispose());
});

app.on('window-all-closed', () => app.quit());
