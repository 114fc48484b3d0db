/** `mwb serve` on a port that is taken says so and suggests `--port 0` (issue 17, item 11). */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, REPO } from './helpers/checkout';

describe('mwb serve on a busy port', () => {
  it('exits 2 with a one-line message that suggests --port 0', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-data-'));
    try {
      const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'module-workbench.js'), 'serve', EXAMPLE, '--port', String(port)], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', MWB_DATA_DIR: dataDir }, timeout: 30_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`mwb serve: port ${port} on 127.0.0.1 is already in use (another mwb serve?); stop it, pick another port with --port N, or let the system choose a free one with --port 0\n`);
    } finally {
      blocker.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
