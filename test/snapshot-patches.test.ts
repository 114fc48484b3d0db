import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EventName, Events, RequestName, WorkbenchSnapshot, WorkbenchTransport } from '../src-main/common/contract';
import { applySnapshotPatch } from '../src-main/common/snapshot-patch';
import { WorkbenchService } from '../src-main/service/service';
import { SnapshotWire } from '../src-main/service/snapshot-wire';
import { withSnapshotPatches } from '../src-renderer/src/client/snapshot-patches';
import { REPO } from './helpers/checkout';
import { exchangeSecret } from './helpers/serve-auth';
import { isolatedServeEnv, startServe } from './trust/serve-process';

/**
 * After an edit the hosts send what changed in the snapshot (`session.patch`), not all of it; the
 * renderer's transport rebuilds the whole snapshot from the one it holds. What the views get must
 * be exactly the session's snapshot, after edits the session answers by moving positions and after
 * edits that re-run every check, and a page that does not hold the patch's base asks for the whole.
 */

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-patches-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function generated(name: string): Promise<string> {
  const dir = path.join(work, name);
  const { generatePlatform } = (await import(path.join(REPO, 'scripts', 'bench', 'generate.mjs'))) as { generatePlatform(dir: string, n: number, o: { seed: number }): unknown };
  generatePlatform(dir, 40, { seed: 5 });
  return dir;
}

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The real service behind a wire as the Electron bridge is: requests answered by the service, events through SnapshotWire, JSON between. */
function wiredService(): { service: WorkbenchService; inner: WorkbenchTransport; sent: { event: EventName; bytes: number }[] } {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const sent: { event: EventName; bytes: number }[] = [];
  const wire = new SnapshotWire();
  const service = new WorkbenchService({
    host: 'browser',
    version: 'test',
    exampleCheckout: work,
    rulesDocBase: '/docs/rules/',
    store: null,
    watch: false,
    emit: (event, payload) => {
      const out = wire.wire(event, payload);
      const text = JSON.stringify(out.payload);
      sent.push({ event: out.event, bytes: text.length });
      for (const l of listeners.get(out.event) ?? []) l(JSON.parse(text));
    },
  });
  const inner: WorkbenchTransport = {
    async request(name, params) {
      const reply = await service.handle(name, params);
      if (!reply.ok) throw new Error(reply.error.message);
      return json(reply.result) as never;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
  return { service, inner, sent };
}

async function save(client: WorkbenchTransport, rel: string, change: (text: string) => string): Promise<void> {
  const file = await client.request('file.read', { path: rel });
  const text = change(file.text);
  expect(text).not.toBe(file.text);
  const saved = await client.request('file.save', { path: rel, text, baseVersion: file.version });
  expect(saved.status).toBe('saved');
}

describe('snapshots after an edit travel as patches', () => {
  it('gives the views the session snapshot, edit after edit, and a page without the base asks for the whole', async () => {
    const dir = await generated('inproc');
    const { service, inner, sent } = wiredService();
    const client = withSnapshotPatches(inner);
    const seen: WorkbenchSnapshot[] = [];
    client.on('session.snapshot', (s) => seen.push(s));
    const opened = await client.request('session.open', { path: dir });
    // A module from the 21st on that provides a capability at a version.
    const manifest = fs
      .readdirSync(path.join(dir, 'modules'))
      .sort()
      .slice(20)
      .map((n) => `modules/${n}/module.yaml`)
      .find((f) => /^ {4}- cap-[\w-]+ \d+\.\d+\.\d+$/m.test(fs.readFileSync(path.join(dir, f), 'utf8'))) as string;
    // A page that connected after the open and never asked for the snapshot.
    const late = withSnapshotPatches(inner);
    const lateSeen: WorkbenchSnapshot[] = [];
    late.on('session.snapshot', (s) => lateSeen.push(s));
    try {
      // `small`: the data sent is a small part of the snapshot (the module's record and what moved,
      // or, after a re-run that found the same, only what differs).
      const edits: [string, (t: string) => string, boolean][] = [
        ['a description (positions moved)', (t) => t.replace(/^description: .*$/m, 'description: "Edited"'), true],
        ['a patch version (positions moved)', (t) => t.replace(/^version: "?(\d+)\.(\d+)\.(\d+)"?$/m, (_, a, b, c) => `version: "${a}.${b}.${Number(c) + 1}"`), true],
        ['a required capability nobody provides (every check re-run)', (t) => t.replace(/^capabilities:\n/m, 'capabilities:\n  requires:\n    - nobody.offers\n'), false],
        ['that requirement removed again (findings and blocked modules gone)', (t) => t.replace('  requires:\n    - nobody.offers\n', ''), false],
        ["a permission's description (positions moved)", (t) => t.replace(/^( {4}description: )(.*)$/m, '$1"Edited permission"'), true],
        ["a provided capability's version (positions moved, the one provided entry per profile sent)", (t) => t.replace(/^( {4}- cap-[\w-]+ \d+\.\d+\.)(\d+)$/m, (_, head: string, patch: string) => `${head}${Number(patch) + 1}`), true],
        ["a provided capability's version written quoted (every check re-run, the same findings)", (t) => t.replace(/^( {4}- )(cap-[\w-]+ \d+\.\d+\.\d+)$/m, '$1"$2"'), true],
        ['a dependency on a missing module (a finding inserted)', (t) => t.replace(/^dependencies:\n/m, 'dependencies:\n  - nowhere\n'), false],
      ];
      for (const [what, change, small] of edits) {
        sent.length = 0;
        await save(client, manifest, change);
        const current = json(service.session.current());
        expect(sent.map((s) => s.event), what).toContain('session.patch');
        expect(sent.map((s) => s.event), what).not.toContain('session.snapshot');
        expect(JSON.stringify(seen[seen.length - 1]), what).toBe(JSON.stringify(current));
        expect(JSON.stringify(lateSeen[lateSeen.length - 1]), `${what}: the late page`).toBe(JSON.stringify(current));
        if (small) expect(sent.find((s) => s.event === 'session.patch')!.bytes, what).toBeLessThan(JSON.stringify(current).length / 20);
      }
      expect(seen[0].revision).toBe(opened.revision);
      // A description edit sends a small part of the snapshot.
      sent.length = 0;
      await save(client, manifest, (t) => t.replace(/^description: .*$/m, 'description: "Edited again"'));
      const whole = JSON.stringify(service.session.current()).length;
      expect(sent.find((s) => s.event === 'session.patch')!.bytes).toBeLessThan(whole / 20);
      // A profile switch is sent whole.
      sent.length = 0;
      const switched = await client.request('session.setProfile', { profile: 'full' });
      expect(sent.map((s) => s.event)).toEqual(['session.snapshot']);
      expect(JSON.stringify(seen[seen.length - 1])).toBe(JSON.stringify(switched));
    } finally {
      service.dispose();
    }
  }, 60_000);

  it('a patch does not apply to another revision than its base', async () => {
    const dir = await generated('base');
    const { service, inner } = wiredService();
    const patches: Events['session.patch'][] = [];
    inner.on('session.patch', (p) => patches.push(p));
    try {
      const opened = await inner.request('session.open', { path: dir });
      const manifest = `modules/${fs.readdirSync(path.join(dir, 'modules')).sort()[3]}/module.yaml`;
      await save(inner, manifest, (t) => t.replace(/^description: .*$/m, 'description: "Edited"'));
      expect(patches).toHaveLength(1);
      expect(applySnapshotPatch({ ...opened, revision: opened.revision - 1 }, patches[0])).toBeNull();
      expect(JSON.stringify(applySnapshotPatch(opened, patches[0]))).toBe(JSON.stringify(service.session.current()));
    } finally {
      service.dispose();
    }
  }, 60_000);

  it('mwb serve sends a patch to the browser after an edit on disk (built CLI)', async () => {
    const dir = await generated('serve');
    const serve = await startServe(dir, isolatedServeEnv());
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws`, { origin: `http://127.0.0.1:${serve.port}`, headers: { cookie: await exchangeSecret(serve.url) } });
    try {
      await new Promise((resolve, reject) => ws.on('open', resolve).on('error', reject));
      const events: { event: string; payload: unknown }[] = [];
      const replies = new Map<number, unknown>();
      ws.on('message', (raw) => {
        const msg = JSON.parse(raw.toString());
        if (msg.event) events.push(msg);
        else replies.set(msg.id, msg.result);
      });
      const ask = async (id: number, method: RequestName) => {
        ws.send(JSON.stringify({ id, method, params: {} }));
        for (let i = 0; i < 600 && !replies.has(id); i++) await new Promise((r) => setTimeout(r, 50));
        return replies.get(id) as WorkbenchSnapshot;
      };
      const before = await ask(1, 'session.snapshot');
      const file = path.join(dir, 'modules', fs.readdirSync(path.join(dir, 'modules')).sort()[7], 'module.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^description: .*$/m, 'description: "Edited on disk"'));
      for (let i = 0; i < 600 && !events.some((e) => e.event === 'session.patch'); i++) await new Promise((r) => setTimeout(r, 50));
      const patch = events.find((e) => e.event === 'session.patch')?.payload as Events['session.patch'];
      expect(patch).toBeDefined();
      expect(events.some((e) => e.event === 'session.snapshot')).toBe(false);
      const after = await ask(2, 'session.snapshot');
      expect(JSON.stringify(applySnapshotPatch(before, patch))).toBe(JSON.stringify(after));
      // The build emits the same function at a path of its own, which scripts/bench/incremental.mjs applies patches with.
      const built = createRequire(import.meta.url)(path.join(REPO, 'out', 'main', 'snapshot-patch.js')) as { applySnapshotPatch: typeof applySnapshotPatch };
      expect(JSON.stringify(built.applySnapshotPatch(before, patch))).toBe(JSON.stringify(after));
    } finally {
      ws.close();
      await serve.close();
    }
  }, 120_000);
});
