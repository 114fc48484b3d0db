import { useEffect, useRef, type MutableRefObject, type RefObject } from 'react';
import { getViewportForBounds, type ReactFlowInstance, type Viewport } from '@xyflow/react';
import type { LayoutResult } from './use-layout';
import { nodeBounds, type ModuleFlowEdge, type ModuleFlowNode } from './graph-model';

/** Room at the top for the status notes and the legend, which sit over the canvas: nothing fitted hides under them. */
export const FIT = { padding: { top: '96px', right: '5%', bottom: '5%', left: '5%' } as const, maxZoom: 1.1, includeHiddenNodes: true };
/**
 * From this many drawn modules on, the graph opens at a readable zoom on the layout's top-left
 * corner instead of fitting everything: an overview of thousands of boxes is unreadable, and drawing
 * them all at once froze the page for seconds. Zooming out, search and focus reach the rest.
 */
export const LARGE = 500;
const LARGE_ZOOM = 0.75;
/** The graph's least zoom (React Flow's minZoom). */
export const MIN_ZOOM = 0.005;

/**
 * Waits for an animated view change of `duration` ms to end, or to have been cut short: React
 * Flow's promise settles only when the animation ends, and never when another view change (a fit,
 * the user's pan) interrupts it or cancels it before its first frame.
 */
export function viewSettled(moving: Promise<unknown>, duration: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, duration + 100);
    void moving.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Fits `nodes` (our list, not React Flow's: on a big graph React Flow holds only the nodes around
 * the view) into `canvas`, with FIT's padding and zoom cap. The view moves now, not later: React
 * Flow's fitView waits for its nodes to be measured and moved the view a frame or more after it was
 * asked, over a module centred meanwhile (and cancelled that centring, whose promise then never settled).
 */
export function fitNodes(flow: ReactFlowInstance<ModuleFlowNode, ModuleFlowEdge>, canvas: HTMLElement | null, nodes: readonly ModuleFlowNode[], options: { duration?: number; maxZoom?: number } = {}): Promise<boolean> {
  const b = nodeBounds(nodes);
  if (!b || !canvas || !canvas.clientWidth || !canvas.clientHeight) return Promise.resolve(false);
  const view = getViewportForBounds({ x: b.x0, y: b.y0, width: b.w, height: b.h }, canvas.clientWidth, canvas.clientHeight, MIN_ZOOM, options.maxZoom ?? FIT.maxZoom, FIT.padding);
  return flow.setViewport(view, { duration: options.duration });
}

/**
 * The viewport: fit after each new layout unless the user has moved since, and again when the
 * canvas changes size (the details panel, the editor pane) until the user pans or zooms.
 */
export function useGraphViewport(
  flow: ReactFlowInstance<ModuleFlowNode, ModuleFlowEdge>,
  layout: LayoutResult | null,
  nodes: ModuleFlowNode[],
  canvasRef: RefObject<HTMLDivElement | null>,
): { userMoved: MutableRefObject<boolean>; moveStart: MutableRefObject<Viewport | null> } {
  const fitted = useRef<{ key: string; phase: string } | null>(null);
  const userMoved = useRef(false);
  const moveStart = useRef<Viewport | null>(null);
  useEffect(() => {
    if (!layout || nodes.length === 0) return;
    const last = fitted.current;
    if (last && last.key === layout.key && last.phase === layout.phase) return;
    const refinement = last !== null && last.key === layout.key;
    fitted.current = { key: layout.key, phase: layout.phase };
    if (refinement && userMoved.current) return;
    userMoved.current = false;
    const frame = requestAnimationFrame(() => fitGraph(last ? 200 : 0));
    return () => cancelAnimationFrame(frame);
  }, [layout, nodes.length, flow]);

  /** Fits the whole graph, or for a large one shows its start at a readable zoom. */
  const fitRef = useRef(fitGraph);
  fitRef.current = fitGraph;
  function fitGraph(duration: number): void {
    if (nodes.length < LARGE) {
      void fitNodes(flow, canvasRef.current, nodes, { duration });
      return;
    }
    // The layout's top-left corner: a readable start. (Centring on the core instead puts its
    // fan of edges to most modules in view, which made panning several times slower.)
    let minX = Infinity;
    let minY = Infinity;
    for (const n of nodes) {
      minX = Math.min(minX, n.position.x);
      minY = Math.min(minY, n.position.y);
    }
    void flow.setViewport({ x: 24 - minX * LARGE_ZOOM, y: 24 - minY * LARGE_ZOOM, zoom: LARGE_ZOOM }, { duration });
  }

  // The canvas changes size when the details panel or the editor pane opens: keep the whole graph
  // in view then too, until the user pans or zooms.
  useEffect(() => {
    const el = canvasRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    let last = { w: el.clientWidth, h: el.clientHeight };
    const observer = new ResizeObserver(() => {
      const size = { w: el.clientWidth, h: el.clientHeight };
      if (size.w === last.w && size.h === last.h) return;
      last = size;
      if (userMoved.current || !fitted.current || size.w === 0 || size.h === 0) return;
      cancelAnimationFrame(frame);
      // Checked again when it runs: a module centred meanwhile (search, selection) keeps the view.
      frame = requestAnimationFrame(() => !userMoved.current && fitRef.current(0));
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [flow]);

  return { userMoved, moveStart };
}
