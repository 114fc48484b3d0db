import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/checkout';

/**
 * The Electron security gate (scripts/security/electronegativity.mjs) over the real sources, and
 * proof that it fails when the app is made unsafe: the scanner itself always exits 0, so the gate
 * is only worth something if these keep passing.
 */
interface Finding {
  check: string;
  file: string;
  line: number;
  message: string;
}

async function gate(root: string): Promise<{ status: number; report: { open: Finding[]; accepted: Finding[]; stale: unknown[] } }> {
  const child = spawn(process.execPath, [path.join(REPO, 'scripts/security/electronegativity.mjs'), '--root', root, '--json'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  if (status === null || !stdout.trim().startsWith('{')) throw new Error(`gate did not run: ${stderr}`);
  return { status, report: JSON.parse(stdout) };
}

function scratchCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-unsafe-'));
  for (const d of ['src-main', 'src-preload', 'src-renderer']) fs.cpSync(path.join(REPO, d), path.join(dir, d), { recursive: true });
  return dir;
}

function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  expect(text, `${file} should contain ${from}`).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
}

// The two scans run side by side (each is one single-threaded process of about 12 s).
describe('electronegativity gate', { timeout: 300_000, concurrent: true }, () => {
  it('finds nothing on the real sources beyond the reviewed exceptions, and no exception is stale', async () => {
    const { status, report } = await gate(REPO);
    expect(report.open.map((f) => `${f.check} ${f.file}:${f.line} ${f.message}`)).toEqual([]);
    expect(report.stale).toEqual([]);
    expect(status).toBe(0);
  });

  it('fails on unsafe webPreferences and on an inline-script CSP', async () => {
    const dir = scratchCopy();
    try {
      const main = path.join(dir, 'src-main/electron/main.ts');
      edit(main, 'contextIsolation: true', 'contextIsolation: false');
      edit(main, 'sandbox: true', 'sandbox: false');
      edit(main, 'nodeIntegration: false', 'nodeIntegration: true');
      edit(path.join(dir, 'src-renderer/index.html'), "script-src 'self'", "script-src 'self' 'unsafe-inline'");
      const { status, report } = await gate(dir);
      expect(status).toBe(1);
      const checks = new Set(report.open.map((f) => f.check));
      for (const c of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'CSP_GLOBAL_CHECK']) expect(checks, c).toContain(c);
      expect(report.open.find((f) => f.check === 'CSP_GLOBAL_CHECK')?.file).toBe('src-renderer/index.html');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
