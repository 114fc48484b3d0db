import { useEffect, useMemo, useRef, useState } from 'react';
import type { EdgeRoute, LayoutBox, LayoutDirection, LayoutPoint, LayoutPositions, LayoutRequest, LayoutResponse } from '../../workers/layout-protocol';
import { layoutRequest, type GraphElements } from './graph-model';

export interface LayoutResult extends LayoutPositions {
  /** Changes only when the whole graph is laid out anew (first open, tidy, direction): the view refits then. */
  key: string;
  phase: 'preview' | 'final';
  ms: number;
  /** elkjs failed (this message) and the quick layout stands in. */
  fallback?: string;
}

export interface LayoutState {
  /** Positions of the drawn nodes placed so far (new ones appear once placed). */
  layout: LayoutResult | null;
  /** Some drawn nodes are still being placed. */
  pending: boolean;
  error: string | null;
}

/**
 * Where nodes were placed, per platform, grouping and direction. A node keeps its box for as long
 * as the memory lives: filters, edge kinds, focus, expanding or collapsing groups and re-checks only
 * place nodes never placed before, so nothing the user sees moves. "Tidy" forgets it.
 */
interface Memory {
  boxes: Map<string, LayoutBox>;
  routes: Map<string, EdgeRoute>;
  key: string;
  ms: number;
  fallback?: string;
}

const memories = new Map<string, Memory>();
const MEMORIES = 8;
let generations = 0;

function memoryFor(key: string): Memory {
  let memory = memories.get(key);
  if (memory) {
    memories.delete(key);
  } else {
    memory = { boxes: new Map(), routes: new Map(), key: `${key}#${++generations}`, ms: 0 };
  }
  memories.set(key, memory);
  while (memories.size > MEMORIES) memories.delete(memories.keys().next().value!);
  return memory;
}

/** Forgets the placement of one memory key, so that the next layout starts afresh. */
export function forgetLayout(key: string): void {
  memories.delete(key);
}

/** Where a new node goes: its block (placed together) and the nodes it replaces (its anchor, not obstacles). */
export interface Placement {
  block: string;
  replaces: readonly string[];
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

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('../../workers/layout.worker.ts', import.meta.url), { type: 'module', name: 'graph-layout' });
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      const response = event.data;
      if (response.id !== this.nextId) return;
      if (response.type === 'error' || response.phase === 'final') this.busy = false;
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
 * Positions for `graph`: remembered ones at once, new nodes placed off the UI thread (the whole
 * graph the first time, then only what is new, around what is already placed).
 */
export function useLayout(graph: GraphElements, memoryKey: string, direction: LayoutDirection, labelled: boolean, placement: (id: string) => Placement): LayoutState {
  const memory = memoryFor(memoryKey);
  const [tick, setTick] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const missing = useMemo(() => graph.nodes.filter((n) => !memory.boxes.has(n.id)).map((n) => n.id), [graph, memory, tick]);
  const layout = useMemo<LayoutResult | null>(() => {
    if (memory.boxes.size === 0) return graph.nodes.length === 0 ? { key: memory.key, phase: 'final', ms: 0, positions: {}, width: 0, height: 0 } : null;
    const positions: LayoutPositions['positions'] = {};
    const routes: Record<string, EdgeRoute> = {};
    let width = 0;
    let height = 0;
    for (const n of graph.nodes) {
      const box = memory.boxes.get(n.id);
      if (!box) continue;
      positions[n.id] = { x: box.x, y: box.y };
      width = Math.max(width, box.x + box.width);
      height = Math.max(height, box.y + box.height);
    }
    for (const e of graph.edges) {
      const route = memory.routes.get(e.id);
      if (route) routes[e.id] = route;
    }
    return { key: memory.key, phase: 'final', ms: memory.ms, positions, routes, width, height, fallback: memory.fallback };
  }, [graph, memory, tick]);
  const latest = useRef({ graph, direction, labelled, placement });
  latest.current = { graph, direction, labelled, placement };
  const missingKey = `${memory.key}\n${missing.join('\n')}`;

  useEffect(() => {
    if (missing.length === 0) return;
    let active = true;
    const { graph: g, direction: dir, labelled: lab, placement: place } = latest.current;
    const full = memory.boxes.size === 0;
    layoutWorker.run(
      missingKey,
      (id) => {
        const request = { ...layoutRequest(g, id, dir, lab), quick: g.nodes.some((n) => n.type === 'moduleGroup') || undefined };
        if (full) return request;
        const blocks: Record<string, string> = {};
        const anchors: Record<string, LayoutPoint> = {};
        const replaced = new Set<string>();
        for (const nodeId of missing) {
          const { block, replaces } = place(nodeId);
          blocks[nodeId] = block;
          for (const r of replaces) {
            replaced.add(r);
            const box = memory.boxes.get(r);
            if (!box) continue;
            const a = anchors[block];
            anchors[block] = a ? { x: Math.min(a.x, box.x), y: Math.min(a.y, box.y) } : { x: box.x, y: box.y };
          }
        }
        const fixed: Record<string, LayoutBox> = {};
        for (const [boxId, box] of memory.boxes) if (!replaced.has(boxId)) fixed[boxId] = box;
        return { ...request, fixed, blocks, anchors };
      },
      (response) => {
        if (response.type === 'error') {
          if (active) setError(response.message);
          return;
        }
        const byId = new Map(g.nodes.map((n) => [n.id, n]));
        for (const id of missing) {
          const p = response.positions[id];
          const n = byId.get(id);
          if (p && n && !memory.boxes.has(id)) memory.boxes.set(id, { x: p.x, y: p.y, width: n.width!, height: n.height! });
        }
        for (const [id, route] of Object.entries(response.routes ?? {})) if (!memory.routes.has(id)) memory.routes.set(id, route);
        if (full) {
          memory.ms = response.ms;
          memory.fallback = response.fallback;
        }
        if (active) {
          setError(null);
          setTick((t) => t + 1);
        }
      },
      (message) => {
        if (active) setError(message);
      },
    );
    return () => {
      active = false;
    };
  }, [missingKey]);

  return { layout, pending: missing.length > 0 && !error, error };
}
