import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openCheckout(): void;
  openRecent(path: string): void;
  revealCheckout(): void;
  rescan(): void;
  navigate(view: string): void;
  openRulesDocs(): void;
  about(): void;
  quit(): void;
}

const VIEWS: readonly [string, string][] = [
  ['graph', 'Graph'],
  ['problems', 'Problems'],
  ['capabilities', 'Capabilities'],
  ['migrations', 'Migrations'],
  ['permissions', 'Permissions'],
  ['changes', 'Changes'],
  ['notes', 'Notes'],
  ['tables', 'Tables'],
];

/** The application menu as data: File, View, Help. Built without importing electron at run time. */
export function buildMenuTemplate(actions: MenuActions, recent: readonly { path: string; name: string }[], hasCheckout: boolean, isMac: boolean): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open Checkout…', accelerator: 'CmdOrCtrl+O', click: () => actions.openCheckout() },
      {
        label: 'Open Recent',
        submenu: recent.length > 0 ? recent.map((r) => ({ label: `${r.name} — ${r.path}`, click: () => actions.openRecent(r.path) })) : [{ label: 'No recent checkouts', enabled: false }],
      },
      { type: 'separator' },
      { label: isMac ? 'Reveal in Finder' : 'Reveal in File Manager', enabled: hasCheckout, click: () => actions.revealCheckout() },
      { label: 'Rescan', accelerator: 'F5', enabled: hasCheckout, click: () => actions.rescan() },
      { type: 'separator' },
      { label: isMac ? 'Quit Module Workbench' : 'Exit', accelerator: isMac ? 'Cmd+Q' : 'Alt+F4', click: () => actions.quit() },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...VIEWS.map(([id, label], i): MenuItemConstructorOptions => ({ label, accelerator: `Alt+${i + 1}`, click: () => actions.navigate(id) })),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: 'Help',
    submenu: [
      { label: 'Rules Documentation', click: () => actions.openRulesDocs() },
      { label: 'About Module Workbench', click: () => actions.about() },
    ],
  };
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };
  return [file, edit, view, help];
}
