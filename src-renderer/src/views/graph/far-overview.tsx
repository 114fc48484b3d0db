import { ViewportPortal } from '@xyflow/react';
import { useEffect, useMemo, useRef, type JSX } from 'react';
import { minimapColour } from './graph-elements';
import { nodeBounds, type ModuleFlowNode } from './graph-model';

/**
 * Bitmap pixels per flow unit, capped so that the bitmap stays small: far out, a box is a few pixels
 * anyway. Without a GPU Chromium copies a shown canvas on each frame that commits (4096 pixels a side
 * cost about 2 ms a frame while panning at a readable zoom).
 */
const SCALE = 0.25;
const MAX_SIDE = 2048;

/**
 * Far out on a big graph, every node as a coloured box on one bitmap inside the viewport transform:
 * panning and zooming then move a single image instead of thousands of elements (the view hides the
 * node elements meanwhile, except the selected and matching ones). Closer in it stands in, under the
 * node elements, for the nodes not mounted yet (they come in a few per frame). Drawn once per set of
 * nodes and kept while hidden, so that showing it again costs nothing.
 */
export function FarOverview({ nodes, visible }: { nodes: readonly ModuleFlowNode[]; visible: boolean }): JSX.Element | null {
  const ref = useRef<HTMLCanvasElement>(null);
  const bounds = useMemo(() => nodeBounds(nodes), [nodes]);
  const scale = bounds ? Math.min(SCALE, MAX_SIDE / Math.max(bounds.w, bounds.h, 1)) : SCALE;

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !bounds) return;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (const n of nodes) {
      ctx.fillStyle = minimapColour(n);
      ctx.fillRect((n.position.x - bounds.x0) * scale, (n.position.y - bounds.y0) * scale, Math.max(1, (n.width ?? 0) * scale), Math.max(1, (n.height ?? 0) * scale));
    }
  }, [nodes, bounds, scale]);

  if (!bounds) return null;
  return (
    <ViewportPortal>
      <canvas
        ref={ref}
        className="graph-far-overview"
        data-testid="graph-far-overview"
        width={Math.ceil(bounds.w * scale)}
        height={Math.ceil(bounds.h * scale)}
        data-visible={visible}
        // Below the edges and node elements (z-index -1 in the viewport's stacking context).
        style={{ position: 'absolute', left: bounds.x0, top: bounds.y0, width: bounds.w, height: bounds.h, pointerEvents: 'none', zIndex: -1, display: visible ? 'block' : 'none' }}
        aria-hidden="true"
      />
    </ViewportPortal>
  );
}
