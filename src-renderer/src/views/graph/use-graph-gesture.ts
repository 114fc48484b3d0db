import { useMemo, type MutableRefObject, type RefObject } from 'react';
import type { OnMove, Viewport } from '@xyflow/react';

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
 * real pan or zoom by the user.
 */
export function useGraphGesture(
  canvasRef: RefObject<HTMLDivElement | null>,
  setMoving: (moving: boolean) => void,
  moveStart: MutableRefObject<Viewport | null>,
  userMoved: MutableRefObject<boolean>,
): GestureHandlers {
  return useMemo(() => {
    let active = false;
    return {
      onMoveStart: (event, viewport) => {
        moveStart.current = event ? viewport : null;
      },
      onMove: () => {
        if (active) return;
        active = true;
        canvasRef.current?.setAttribute('data-moving', '');
        setMoving(true);
      },
      onMoveEnd: (event, viewport) => {
        // Only a real pan or zoom by the user counts.
        const start = moveStart.current;
        if (event && start && (start.x !== viewport.x || start.y !== viewport.y || start.zoom !== viewport.zoom)) userMoved.current = true;
        if (!active) return;
        active = false;
        canvasRef.current?.removeAttribute('data-moving');
        setMoving(false);
      },
    };
  }, [canvasRef, setMoving, moveStart, userMoved]);
}
