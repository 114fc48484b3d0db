import { useStoreApi, ViewportPortal } from '@xyflow/react';
import { useCallback, useMemo, useRef, type JSX, type RefObject } from 'react';
import { drawGestureLayer, type FlowRect } from './gesture-layer-draw';
import type { ModuleFlowEdge, ModuleFlowNode } from './graph-model';

/**
 * The picture covers the view and a quarter screen around it (beyond, the overview bitmap stands
 * in, as for nodes not admitted yet), at the screen's resolution when the gesture starts: its size
 * in pixels stays the same from one gesture to the next (no new bitmap), at most MAX_PIXELS (drawing
 * and showing a canvas without a GPU costs by the pixel).
 */
const MARGIN = 0.25;
const MAX_PIXELS = 3_500_000;

export interface GestureLayer {
  /** The canvas, to be rendered inside React Flow (it sits in the viewport, under its transform). */
  element: JSX.Element;
  /**
   * A zoom gesture has started: draws the node elements and edges around the view onto the canvas,
   * shows it and hides the elements (`data-zooming` on the graph canvas, graph.css), so that each
   * step of the gesture only scales one picture. Returns whether it did (not far out, nothing drawn).
   */
  begin(): boolean;
  /** The gesture has settled: the elements show again (crisp at the new zoom), the picture hides. */
  end(): void;
}

/**
 * A zoom of a big graph at a readable zoom scaled every node element and edge mounted around the
 * view on each wheel step: Chromium re-laid out (layerized) all their paint chunks in each such
 * frame, 10 to 15 ms with a few hundred boxes on a 2-core machine without a GPU. During a zoom
 * gesture the view instead scales one cached picture of them (a canvas in the viewport) and shows
 * the elements again once the gesture settles. Nothing here runs per wheel step, and no React state changes.
 */
export function useGestureLayer(enabled: boolean, canvasRef: RefObject<HTMLDivElement | null>, nodes: readonly ModuleFlowNode[], edges: readonly ModuleFlowEdge[]): GestureLayer {
  const store = useStoreApi();
  const layerRef = useRef<HTMLCanvasElement>(null);
  const offscreen = useRef<OffscreenCanvas | null>(null);
  const latest = useRef({ enabled, nodes, edges });
  latest.current = { enabled, nodes, edges };

  const begin = useCallback((): boolean => {
    const layer = layerRef.current;
    const root = canvasRef.current;
    const { enabled: on, nodes: shown, edges: drawn } = latest.current;
    // Far out the overview bitmap shows every module and no node is an element.
    if (!on || !layer || !root || root.classList.contains('far')) return false;
    const { transform, width, height } = store.getState();
    const [tx, ty, zoom] = transform;
    if (!width || !height || !zoom) return false;
    const w = width / zoom;
    const h = height / zoom;
    const area: FlowRect = { x0: -tx / zoom - w * MARGIN, y0: -ty / zoom - h * MARGIN, x1: (width - tx) / zoom + w * MARGIN, y1: (height - ty) / zoom + h * MARGIN };
    const areaW = area.x1 - area.x0;
    const areaH = area.y1 - area.y0;
    const density = Math.min(window.devicePixelRatio || 1, Math.sqrt(MAX_PIXELS / (width * height * (1 + 2 * MARGIN) ** 2)));
    const pixels = { width: Math.round(width * (1 + 2 * MARGIN) * density), height: Math.round(height * (1 + 2 * MARGIN) * density) };
    const off = (offscreen.current ??= new OffscreenCanvas(1, 1));
    if (drawGestureLayer(off, area, pixels, shown, drawn) === 0) return false;
    // Shown as a bitmap: a 2D canvas on screen is copied anew on every frame that commits (about
    // 3 ms a frame at this size without a GPU), a bitmap renderer's image is handed over once.
    if (layer.width !== pixels.width) layer.width = pixels.width;
    if (layer.height !== pixels.height) layer.height = pixels.height;
    layer.getContext('bitmaprenderer')?.transferFromImageBitmap(off.transferToImageBitmap());
    Object.assign(layer.style, { left: `${area.x0}px`, top: `${area.y0}px`, width: `${areaW}px`, height: `${areaH}px`, display: 'block' });
    root.setAttribute('data-zooming', '');
    return true;
  }, [store, canvasRef]);

  const end = useCallback(() => {
    const layer = layerRef.current;
    if (layer) {
      layer.style.display = 'none';
      // Frees the picture (a null bitmap empties a bitmap renderer).
      layer.getContext('bitmaprenderer')?.transferFromImageBitmap(null);
    }
    canvasRef.current?.removeAttribute('data-zooming');
  }, [canvasRef]);

  const element = useMemo(
    () => (
      <ViewportPortal>
        <canvas ref={layerRef} className="graph-gesture-layer" data-testid="graph-gesture-layer" aria-hidden="true" style={{ position: 'absolute', display: 'none', pointerEvents: 'none' }} />
      </ViewportPortal>
    ),
    [],
  );
  return { element, begin, end };
}
