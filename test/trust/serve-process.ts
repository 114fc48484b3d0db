import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { REPO } from '../helpers/checkout';
import { exchangeSecret, PRINTED_URL } from '../helpers/serve-auth';

export interface ServeProcess {
  proc: ChildProcess;
  port: number;
  /** The URL the server printed, with its secret. */
  url: string;
  /** The cookie the printed URL gave (`name=value`). */
  cookie: string;
  /** Everything the process wrote so far. */
  output(): { stdout: string; stderr: string };
  ask<T = unknown>(method: string, params?: unknown): Promise<{ ok: boolean; result?: T; error?: { code: string; message: string } }>;
  /** Sends a request without waiting for its answer. */
  send(method: string, params?: unknown): void;
  close(): Promise<void>;
}

/**
 * Runs the built `mwb serve` as a real process and connects to its WebSocket as the UI does:
 * through the printed URL (its secret traded for the cookie), from the server's own origin.
 */
/**
 * The test's own environment with an app data folder of its own (a fresh temp folder), so a served
 * checkout never lands in the recent list of the user who runs the tests.
 */
export function isolatedServeEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: '1', MWB_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-data-')) };
}

export async function startServe(checkout: string, env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const proc = spawn(process.execPath, [path.join(REPO, 'bin', 'module-workbench.js'), 'serve', checkout, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr?.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mwb serve did not start: ${out}${err}`)), 60_000);
    proc.stdout?.on('data', (d) => {
      out += d;
      const m = PRINTED_URL.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => reject(new Error(`mwb serve exited (${code}): ${out}${err}`)));
  });
  const port = Number(new URL(url).port);
  const cookie = await exchangeSecret(url);
  const ws = await new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { origin: `http://127.0.0.1:${port}`, headers: { cookie } });
    socket.on('open', () => resolve(socket));
    socket.on('error', reject);
  });
  ws.on('error', () => undefined);
  let next = 1;
  const pending = new Map<number, (msg: never) => void>();
  ws.on('message', (raw) => {
    const msg = JSON.parse(raw.toString());
    if (typeof msg.id === 'number') pending.get(msg.id)?.(msg as never);
  });
  return {
    proc,
    port,
    url,
    cookie,
    output: () => ({ stdout: out, stderr: err }),
    ask(method, params = {}) {
      const id = next++;
      return new Promise((resolve) => {
        pending.set(id, resolve as never);
        ws.send(JSON.stringify({ id, method, params }));
      });
    },
    send(method, params = {}) {
      ws.send(JSON.stringify({ id: next++, method, params }));
    },
    async close() {
      ws.terminate();
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
    },
  };
}
