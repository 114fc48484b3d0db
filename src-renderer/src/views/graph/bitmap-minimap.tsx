import { Panel, useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useMemo, useRef, type JSX, type PointerEvent as ReactPointerEvent, type WheelEvent as ReactWheelEvent } from 'react';
import { minimapColour } from './graph-elements';
import { nodeBounds, type ModuleFlowEdge, type ModuleFlowNode } from './graph-model';

const WIDTH = 200;
const HEIGHT = 150;
const PAD = 6;

/**
 * The overview map of a big graph: every node (mounted as an element or not) as a box on one bitmap,
 * and the view as a frame moved straight in the DOM on each pan step. React Flow's own map draws
 * one SVG element per node, each subscribed to its store: on thousands of modules every pan step
 * re-ran thousands of selectors, and it only shows the nodes that are elements. Drag or click to
 * move the view there, wheel to zoom, as on React Flow's map.
 */
export function BitmapMiniMap({ nodes, hidden }: { nodes: readonly ModuleFlowNode[]; hidden: boolean }): JSX.Element | null {
  const flow = useReactFlow<ModuleFlowNode, ModuleFlowEdge>();
  const store = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const fit = useMemo(() => {
    const b = nodeBounds(nodes);
    if (!b) return null;
    const scale = Math.min((WIDTH - 2 * PAD) / Math.max(1, b.w), (HEIGHT - 2 * PAD) / Math.max(1, b.h));
    // Centred in the map.
    const ox = (WIDTH - b.w * scale) / 2 - b.x0 * scale;
    const oy = (HEIGHT - b.h * scale) / 2 - b.y0 * scale;
    return { scale, ox, oy };
  }, [nodes]);

  useEffect(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (!ctx || !fit) return;
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    for (const n of nodes) {
      ctx.fillStyle = minimapColour(n);
      ctx.fillRect(fit.ox + n.position.x * fit.scale, fit.oy + n.position.y * fit.scale, Math.max(1, (n.width ?? 0) * fit.scale), Math.max(1, (n.height ?? 0) * fit.scale));
    }
  }, [nodes, fit]);

  // The view's frame follows the viewport without a React render, by its transform (its own
  // compositor layer: moving it repaints nothing); a change of size scales it until the view has
  // rested a moment (not mid-gesture: `data-moving` on the graph canvas), then its box gets the size.
  useEffect(() => {
    let size: { w: number; h: number } | null = null;
    let rest = 0;
    const place = (resting: boolean) => {
      const el = frameRef.current;
      if (!el || !fit) return;
      const { transform, width, height } = store.getState();
      const [tx, ty, zoom] = transform;
      const w = (width / zoom) * fit.scale;
      const h = (height / zoom) * fit.scale;
      window.clearTimeout(rest);
      if (resting && el.closest('[data-moving]')) resting = false;
      if (!size || (resting && (size.w !== w || size.h !== h))) {
        size = { w, h };
        el.style.width = `${w}px`;
        el.style.height = `${h}px`;
      }
      if (size.w !== w || size.h !== h) rest = window.setTimeout(() => place(true), 300);
      const scale = size.w === w && size.h === h ? '' : ` scale(${w / Math.max(size.w, 1e-6)}, ${h / Math.max(size.h, 1e-6)})`;
      el.style.transform = `translate(${fit.ox + (-tx / zoom) * fit.scale}px, ${fit.oy + (-ty / zoom) * fit.scale}px)${scale}`;
    };
    place(true);
    const unsubscribe = store.subscribe((next, prev) => {
      if (next.transform !== prev.transform || next.width !== prev.width || next.height !== prev.height) place(false);
    });
    return () => {
      unsubscribe();
      window.clearTimeout(rest);
    };
  }, [store, fit]);

  if (!fit) return null;
  const moveTo = (e: ReactPointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = (e.clientX - box.left - fit.ox) / fit.scale;
    const y = (e.clientY - box.top - fit.oy) / fit.scale;
    void flow.setCenter(x, y, { zoom: flow.getZoom() });
  };
  const onWheel = (e: ReactWheelEvent<HTMLDivElement>) => {
    const zoom = flow.getZoom() * Math.pow(2, -e.deltaY * 0.002);
    void flow.zoomTo(zoom);
  };
  return (
    <Panel position="bottom-right" className="react-flow__minimap graph-bitmap-minimap" style={{ display: hidden ? 'none' : undefined }}>
      <div
        className="graph-bitmap-minimap-body nopan nowheel"
        style={{ width: WIDTH, height: HEIGHT }}
        role="img"
        aria-label="Graph overview"
        data-testid="graph-minimap"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => e.buttons === 1 && moveTo(e)}
        onWheel={onWheel}
      >
        <canvas ref={canvasRef} width={WIDTH} height={HEIGHT} />
        <div ref={frameRef} className="graph-bitmap-minimap-view" data-testid="graph-minimap-view" />
      </div>
    </Panel>
  );
}
