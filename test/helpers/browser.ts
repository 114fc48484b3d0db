import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { REPO } from './checkout';
import { PRINTED_URL } from './serve-auth';

export const CHROMIUM = process.env.MWB_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO, 'test-results', 'screenshots');

/** Whether Chromium is installed (by `npm run setup:test-tools`, which `npm test` runs). */
export const hasChromium = fs.existsSync(CHROMIUM);
/** Skip browser tests only on a developer machine without Chromium; in CI a missing browser fails loudly. */
export const skipE2E = !hasChromium && !process.env.CI;

export interface Served {
  /** The URL the server printed, with its secret: what a user opens. */
  url: string;
  /** `http://127.0.0.1:<port>` without the secret. */
  origin: string;
  /** Everything the process printed so far. */
  output(): { stdout: string; stderr: string };
  process: ChildProcess;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the built `mwb serve` for a checkout, on a free port unless one is given, with its own app
 * data folder. `startMs`: how long it may take to read the checkout and print its URL.
 */
export async function serve(checkout: string, port = 0, startMs = 60_000): Promise<Served> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-data-'));
  const child = spawn(process.execPath, [path.join(REPO, 'bin', 'module-workbench.js'), 'serve', checkout, '--port', String(port)], {
    env: { ...process.env, MWB_DATA_DIR: dataDir, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let out = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never left running behind a failed test
      reject(new Error(`serve did not start: ${stderr}`));
    }, startMs);
    child.stdout?.on('data', (d) => {
      out += String(d);
      const m = PRINTED_URL.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    output: () => ({ stdout: out, stderr }),
    process: child,
    dataDir,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * What the browser tests of one describe block share: a browser launched before them, and the
 * servers and temp folders they start, all closed or removed after them.
 */
export function browserSuite(): {
  serve(checkout: string, port?: number, startMs?: number): Promise<Served>;
  page(url: string, viewport?: { width: number; height: number }): Promise<{ page: Page; consoleErrors: string[] }>;
  track<T extends string>(dir: T): T;
} {
  let browser: Browser | undefined;
  const servers: Served[] = [];
  const temps: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.stop()));
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    async serve(checkout, port, startMs) {
      const served = await serve(checkout, port, startMs);
      servers.push(served);
      return served;
    },
    page(url, viewport) {
      if (!browser) throw new Error('the browser is not launched yet (use suite.page inside a test)');
      return openPage(browser, url, viewport);
    },
    track(dir) {
      temps.push(dir);
      return dir;
    },
  };
}

/** A page that records console errors and uncaught exceptions, so tests can assert there are none. */
export async function openPage(browser: Browser, url: string, viewport = { width: 1440, height: 900 }): Promise<{ page: Page; consoleErrors: string[] }> {
  const context = await browser.newContext({ viewport });
  // A hang guard, not a time limit: two test files run at a time, on machines other work loads too.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  await page.goto(url);
  return { page, consoleErrors };
}

/**
 * Saves a screenshot under test-results/screenshots (the artefacts of every run). Those marked for
 * the docs are copied into docs/screenshots only by `npm run screenshots`, so a test run never
 * changes tracked files.
 */
export async function screenshot(page: Page, name: string, alsoDocs = false): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (alsoDocs && process.env.MWB_UPDATE_SCREENSHOTS) {
    const docs = path.join(REPO, 'docs', 'screenshots');
    fs.mkdirSync(docs, { recursive: true });
    fs.copyFileSync(file, path.join(docs, `${name}.png`));
  }
  return file;
}

/**
 * Hovers `target` until Monaco shows `hover`. Monaco sometimes drops the first hover of a freshly
 * laid-out editor (the mouse arrives while the line is re-rendered), so the mouse leaves and comes
 * back a few times before giving up; a hover that never shows still fails the test.
 */
export async function hoverUntilShown(page: Page, target: Locator, hover: Locator, timeoutMs = 10_000): Promise<void> {
  const tries = 4;
  for (let i = 1; ; i++) {
    await target.hover();
    try {
      await hover.first().waitFor({ timeout: Math.round(timeoutMs / tries) });
      return;
    } catch (err) {
      if (i >= tries) throw err;
      await page.mouse.move(0, 0);
    }
  }
}
