import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * The app's own data (recent checkouts, window state, per-checkout UI state) in SQLite in the
 * app data folder: never inside a checkout. `nativeBinding` lets the Electron main process load
 * a better-sqlite3 build for Electron's ABI while Node (CLI, server, tests) uses the default one.
 */
export interface AppStoreOptions {
  dataDir: string;
  nativeBinding?: string;
}

export interface RecentEntry {
  path: string;
  name: string;
  openedAt: number;
}

const MAX_RECENT = 12;

export class AppStore {
  private readonly db: Database.Database;

  constructor(options: AppStoreOptions) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    this.db = new Database(path.join(options.dataDir, 'workbench.sqlite'), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 2000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS recent (path TEXT PRIMARY KEY, name TEXT NOT NULL, opened_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS ui_state (checkout TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (checkout, key));
      CREATE TABLE IF NOT EXISTS window_state (id TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  }

  addRecent(entry: RecentEntry): void {
    this.db.prepare('INSERT INTO recent (path, name, opened_at) VALUES (?, ?, ?) ON CONFLICT(path) DO UPDATE SET name = excluded.name, opened_at = excluded.opened_at').run(entry.path, entry.name, entry.openedAt);
    this.db.prepare('DELETE FROM recent WHERE path NOT IN (SELECT path FROM recent ORDER BY opened_at DESC LIMIT ?)').run(MAX_RECENT);
  }

  recent(): RecentEntry[] {
    return this.db.prepare('SELECT path, name, opened_at AS openedAt FROM recent ORDER BY opened_at DESC, path').all() as RecentEntry[];
  }

  removeRecent(p: string): void {
    this.db.prepare('DELETE FROM recent WHERE path = ?').run(p);
  }

  getUiState(checkout: string, key: string): unknown {
    const row = this.db.prepare('SELECT value FROM ui_state WHERE checkout = ? AND key = ?').get(checkout, key) as { value: string } | undefined;
    return row ? JSON.parse(row.value) : null;
  }

  setUiState(checkout: string, key: string, value: unknown): void {
    this.db.prepare('INSERT INTO ui_state (checkout, key, value) VALUES (?, ?, ?) ON CONFLICT(checkout, key) DO UPDATE SET value = excluded.value').run(checkout, key, JSON.stringify(value ?? null));
  }

  getWindowState(id: string): unknown {
    const row = this.db.prepare('SELECT value FROM window_state WHERE id = ?').get(id) as { value: string } | undefined;
    return row ? JSON.parse(row.value) : null;
  }

  setWindowState(id: string, value: unknown): void {
    this.db.prepare('INSERT INTO window_state (id, value) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET value = excluded.value').run(id, JSON.stringify(value));
  }

  close(): void {
    this.db.close();
  }
}

/** The per-user data folder for hosts without Electron's app.getPath('userData'). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MWB_DATA_DIR) return env.MWB_DATA_DIR;
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'module-workbench');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'module-workbench');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'module-workbench');
}
