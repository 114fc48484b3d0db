import { useMemo, type MutableRefObject, type RefObject } from 'react';
import type { OnMove, Viewport } from '@xyflow/react';
import type { GestureLayer } from './gesture-layer';
import { SETTLE_MS } from './use-draw-budget';

export interface GestureHandlers {
  onMoveStart: OnMove;
  onMove: OnMove;
  onMoveEnd: OnMove;
}

/**
 * A pan or zoom gesture on the canvas (by the user or animated by the view). While it runs the
 * canvas carries the attribute `data-moving` (set in the DOM: no React render, and no render undoes
 * it), under which nothing in the viewport is hit-tested or hovered (graph.css), and `setMoving`
 * freezes the node elements of a big graph (use-draw-budget.ts) until the gesture ends. A move that
 * only started (a click on a node also starts one) changes nothing. `userMoved` becomes true after a
 * real pan or zoom by the user. A zoom by the user (the zoom changes mid-gesture) swaps the node
 * elements and edges for one cached picture of them (`layer`, gesture-layer.tsx) until the gesture
 * has settled (SETTLE_MS after it ends, when the budget admits nodes again): a wheel that pauses
 * between steps keeps the picture.
 */
export function useGraphGesture(
  canvasRef: RefObject<HTMLDivElement | null>,
  setMoving: (moving: boolean) => void,
  moveStart: MutableRefObject<Viewport | null>,
  userMoved: MutableRefObject<boolean>,
  layer: Pick<GestureLayer, 'begin' | 'end'>,
): GestureHandlers {
  const { begin, end } = layer;
  return useMemo(() => {
    let active = false;
    let layered = false;
    let settle = 0;
    return {
      onMoveStart: (event, viewport) => {
        moveStart.current = event ? viewport : null;
      },
      onMove: (event, viewport) => {
        // Once per gesture at most: a user's zoom (a pan moves the elements' layer as it is). Drawn
        // before `data-moving` changes the elements' style (drawing reads no style, but a canvas
        // may flush pending style changes).
        const start = moveStart.current;
        if (!layered && event && start && start.zoom !== viewport.zoom) layered = begin();
        if (!active) {
          active = true;
          window.clearTimeout(settle);
          canvasRef.current?.setAttribute('data-moving', '');
          setMoving(true);
        }
      },
      onMoveEnd: (event, viewport) => {
        // Only a real pan or zoom by the user counts.
        const start = moveStart.current;
        if (event && start && (start.x !== viewport.x || start.y !== viewport.y || start.zoom !== viewport.zoom)) userMoved.current = true;
        if (!active) return;
        active = false;
        canvasRef.current?.removeAttribute('data-moving');
        setMoving(false);
        if (!layered) return;
        window.clearTimeout(settle);
        settle = window.setTimeout(() => {
          layered = false;
          end();
        }, SETTLE_MS);
      },
    };
  }, [canvasRef, setMoving, moveStart, userMoved, begin, end]);
}
