/**
 * The Graph view's layout worker: elkjs 'layered' off the UI thread.
 *
 * Loaded with `new Worker(new URL('../../workers/layout.worker.ts', import.meta.url), { type: 'module' })`.
 * elkjs's bundled build runs ELK in-process (its "fake worker"), which is what we want inside a
 * worker. It is loaded on first need only (small ungrouped graphs): big and grouped graphs get the
 * quick layout, and parsing elkjs's 1.5 MB first delayed their first render. When it is evaluated
 * in a worker scope it also installs its own `self.onmessage` dispatcher; ours is assigned again
 * once the import has run, and replaces it.
 */
import type ElkConstructor from 'elkjs/lib/elk.bundled.js';
import { fromElkGraph, quickLayered, toElkGraph } from './layout-engine';
import { placeIncrementally } from './layout-incremental';
import { EDGE_THRESHOLD, PREVIEW_THRESHOLD, type LayoutPositions, type LayoutRequest, type LayoutResponse } from './layout-protocol';

const scope = self as unknown as {
  postMessage(message: LayoutResponse): void;
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
};

type Elk = InstanceType<typeof ElkConstructor>;
let elk: Promise<Elk> | null = null;
function loadElk(): Promise<Elk> {
  return (elk ??= import('elkjs/lib/elk.bundled.js').then((m) => {
    scope.onmessage = onMessage;
    return new m.default();
  }));
}
/** Only the newest request matters; older ones still queued are skipped. */
let latest = 0;

function onMessage(event: MessageEvent<LayoutRequest>): void {
  const request = event.data;
  if (!request || request.type !== 'layout') return;
  latest = request.id;
  void run(request);
}
scope.onmessage = onMessage;

async function run(request: LayoutRequest): Promise<void> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let quick: LayoutPositions | null = null;
  try {
    // Nodes already placed stay put; big graphs get the quick layout only (one answer, no jump later).
    if (request.fixed) quick = placeIncrementally(request);
    else if (request.quick || request.nodes.length >= PREVIEW_THRESHOLD || request.edges.length >= EDGE_THRESHOLD) quick = quickLayered(request);
    if (quick) {
      scope.postMessage({ type: 'result', id: request.id, phase: 'final', ms: elapsed(), ...quick });
      return;
    }
    // Let a newer request that arrived meanwhile win before the expensive part starts.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (request.id !== latest) return;
    const result = await (await loadElk()).layout(toElkGraph(request));
    if (request.id !== latest) return;
    scope.postMessage({ type: 'result', id: request.id, phase: 'final', ms: elapsed(), ...fromElkGraph(result) });
  } catch (error) {
    // elkjs can fail on unusual graphs (a stack overflow deep in its Java-to-JS code): the quick
    // layered layout stands in, and the view says so.
    const message = error instanceof Error ? error.message : String(error);
    try {
      const fallback = quickLayered(request);
      scope.postMessage({ type: 'result', id: request.id, phase: 'final', ms: elapsed(), fallback: message, ...fallback });
    } catch {
      scope.postMessage({ type: 'error', id: request.id, message });
    }
  }
}
