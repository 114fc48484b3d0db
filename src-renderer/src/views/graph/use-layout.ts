import { useEffect, useRef, useState } from 'react';
import type { LayoutDirection, LayoutPositions, LayoutRequest, LayoutResponse } from '../../workers/layout-protocol';
import { layoutRequest, type GraphElements } from './graph-model';

export interface LayoutResult extends LayoutPositions {
  key: string;
  phase: 'preview' | 'final';
  ms: number;
  /** elkjs failed (this message) and the quick layout stands in. */
  fallback?: string;
}

export interface LayoutState {
  /** The newest layout received; may belong to an older key while a new one is computed. */
  layout: LayoutResult | null;
  /** A layout for the current key is being computed. */
  pending: boolean;
  error: string | null;
}

/** Finished layouts by key, so that toggling a filter back (or returning to the view) is instant. */
const cache = new Map<string, LayoutResult>();
const CACHE_SIZE = 8;

function remember(result: LayoutResult): void {
  cache.delete(result.key);
  cache.set(result.key, result);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

/**
 * One layout worker for the app. A request for a new key while the worker is still busy with an
 * older one terminates it: elkjs cannot be interrupted, and the old answer is not wanted.
 */
class LayoutWorker {
  private worker: Worker | null = null;
  private busy = false;
  private nextId = 0;
  private key = '';
  private listener: ((response: LayoutResponse) => void) | null = null;
  private failure: ((message: string) => void) | null = null;

  run(
    key: string,
    build: (id: number) => LayoutRequest,
    onResponse: (response: LayoutResponse) => void,
    onFailure: (message: string) => void,
  ): number {
    if (this.busy && this.worker) {
      this.worker.terminate();
      this.worker = null;
    }
    const worker = this.ensure();
    const id = ++this.nextId;
    this.key = key;
    this.listener = onResponse;
    this.failure = onFailure;
    this.busy = true;
    worker.postMessage(build(id));
    return id;
  }

  /** How many layouts were started (a test hook: a rescan with the same structure starts none). */
  get runs(): number {
    return this.nextId;
  }

  /** Forget the listener (the view unmounted); a running layout still finishes and is cached by key. */
  detach(): void {
    this.listener = null;
    this.failure = null;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../../workers/layout.worker.ts', import.meta.url), { type: 'module', name: 'graph-layout' });
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      const response = event.data;
      if (response.id !== this.nextId) return;
      if (response.type === 'error' || response.phase === 'final') this.busy = false;
      if (response.type === 'result' && response.phase === 'final') {
        const { positions, routes, width, height, ms, fallback } = response;
        remember({ key: this.key, phase: 'final', ms, positions, routes, width, height, fallback });
      }
      this.listener?.(response);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.busy = false;
      this.worker?.terminate();
      this.worker = null;
      this.failure?.(`The graph layout worker failed: ${event.message || 'it could not be started'}`);
    };
    this.worker = worker;
    return worker;
  }
}

const layoutWorker = new LayoutWorker();

export function layoutRuns(): number {
  return layoutWorker.runs;
}

/**
 * Lays out `graph` off the UI thread whenever `key` (modules, sizes, edges, direction) changes;
 * a new snapshot with the same structure reuses the layout it has.
 */
export function useLayout(graph: GraphElements, key: string, direction: LayoutDirection, labelled: boolean): LayoutState {
  const [state, setState] = useState<LayoutState>(() => {
    const cached = cache.get(key);
    return { layout: cached ?? null, pending: !cached, error: null };
  });
  const latest = useRef({ graph, direction, labelled });
  latest.current = { graph, direction, labelled };

  useEffect(() => {
    const cached = cache.get(key);
    if (cached) {
      setState({ layout: cached, pending: false, error: null });
      return;
    }
    if (latest.current.graph.nodes.length === 0) {
      setState({ layout: { key, phase: 'final', ms: 0, positions: {}, width: 0, height: 0 }, pending: false, error: null });
      return;
    }
    setState((s) => ({ layout: s.layout, pending: true, error: null }));
    let active = true;
    const { graph: g, direction: dir, labelled: lab } = latest.current;
    layoutWorker.run(
      key,
      (id) => layoutRequest(g, id, dir, lab),
      (response) => {
        if (response.type === 'error') {
          if (active) setState((s) => ({ layout: s.layout, pending: false, error: response.message }));
          return;
        }
        const { phase, ms, positions, routes, width, height, fallback } = response;
        const result: LayoutResult = { key, phase, ms, positions, routes, width, height, fallback };
        if (active) setState({ layout: result, pending: response.phase !== 'final', error: null });
      },
      (message) => {
        if (active) setState((s) => ({ layout: s.layout, pending: false, error: message }));
      },
    );
    return () => {
      active = false;
    };
  }, [key]);

  useEffect(() => () => layoutWorker.detach(), []);

  return state;
}
