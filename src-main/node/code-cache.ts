import crypto from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import util from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { isMainThread, MessagePort } from 'node:worker_threads';

/**
 * A V8 code cache for the built CLI (issue 16): out/main/code-cache.js, which installs itself when
 * required, as bin/module-workbench.js does before it requires out/main/cli.js and the scan worker
 * (out/main/scan-worker.js) before its chunks. It compiles every script of this folder (out/main and its chunks)
 * with the bytecode `npm run build` saved for it (scripts/build-code-cache.mjs runs a warm-up check
 * with MWB_CODE_CACHE_WRITE=1, which writes each script's cache, lazily compiled functions included,
 * at exit), so V8 neither parses nor compiles what the warm-up ran.
 *
 * Cached data is code: it is read only from out/main/code-cache beside the bundle, never from a
 * temp or checkout folder (docs/trust.md). Each file starts with the SHA-1 of the script's text
 * and the cached data together: V8 itself only compares the text's length, and does not check the
 * data (a corrupt file crashed the process). A file that is missing, stale, corrupt, truncated or
 * made by another V8 or other flags (Electron's) is ignored and the script compiled as usual.
 * NODE_DEBUG=mwb-code-cache tells, per script, whether its cache was used.
 *
 * V8 takes cached data only under the flags it was made with, and a split `check` changes some
 * flags as it starts (cli/early-start.ts: before its worker and the CLI's bundle load, after the
 * executable's first scripts). Each file is therefore named with V8's tag for its flags
 * (`v8.cachedDataVersionTag()`, which follows flags changed at run time): a script looks for the
 * file of the tag it is compiled under, and a cache is written under the tag it is made under. The
 * build's warm-ups (a split `check` and a plain one) leave a file for each script under each
 * tag it is compiled under.
 */

// SHA-1 tells a stale or damaged cache from a sound one (not an adversary's: whoever can write here can write the bundle), at a third of SHA-256's cost.
const HASH_BYTES = 20;
/**
 * NODE_DEBUG=mwb-code-cache's lines, in util.debuglog's form, written at once to the process's
 * stderr: a worker's own stderr is a stream the main thread drains, and the read-ahead worker runs
 * without yielding, so its lines after the first waited in that stream until it was ended, and were lost.
 */
const debugEnabled = util.debuglog('mwb-code-cache').enabled;
const debug = (format: string, ...args: unknown[]): void => {
  if (!debugEnabled) return;
  try {
    fs.writeSync(2, `MWB-CODE-CACHE ${process.pid}: ${util.format(format, ...args)}\n`);
  } catch {
    // A closed stderr: nothing to tell.
  }
};

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
  source: string;
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
  const compile = (module: Compilable, content: string, filename: string): unknown => {
    if (!filename.startsWith(root) || !filename.endsWith('.js')) return original.call(module, content, filename);
    const source = internals.wrap(content);
    const base = path.join(dir, `${path.relative(__dirname, filename).split(path.sep).join('+')}.${role}`);
    const cachedData = written ? undefined : savedFor(tagged(base), source, role);
    let script: vm.Script;
    try {
      script = new vm.Script(source, { filename, cachedData });
    } catch (err) {
      // A syntax error says so as Node's own compile does; nothing cached is involved.
      debug('%s: not compiled here (%s)', filename, (err as Error).message);
      return original.call(module, content, filename);
    }
    debug('%s %s: %s', role, path.basename(filename), cachedData === undefined ? 'no cache' : script.cachedDataRejected ? 'cache rejected' : 'from cache');
    written?.set(base, { script, source });
    const moduleRequire = Object.assign((id: string) => module.require(id), {
      resolve: (request: string, options?: unknown) => internals._resolveFilename(request, module, false, options),
      main: mainModule,
      cache: internals._cache,
      extensions: internals._extensions,
    });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(module.exports, module.exports, moduleRequire, module, filename, path.dirname(filename));
  };
  internals.prototype._compile = function (this: Compilable, content: string, filename: string): unknown {
    return compile(this, content, filename);
  };
  if (written) saveAtEnd(dir, written);
}

/**
 * The warm-up's writes: the main thread's at exit. A worker is ended (terminate) as soon as the main
 * thread has its last message, without an exit event, so it writes before each message it sends.
 */
function saveAtEnd(dir: string, written: Map<string, Saved>): void {
  fs.mkdirSync(dir, { recursive: true });
  if (isMainThread) {
    process.on('exit', () => writeAll(written));
    return;
  }
  const post = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (this: MessagePort, ...args: Parameters<MessagePort['postMessage']>) {
    writeAll(written);
    post.apply(this, args);
  };
}

/** A cache file's name: its script and thread, and V8's tag for the flags it is used (or made) under. */
function tagged(base: string): string {
  return `${base}.${v8.cachedDataVersionTag().toString(36)}`;
}

/** The SHA-1 of a script's text and its cached data. */
function digest(source: string, data: Buffer): Buffer {
  return crypto.createHash('sha1').update(source).update(data).digest();
}

/** The cache saved for a script of this text, or undefined (none, stale, damaged, unreadable). */
function savedFor(file: string, source: string, role: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const cached = data.subarray(HASH_BYTES);
  if (data.length <= HASH_BYTES || !data.subarray(0, HASH_BYTES).equals(digest(source, cached))) {
    debug('%s %s: stale or corrupt, ignored', role, path.basename(file));
    return undefined;
  }
  return cached;
}

/** Writes each script's cache (what it has compiled so far) beside the bundle, each file atomically. */
function writeAll(written: Map<string, Saved>): void {
  for (const [base, { script, source }] of written) {
    // Made now, under the flags of now: named with their tag.
    const file = tagged(base);
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    const data = script.createCachedData();
    fs.writeFileSync(tmp, Buffer.concat([digest(source, data), data]));
    fs.renameSync(tmp, file);
  }
}
