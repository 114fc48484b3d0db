import type { Diagnostic } from '../common/diagnostic';
import type { RegistryGraph } from '../engine/registry';
import type { LedgerState } from './migrations';
import type { ReadAheadWorker } from './read-ahead-worker';
import { registrySlice, SQL_SIDE_ANALYSES, type PendingModule, type SqlSideMessage, type SqlSideReply } from './sql-side';

/**
 * The main thread's end of a split scan's worker that keeps the SQL side (sql-side.ts): it sends
 * the modules to classify while the scan goes on, and after the registry the request for the
 * migrations and tables analyses; their findings come back as a promise. Should the worker fail
 * (or be gone before it answers), the promise gives null and the caller runs those analyses itself
 * (on the main thread, reading the migrations again): the report is the same either way.
 */
export class RemoteSql {
  /** The analyses the worker runs (service/analyses.ts ids). */
  readonly ids: ReadonlySet<string> = new Set(SQL_SIDE_ANALYSES);
  private answer: ((findings: Map<string, Diagnostic[]> | null) => void) | null = null;
  private answered: Map<string, Diagnostic[]> | null | undefined;
  private alive = true;

  constructor(private readonly worker: ReadAheadWorker) {}

  /** Whether the worker is still there to take work. */
  get live(): boolean {
    return this.alive;
  }

  send(message: SqlSideMessage): void {
    if (!this.alive) return;
    this.worker.control.postMessage(message);
    this.worker.wake();
  }

  pending(modules: PendingModule[]): void {
    if (modules.length > 0) this.send({ kind: 'pending', modules });
  }

  /** The worker's message (the scan's handler passes on what is not a read-ahead reply). */
  received(reply: SqlSideReply): void {
    this.settle(new Map(reply.findings));
  }

  /** The worker failed or ended. */
  gone(): void {
    this.alive = false;
    this.settle(null);
  }

  /** Asks for the analyses' findings on this registry, or on its graph as soon as its load order is known (null: run them here). */
  analyze(registry: RegistryGraph, ledger: LedgerState): Promise<Map<string, Diagnostic[]> | null> {
    if (this.answered !== undefined) return Promise.resolve(this.answered);
    if (!this.alive) return Promise.resolve(null);
    const promise = new Promise<Map<string, Diagnostic[]> | null>((resolve) => (this.answer = resolve));
    this.send({ kind: 'analyze', slice: registrySlice(registry), ledger });
    return promise;
  }

  /** Ends the worker (whether or not it was asked anything). */
  close(): void {
    this.gone();
    this.worker.close();
  }

  private settle(findings: Map<string, Diagnostic[]> | null): void {
    if (this.answered !== undefined) return;
    this.answered = findings;
    this.answer?.(findings);
    this.answer = null;
  }
}
