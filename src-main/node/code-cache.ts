import crypto from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import util from 'node:util';
import vm from 'node:vm';
import { isMainThread, threadId } from 'node:worker_threads';

/**
 * A V8 code cache for the built CLI (issue 16): out/main/code-cache.js, which installs itself when
 * required, as bin/module-workbench.js does before it requires out/main/cli.js and the scan worker
 * (out/main/scan-worker.js) before its chunks. It compiles every script of this folder (out/main and its chunks)
 * with the bytecode `npm run build` saved for it (scripts/build-code-cache.mjs runs a warm-up check
 * with MWB_CODE_CACHE_WRITE=1, which writes each script's cache, lazily compiled functions included,
 * at exit), so V8 neither parses nor compiles what the warm-up ran.
 *
 * Cached data is code: it is read only from out/main/code-cache beside the bundle, never from a
 * temp or checkout folder (docs/trust.md). Each file holds the SHA-256 of the script it was made
 * from (V8 itself only compares the source's length); a file that is missing, stale, corrupt or
 * made by another V8 or other flags (Electron's) is ignored and the script compiled as usual.
 * NODE_DEBUG=mwb-code-cache tells, per script, whether its cache was used.
 */

const HASH_BYTES = 32;
const debug = util.debuglog('mwb-code-cache');

interface Compilable {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
type ModuleInternals = typeof Module & {
  prototype: Compilable;
  wrap(content: string): string;
  _resolveFilename(request: string, parent: Compilable, isMain: boolean, options?: unknown): string;
  _cache: unknown;
  _extensions: unknown;
};

interface Saved {
  script: vm.Script;
  hash: Buffer;
}

const mainModule = require.main;

installCodeCache();

/** Compiles the scripts under this folder with their saved code cache (see above). */
function installCodeCache(): void {
  const internals = Module as ModuleInternals;
  const original = internals.prototype._compile;
  const root = __dirname + path.sep;
  const dir = path.join(__dirname, 'code-cache');
  const role = isMainThread ? 'main' : 'worker';
  const written = process.env.MWB_CODE_CACHE_WRITE === '1' ? new Map<string, Saved>() : null;
  internals.prototype._compile = function (this: Compilable, content: string, filename: string): unknown {
    if (!filename.startsWith(root) || !filename.endsWith('.js')) return original.call(this, content, filename);
    const source = internals.wrap(content);
    const hash = crypto.createHash('sha256').update(source).digest();
    const file = path.join(dir, `${path.relative(__dirname, filename).split(path.sep).join('+')}.${role}`);
    const cachedData = written ? undefined : savedFor(file, hash);
    let script: vm.Script;
    try {
      script = new vm.Script(source, { filename, cachedData });
    } catch (err) {
      // A syntax error says so as Node's own compile does; nothing cached is involved.
      debug('%s: not compiled here (%s)', filename, (err as Error).message);
      return original.call(this, content, filename);
    }
    debug('%s: %s', path.basename(filename), cachedData === undefined ? 'no cache' : script.cachedDataRejected ? 'cache rejected' : 'from cache');
    written?.set(file, { script, hash });
    const module = this;
    const moduleRequire = Object.assign((id: string) => module.require(id), {
      resolve: (request: string, options?: unknown) => internals._resolveFilename(request, module, false, options),
      main: mainModule,
      cache: internals._cache,
      extensions: internals._extensions,
    });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(module.exports, module.exports, moduleRequire, module, filename, path.dirname(filename));
  };
  if (written) saveAtEnd(dir, written);
}

/**
 * The warm-up's writes. The main thread's at exit. A worker is ended without an exit event, so it
 * writes once its script's synchronous run is over (the read-ahead loop), marking meanwhile that
 * it has yet to; the main thread's exit waits for such marks (at most 5 s).
 */
function saveAtEnd(dir: string, written: Map<string, Saved>): void {
  fs.mkdirSync(dir, { recursive: true });
  if (isMainThread) {
    process.on('exit', () => {
      writeAll(written);
      const until = Date.now() + 5000;
      const sleep = new Int32Array(new SharedArrayBuffer(4));
      while (fs.readdirSync(dir).some((f) => f.startsWith('.pending')) && Date.now() < until) Atomics.wait(sleep, 0, 0, 10);
    });
    return;
  }
  const mark = path.join(dir, `.pending-${process.pid}-${threadId}`);
  fs.writeFileSync(mark, '');
  setImmediate(() => {
    writeAll(written);
    fs.rmSync(mark, { force: true });
  });
}

/** The cache saved for a script of this source, or undefined (none, stale, unreadable). */
function savedFor(file: string, hash: Buffer): Buffer | undefined {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (data.length <= HASH_BYTES || !data.subarray(0, HASH_BYTES).equals(hash)) {
    debug('%s: stale or corrupt, ignored', path.basename(file));
    return undefined;
  }
  return data.subarray(HASH_BYTES);
}

/** Writes each script's cache (what it has compiled so far) beside the bundle, each file atomically. */
function writeAll(written: Map<string, Saved>): void {
  for (const [file, { script, hash }] of written) {
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, Buffer.concat([hash, script.createCachedData()]));
    fs.renameSync(tmp, file);
  }
}
