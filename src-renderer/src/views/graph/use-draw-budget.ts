import { useStoreApi } from '@xyflow/react';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { ModuleFlowNode } from './graph-model';

/**
 * How many node elements may appear per frame, adapted to the machine: mounting a node element
 * (React, the DOM, style, layout, paint) is what made zooming out, or back in across the far-zoom
 * threshold, freeze for a second or more on thousands of modules. The nodes come in over a few
 * frames instead, nearest to the centre first, while the overview bitmap stands in for the rest;
 * when a frame took longer than one display frame the next admits half as many (at least
 * MIN_PER_FRAME), when it fitted a few more (at most MAX_PER_FRAME).
 */
const MIN_PER_FRAME = 6;
const MAX_PER_FRAME = 60;
const START_PER_FRAME = 20;
const FRAME_MS = 1000 / 60;
/** Nodes are made drawable up to this many screens around the view (so that a pan finds them ready)... */
const NEAR = 0.5;
/** ...and stay drawable until they are this many screens away (hysteresis: no churn while panning to and fro). */
const KEEP = 1.5;
/**
 * Admitting resumes this long after a gesture ends: a pan followed by a zoom (or a wheel that
 * pauses) is one interaction, and mounting nodes between its gestures made their first frames slow.
 */
export const SETTLE_MS = 250;

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface DrawBudget {
  /** Drawn node ids that may be node elements now (others are hidden, the bitmap shows them); null: all. */
  drawable: ReadonlySet<string> | null;
  /** Nodes in or near the view still waiting for their turn (at least 1 while a gesture has left the drawn area). */
  pending: number;
  /**
   * Tells the budget that a pan or zoom gesture runs (true) or has ended (false): while it runs no
   * node element comes or goes (mounting them, and the edges between them, is what made frames
   * slow mid-gesture); the overview bitmap stands in for the nodes the view reaches meanwhile,
   * and they are admitted once the gesture has settled (SETTLE_MS after it ends).
   */
  setMoving(moving: boolean): void;
}

const EMPTY: ReadonlySet<string> = new Set();

function around(view: Rect, screens: number): Rect {
  const w = (view.x1 - view.x0) * screens;
  const h = (view.y1 - view.y0) * screens;
  return { x0: view.x0 - w, y0: view.y0 - h, x1: view.x1 + w, y1: view.y1 + h };
}

function overlaps(n: ModuleFlowNode, r: Rect): boolean {
  const { x, y } = n.position;
  return x + (n.width ?? 0) >= r.x0 && x <= r.x1 && y + (n.height ?? 0) >= r.y0 && y <= r.y1;
}

function inside(inner: Rect, outer: Rect): boolean {
  return inner.x0 >= outer.x0 && inner.y0 >= outer.y0 && inner.x1 <= outer.x1 && inner.y1 <= outer.y1;
}

/**
 * Which nodes of a big graph may be elements: none when zoomed far out (the bitmap shows them
 * all), else those around the view, admitted a few per frame. Recomputed when the view
 * leaves the area computed last (not on every pan step), so that panning rarely re-renders.
 */
