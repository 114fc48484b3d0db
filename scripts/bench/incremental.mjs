// Incremental re-check after one manifest edit, through the real server path: `mwb serve` on a
// generated platform and a WebSocket client that does what the browser does. Both figures are the
// time until the client holds the result: the full scan is a `session.open` of the checkout (every
// manifest parsed again) until the whole snapshot has arrived and been parsed; an edit is a
// `file.save` (the workbench editor's save) until the snapshot patch it causes has arrived and been
// applied to the client's snapshot. The scan statistics the service puts in each snapshot (kind,
// durationMs, manifestsParsed) are reported beside them.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

// The figure is the data edits (description, version); the others are printed beside it: a comment
// line (text moved only), a permission's description and a provided capability's patch version
// (record-only values, as a description: positions moved, nothing re-run, the profiles' provided
// lists updated; service/position-edit.ts). Then the edits the rules read, each its own figure: a
// dependency on core added then removed (alternately, so each edit is a change and the platform
// stays as generated; core is first in load order, so no cycle), and a route's permission changed
// to another permission the module declares and back.
const EDIT_KINDS = ['description', 'version', 'comment', 'permission', 'capability', 'dependency', 'route'];

/** The manifest text after edit number `i` of a kind, applied to the text before it (always a change). */
function editManifest(text, kind, i) {
  if (kind === 'comment') return text.replace(/^description:/m, `# bench edit ${i}\ndescription:`);
  if (kind === 'description') return text.replace(/^description: .*$/m, `description: "Edited by the benchmark, edit ${i}"`);
  if (kind === 'permission') return text.replace(/^( {4}description: )(.*)$/m, `$1"Edited by the benchmark, edit ${i}"`);
  if (kind === 'dependency') {
    const added = '  - core\n';
    return text.includes(`dependencies:\n${added}`) ? text.replace(`dependencies:\n${added}`, 'dependencies:\n') : text.replace(/^dependencies:\n/m, `dependencies:\n${added}`);
  }
  if (kind === 'route') {
    const declared = [...text.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]);
    return text.replace(/^( {4}permission: )(\S+)$/m, (_, head, id) => `${head}${declared[(declared.indexOf(id) + 1) % declared.length]}`);
  }
  if (kind === 'capability') return text.replace(/^( {4}- cap-[\w-]+ \d+\.\d+\.)(\d+)$/m, (_, head, patch) => `${head}${Number(patch) + 1}`);
  // A patch-level bump keeps every `>=` constraint on this module satisfied.
  return text.replace(/^version: "?(\d+)\.(\d+)\.(\d+)"?$/m, (_, a, b, c) => `version: "${a}.${b}.${Number(c) + 1}"`);
}

/**
 * The renderer's own applySnapshotPatch (src-main/common/snapshot-patch.ts), from the build beside
 * the CLI (electron.vite.config.ts emits it as out/main/snapshot-patch.js for this script).
 */
function builtApplySnapshotPatch(cli) {
  const built = path.join(path.dirname(cli), '..', 'out', 'main', 'snapshot-patch.js');
  if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first`);
  return createRequire(import.meta.url)(built).applySnapshotPatch;
}

export async function measureIncremental(cli, dir, { edits = 21 } = {}) {
  const applySnapshotPatch = builtApplySnapshotPatch(cli);
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
    // Every message is parsed as it arrives, as the page does; a snapshot patch is applied to the
    // snapshot held. `waiting` is told when the snapshot it waits for is held.
    let held = null;
    let waiting = null;
    const replies = new Map();
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw));
      if (msg.event === 'session.snapshot') held = msg.payload;
      else if (msg.event === 'session.patch') {
        held = held && applySnapshotPatch(held, msg.payload);
        if (!held) throw new Error('a snapshot patch on another revision than the one held');
      } else if (msg.id !== undefined) {
        replies.get(msg.id)?.(msg);
        return;
      } else return;
      waiting?.(held);
    });
    const nextSnapshot = (kind) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no snapshot within 60 s')), 60_000);
      waiting = (snap) => {
        if (snap.stats.kind !== kind) return;
        clearTimeout(timer);
        waiting = null;
        resolve(performance.now());
      };
    });
    let id = 0;
    const ask = (method, params) => new Promise((resolve) => {
      replies.set(++id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
    const startupMs = (await ask('session.snapshot', {})).result.stats.durationMs;
    // The full scan, measured as the edits are: from the request until the client holds the snapshot.
    const opened = nextSnapshot('full');
    const t0 = performance.now();
    const reply = ask('session.open', { path: dir });
    const fullClientMs = (await opened) - t0;
    // Its reply (the same snapshot again) is received before the edits start.
    await reply;
    const full = held.stats;
    const kinds = [];
    const clientMs = [];
    const stats = [];
    let text = original;
    for (let i = 0; i < edits; i++) {
      const kind = EDIT_KINDS[i % EDIT_KINDS.length];
      const baseVersion = createHash('sha256').update(text).digest('hex');
      text = editManifest(text, kind, i);
      const got = nextSnapshot('incremental');
      const t = performance.now();
      const saved = ask('file.save', { path: path.relative(dir, file).split(path.sep).join('/'), text, baseVersion });
      const [at, reply] = await Promise.all([got, saved]);
      if (!reply.ok || reply.result.status !== 'saved') throw new Error(`the save of edit ${i} failed: ${JSON.stringify(reply.error ?? reply.result)}`);
      clientMs.push(at - t);
      stats.push(held.stats);
      kinds.push(kind);
      // The watcher's echo of the save (nothing to re-check) passes before the next edit.
      await new Promise((r) => setTimeout(r, 300));
    }
    ws.close();
    const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const of = (pick) => kinds.map((k, i) => (pick(k) ? i : -1)).filter((i) => i >= 0);
    const data = of((k) => k === 'description' || k === 'version');
    return {
      startupMs,
      fullMs: fullClientMs,
      fullServerMs: full.durationMs,
      incrementalMs: data.map((i) => clientMs[i]),
      medianMs: median(data.map((i) => clientMs[i])),
      serverMedianMs: median(data.map((i) => stats[i].durationMs)),
      fraction: median(data.map((i) => clientMs[i])) / fullClientMs,
      textOnlyMs: median(of((k) => k === 'comment').map((i) => clientMs[i])),
      recheckAllMs: median(of((k) => k === 'permission').map((i) => clientMs[i])),
      permissionFraction: median(of((k) => k === 'permission').map((i) => clientMs[i])) / fullClientMs,
      capabilityMs: median(of((k) => k === 'capability').map((i) => clientMs[i])),
      capabilityFraction: median(of((k) => k === 'capability').map((i) => clientMs[i])) / fullClientMs,
      dependencyMs: median(of((k) => k === 'dependency').map((i) => clientMs[i])),
      dependencyFraction: median(of((k) => k === 'dependency').map((i) => clientMs[i])) / fullClientMs,
      routeMs: median(of((k) => k === 'route').map((i) => clientMs[i])),
      routeFraction: median(of((k) => k === 'route').map((i) => clientMs[i])) / fullClientMs,
      reusedPerKind: Object.fromEntries(kinds.map((k, i) => [k, (stats[i].reused ?? []).length])),
      parsedPerEdit: stats.map((s) => s.manifestsParsed),
    };
  } finally {
    writeFileSync(file, original);
    child.kill('SIGTERM');
  }
}
