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
  /** The quick layered layout whatever the size (collapsed groups: elkjs took 20 s on 51 groups and 237 counted edges). */
  quick?: boolean;
  /**
   * Incremental layout: boxes already placed (kept exactly where they are, and avoided). Only the
   * request's nodes without a box here are placed, block by block, each near its anchor.
   */
  fixed?: Record<string, LayoutBox>;
  /** New node id -> its block (nodes placed together, for example the members of an expanded group). */
  blocks?: Record<string, string>;
  /** Block -> where it should go (for example where its collapsed group was). */
  anchors?: Record<string, LayoutPoint>;
}

export interface LayoutBox {
  x: number;
  y: number;
  width: number;
  height: number;
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

/**
 * Graphs at least this big are laid out by the quick layered layout alone: elkjs takes seconds to
 * tens of seconds there, and swapping its result in afterwards made every node jump.
 */
export const PREVIEW_THRESHOLD = 300;
/** The same for graphs of few nodes but many edges (collapsed groups that all depend on each other): elkjs took a minute on 51 nodes and 2,000 edges. */
export const EDGE_THRESHOLD = 600;
