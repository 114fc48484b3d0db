// Incremental re-check after one manifest edit, through the real server path: `mwb serve` on a
// generated platform, a WebSocket client, an edit on disk, and the scan statistics the service
// puts in each snapshot (kind, durationMs, manifestsParsed). Compared with the full scan the same
// process did when it opened the checkout.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

const EDIT_KINDS = ['description', 'version', 'comment'];

/** The manifest text after edit number `i` of a kind, applied to the text before it (always a change). */
function editManifest(text, kind, i) {
  if (kind === 'comment') return text.replace(/^description:/m, `# bench edit ${i}\ndescription:`);
  if (kind === 'description') return text.replace(/^description: .*$/m, `description: "Edited by the benchmark, edit ${i}"`);
  // A patch-level bump keeps every `>=` constraint on this module satisfied.
  return text.replace(/^version: "?(\d+)\.(\d+)\.(\d+)"?$/m, (_, a, b, c) => `version: "${a}.${b}.${Number(c) + 1}"`);
}

export async function measureIncremental(cli, dir, { edits = 9 } = {}) {
  const child = spawn(process.execPath, [cli, 'serve', dir, '--port', '0'], {
    env: { ...process.env, MWB_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'mwb-bench-')) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const modules = readdirSync(path.join(dir, 'modules')).sort();
  const file = path.join(dir, 'modules', modules[Math.floor(modules.length / 2)], 'module.yaml');
  const original = readFileSync(file, 'utf8');
  try {
    const [port, token] = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += String(d);
        const m = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+)/.exec(out);
        if (m) resolve([Number(m[1]), m[2]]);
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    // The printed URL's secret, traded for the cookie the WebSocket upgrade needs, as a browser does.
    const cookie = await new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: `/?token=${token}` }, (res) => {
        res.resume();
        const set = res.headers['set-cookie']?.[0];
        if (set) resolve(set.split(';')[0]);
        else reject(new Error(`serve gave no cookie for its printed URL (${res.statusCode})`));
      }).on('error', reject);
    });
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { origin: `http://127.0.0.1:${port}`, headers: { cookie } });
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const stats = [];
    let waiting = null;
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw));
      const s = msg.event === 'session.snapshot' ? msg.payload.stats : msg.id === 1 ? msg.result.stats : null;
      if (!s) return;
      stats.push(s);
      waiting?.();
    });
    const next = () => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no snapshot within 30 s')), 30_000);
      waiting = () => {
        clearTimeout(timer);
        waiting = null;
        resolve();
      };
    });
    let pending = next();
    ws.send(JSON.stringify({ id: 1, method: 'session.snapshot', params: {} }));
    await pending;
    // Edits of three kinds in turn: the figure is the data edits (a description and a version
    // changed: the registry and the analyses run again); an edit that only moves text (a comment
    // line) is shown beside it, since the session answers those by moving positions.
    const kinds = [];
    let text = original;
    for (let i = 0; i < edits; i++) {
      const kind = EDIT_KINDS[i % EDIT_KINDS.length];
      pending = next();
      text = editManifest(text, kind, i);
      writeFileSync(file, text);
      await pending;
      kinds.push(kind);
      await new Promise((r) => setTimeout(r, 200));
    }
    ws.close();
    const full = stats[0];
    const edited = stats.slice(1).map((s, i) => ({ ...s, edit: kinds[i] }));
    const notIncremental = edited.filter((s) => s.kind !== 'incremental');
    if (notIncremental.length) throw new Error(`re-checks that were not incremental: ${notIncremental.map((s) => `${s.edit} (${s.kind})`).join(', ')}`);
    const medianOf = (list) => {
      const times = list.map((s) => s.durationMs).sort((a, b) => a - b);
      return { times, median: times[Math.floor(times.length / 2)] };
    };
    const data = medianOf(edited.filter((s) => s.edit !== 'comment'));
    const textOnly = medianOf(edited.filter((s) => s.edit === 'comment'));
    return {
      fullMs: full.durationMs,
      incrementalMs: data.times,
      medianMs: data.median,
      fraction: data.median / full.durationMs,
      textOnlyMs: textOnly.median,
      parsedPerEdit: edited.map((s) => s.manifestsParsed),
    };
  } finally {
    writeFileSync(file, original);
    child.kill('SIGTERM');
  }
}
