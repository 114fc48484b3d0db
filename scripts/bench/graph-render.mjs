// The Graph view on a large platform, in Debian's Chromium: time from navigation to the first
// laid-out render, the longest main-thread task while it lays out, and frame times while panning.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.MWB_CHROMIUM ?? '/usr/bin/chromium';

export function hasBrowser() {
  return existsSync(CHROMIUM);
}

export async function measureGraphRender(cli, dir, { panFrames = 120 } = {}) {
  const child = spawn(process.execPath, [cli, 'serve', dir, '--port', '0'], {
    env: { ...process.env, MWB_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'mwb-bench-')) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += String(d);
        // The printed URL carries the server's secret; the page trades it for a cookie.
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // Record long tasks from the very start of the page.
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const started = Date.now();
    await page.goto(`${url}#graph`);
    await page.locator('[data-testid="graph-node"]').first().waitFor({ timeout: 120_000 });
    const firstRenderMs = Date.now() - started;
    // The layered (ELK) layout runs in a worker after a quick first placement.
    await page.locator('[data-testid="graph-canvas"][data-layout="done"]').waitFor({ timeout: 300_000 });
    const laidOutMs = Date.now() - started;
    const rendered = await page.locator('[data-testid="graph-node"]').count();
    const longest = await page.evaluate(() => Math.max(0, ...window.__longTasks.map((t) => t.duration)));

    // Pan: drag the pane while recording frame timestamps.
    const pane = page.locator('.react-flow__pane');
    const box = await pane.boundingBox();
    await page.evaluate((frames) => {
      window.__frames = [];
      let n = 0;
      const tick = (t) => {
        window.__frames.push(t);
        if (++n < frames) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }, panFrames);
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < panFrames; i++) await page.mouse.move(cx + Math.sin(i / 10) * 300, cy + Math.cos(i / 10) * 200, { steps: 1 });
    await page.mouse.up();
    await page.waitForFunction((frames) => window.__frames.length >= frames, panFrames, { timeout: 60_000 });
    const frameTimes = await page.evaluate(() => window.__frames.slice(1).map((t, i) => t - window.__frames[i]));
    frameTimes.sort((a, b) => a - b);
    const p95 = frameTimes[Math.floor(frameTimes.length * 0.95)];
    return { firstRenderMs, laidOutMs, longestTaskMs: longest, p95FrameMs: p95, renderedNodes: rendered, frames: frameTimes.length };
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}
