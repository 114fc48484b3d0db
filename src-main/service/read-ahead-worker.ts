import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { ReadAheadReply, ReadAheadStart, ReadAheadWorkerData } from './read-ahead';
import type { SqlSideReply } from './sql-side';

/**
 * The SQL side's worker allocates as much as the main thread: a young generation of 8 MB (instead
 * of up to 32) keeps the process' peak memory down (issue 16: 5,000 modules, ~315 -> ~285 MB); 16 MB
 * or the default were no faster (measured twice, the second time with this worker the longer path).
 */
const SQL_SIDE_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * A read-ahead worker, started as soon as the caller knows it will likely want one (load-checkout.ts
 * starts it before platform.yaml is read and the module folders discovered: its thread and script
 * load meanwhile, ~0.1 s) and given its folders later (`begin`). Its events are taken from the
 * start, so a worker that fails before the scan begins is only noted (`gone`).
 */
export class ReadAheadWorker {
  readonly at: Int32Array;
  gone = false;
  onMessage: ((reply: ReadAheadReply | SqlSideReply) => void) | null = null;
  onGone: (() => void) | null = null;

  private constructor(
    readonly worker: Worker,
    /** The main thread's end of the control port (the start, the SQL side's messages). */
    readonly control: MessagePort,
    /** Int32Array [0]: the folder the main thread is at; the worker waits on it. */
    progress: SharedArrayBuffer,
  ) {
    this.at = new Int32Array(progress);
    worker.on('message', (reply: ReadAheadReply | SqlSideReply) => this.onMessage?.(reply));
    const gone = () => {
      if (this.gone) return;
      this.gone = true;
      void worker.terminate();
      this.onGone?.();
    };
    worker.on('error', gone);
    worker.on('exit', gone);
  }

  /** Starts one (null when no thread can be made here). `sqlSide`: it may keep the SQL side (its memory limits are set now). */
  static start(script: string, root: string, watched: boolean, sqlSide: boolean): ReadAheadWorker | null {
    try {
      const channel = new MessageChannel();
      const progress = new SharedArrayBuffer(4);
      const data: ReadAheadWorkerData = { mode: 'read-ahead', root, watched, progress, control: channel.port2 };
      const worker = new Worker(script, { workerData: data, transferList: [channel.port2], resourceLimits: sqlSide ? SQL_SIDE_LIMITS : undefined });
      return new ReadAheadWorker(worker, channel.port1, progress);
    } catch {
      return null;
    }
  }

  /** Tells it what to read. */
  begin(start: ReadAheadStart): void {
    this.control.postMessage(start);
    this.wake();
  }

  /** Wakes it when it waits (for the start, a message, or the main thread's progress). */
  wake(): void {
    Atomics.notify(this.at, 0);
  }

  close(): void {
    this.gone = true;
    this.control.close();
    void this.worker.terminate();
  }
}

/**
 * A read-ahead worker the executable started before the CLI's bundle loaded (cli/early-start.ts:
 * `check` of a large checkout), waiting to be taken by the scan. Until taken it does not keep the
 * process alive (a command that fails before its scan exits as it would without it).
 */
let waiting: { worker: ReadAheadWorker; root: string; watched: boolean; sqlSide: boolean } | null = null;

/** Starts a worker for a scan that is likely to come (cli/early-start.ts); one at most (null when one waits already or none can be made). */
export function startWaiting(script: string, root: string, watched: boolean, sqlSide: boolean): ReadAheadWorker | null {
  if (waiting) return null;
  const worker = ReadAheadWorker.start(script, root, watched, sqlSide);
  if (!worker) return null;
  worker.worker.unref();
  waiting = { worker, root, watched, sqlSide };
  return worker;
}

/**
 * The waiting worker, when it was started for this scan (same checkout, same reader, same SQL side)
 * and is still there; any other is ended (null then).
 */
export function takeWaiting(root: string, watched: boolean, sqlSide: boolean): ReadAheadWorker | null {
  const w = waiting;
  waiting = null;
  if (!w) return null;
  if (w.worker.gone || w.root !== root || w.watched !== watched || w.sqlSide !== sqlSide) {
    w.worker.close();
    return null;
  }
  w.worker.worker.ref();
  return w.worker;
}

/** Ends the waiting worker, if any (a checkout read by an adapter has no split scan). */
export function discardWaiting(): void {
  waiting?.worker.close();
  waiting = null;
}