export function useDrawBudget(nodes: readonly ModuleFlowNode[], enabled: boolean, far: boolean, canvasRef: RefObject<HTMLDivElement | null>): DrawBudget {
  const store = useStoreApi();
  const [budget, setBudget] = useState<Omit<DrawBudget, 'setMoving'>>({ drawable: enabled ? EMPTY : null, pending: 0 });
  const state = useRef({ drawable: EMPTY as ReadonlySet<string>, covered: null as Rect | null, pending: 0, frame: 0, perFrame: START_PER_FRAME, lastStep: 0, moving: false, settle: 0, schedule: () => {} });
  const inputs = useRef({ nodes, far });
  inputs.current = { nodes, far };

  useEffect(() => {
    const s = state.current;
    if (!enabled) {
      s.drawable = EMPTY;
      s.covered = null;
      setBudget((b) => (b.drawable === null && b.pending === 0 ? b : { drawable: null, pending: 0 }));
      return;
    }
    const publish = (drawable: ReadonlySet<string>, pending: number) => {
      const changed = drawable !== s.drawable || pending !== s.pending;
      s.drawable = drawable;
      s.pending = pending;
      if (changed) setBudget({ drawable, pending });
    };
    // The view in flow units, from the store's size of the pane (reading the canvas element's size
    // would force a layout in every frame that mounted elements).
    const viewRect = (): Rect | null => {
      const { transform, width, height } = store.getState();
      const [tx, ty, zoom] = transform;
      if (!width || !height || !canvasRef.current) return null;
      return { x0: -tx / zoom, y0: -ty / zoom, x1: (width - tx) / zoom, y1: (height - ty) / zoom };
    };
    const step = (now: number) => {
      s.frame = 0;
      if (s.moving) {
        // Frozen mid-gesture: only say (once) that the view has left the area drawn, so that the bitmap shows.
        const view = viewRect();
        if (!view || inputs.current.far || s.pending > 0) return;
        if (!s.covered || !inside(view, s.covered)) publish(s.drawable, 1);
        return;
      }
      // Frames in a row while admitting: how long the last one took says what the machine affords.
      if (s.lastStep && s.pending > 0) {
        const took = now - s.lastStep;
        s.perFrame = took > FRAME_MS * 1.5 ? Math.max(MIN_PER_FRAME, Math.floor(s.perFrame / 2)) : took < FRAME_MS * 1.2 ? Math.min(MAX_PER_FRAME, s.perFrame + 4) : s.perFrame;
      }
      s.lastStep = now;
      const view = viewRect();
      if (!view) return;
      if (inputs.current.far) {
        s.covered = null;
        publish(s.drawable.size ? EMPTY : s.drawable, 0);
        return;
      }
      if (s.pending === 0 && s.covered && inside(view, s.covered)) return;
      const near = around(view, NEAR);
      const keep = around(view, KEEP);
      const cx = (view.x0 + view.x1) / 2;
      const cy = (view.y0 + view.y1) / 2;
      const next = new Set<string>();
      const missing: [number, string][] = [];
      let dropped = 0;
      for (const n of inputs.current.nodes) {
        if (s.drawable.has(n.id)) {
          if (overlaps(n, keep)) next.add(n.id);
          else dropped++;
        } else if (overlaps(n, near)) {
          const dx = n.position.x + (n.width ?? 0) / 2 - cx;
          const dy = n.position.y + (n.height ?? 0) / 2 - cy;
          missing.push([dx * dx + dy * dy, n.id]);
        }
      }
      missing.sort((a, b) => a[0] - b[0]);
      const admitted = Math.min(missing.length, s.perFrame);
      for (let i = 0; i < admitted; i++) next.add(missing[i][1]);
      const pending = missing.length - admitted;
      s.covered = pending === 0 ? near : null;
      publish(admitted > 0 || dropped > 0 ? next : s.drawable, pending);
      if (pending > 0) schedule();
    };
    const schedule = () => {
      if (!s.frame) s.frame = requestAnimationFrame(step);
    };
    s.schedule = schedule;
    // A new set of nodes (layout, filters, grouping) or the zoom level's side of the threshold: look again.
    s.covered = null;
    schedule();
    const unsubscribe = store.subscribe((next, prev) => {
      if (next.transform !== prev.transform || next.width !== prev.width || next.height !== prev.height) schedule();
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(s.frame);
      s.frame = 0;
      s.schedule = () => {};
    };
  }, [enabled, nodes, far, store, canvasRef]);

  const setMoving = useCallback((moving: boolean) => {
    const s = state.current;
    window.clearTimeout(s.settle);
    s.settle = 0;
    if (moving) {
      s.moving = true;
      return;
    }
    // Settled: admit what the view now needs; the gesture's frames say nothing about the machine.
    s.settle = window.setTimeout(() => {
      s.settle = 0;
      s.moving = false;
      s.lastStep = 0;
      s.covered = null;
      s.schedule();
    }, SETTLE_MS);
  }, []);

  return enabled ? { ...budget, setMoving } : { drawable: null, pending: 0, setMoving };
}
