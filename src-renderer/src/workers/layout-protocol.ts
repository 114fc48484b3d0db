/** Messages between the Graph view and the layout worker (layout.worker.ts). Plain data only. */

export type LayoutDirection = 'RIGHT' | 'DOWN';

export interface LayoutNodeInput {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdgeInput {
  id: string;
  /** The upstream end (what is needed); layered layout puts it in an earlier layer. */
  source: string;
  target: string;
}

export interface LayoutRequest {
  type: 'layout';
  /** Echoed back, so the caller can drop answers to requests it no longer cares about. */
  id: number;
  direction: LayoutDirection;
  nodes: LayoutNodeInput[];
  edges: LayoutEdgeInput[];
  /** Extra room between layers for edge labels (event and capability names). */
  labelled: boolean;
}

export interface LayoutPoint {
  x: number;
  y: number;
}

export interface EdgeRoute {
  /**
   * From the source (upstream) end to the target end. For `spline` routes the points after the
   * first come in threes: two cubic Bézier control points and the end of that piece.
   */
  points: LayoutPoint[];
  spline?: boolean;
}

export interface LayoutPositions {
  /** Top-left corner of each node. */
  positions: Record<string, LayoutPoint>;
  /** Edge routes by edge id (elkjs results only; the quick preview has none). */
  routes?: Record<string, EdgeRoute>;
  width: number;
  height: number;
}

export type LayoutResponse =
  /** `preview`: a quick layered placement sent first for big graphs; `final`: elkjs's result. */
  | ({
      type: 'result';
      id: number;
      phase: 'preview' | 'final';
      ms: number;
      /** Set when elkjs failed and the quick layout stands in for it: why. */
      fallback?: string;
    } & LayoutPositions)
  | { type: 'error'; id: number; message: string };

/** Graphs at least this big get a quick preview before elkjs finishes. */
export const PREVIEW_THRESHOLD = 300;
