import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo, type JSX } from 'react';
import type { EdgeRoute, LayoutPoint } from '../../workers/layout-protocol';
import type { ModuleFlowEdge } from './graph-model';

/** An SVG path through `points` with rounded corners (orthogonal and polyline routes alike). */
export function roundedPath(points: readonly LayoutPoint[], radius = 10): string {
  if (points.length === 0) return '';
  const out = [`M${points[0].x},${points[0].y}`];
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1];
    const cur = points[i];
    const next = points[i + 1];
    const d1 = Math.hypot(cur.x - prev.x, cur.y - prev.y);
    const d2 = Math.hypot(next.x - cur.x, next.y - cur.y);
    const r = Math.min(radius, d1 / 2, d2 / 2);
    if (r < 0.5) {
      out.push(`L${cur.x},${cur.y}`);
      continue;
    }
    const ax = cur.x + ((prev.x - cur.x) * r) / d1;
    const ay = cur.y + ((prev.y - cur.y) * r) / d1;
    const bx = cur.x + ((next.x - cur.x) * r) / d2;
    const by = cur.y + ((next.y - cur.y) * r) / d2;
    out.push(`L${round(ax)},${round(ay)}`, `Q${cur.x},${cur.y} ${round(bx)},${round(by)}`);
  }
  const last = points[points.length - 1];
  out.push(`L${last.x},${last.y}`);
  return out.join(' ');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A route as an SVG path: cubic Bézier pieces for splines, rounded corners otherwise. */
export function routePath(route: EdgeRoute): string {
  const p = route.points;
  if (!route.spline) return roundedPath(p);
  const out = [`M${p[0].x},${p[0].y}`];
  for (let i = 1; i + 2 < p.length; i += 3) out.push(`C${p[i].x},${p[i].y} ${p[i + 1].x},${p[i + 1].y} ${p[i + 2].x},${p[i + 2].y}`);
  return out.join(' ');
}

/** The point halfway along a polyline. */
export function midpoint(points: readonly LayoutPoint[]): LayoutPoint {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const d = Math.hypot(b.x - a.x, b.y - a.y);
    if (d >= left && d > 0) return { x: a.x + ((b.x - a.x) * left) / d, y: a.y + ((b.y - a.y) * left) / d };
    left -= d;
  }
  return points[0] ?? { x: 0, y: 0 };
}

/**
 * An edge along the route elkjs computed (so that long edges run between nodes, not under
 * them); a bezier between the handles while only a preview layout is known.
 */
function RoutedEdgeView(props: EdgeProps<ModuleFlowEdge>): JSX.Element {
  const { id, data, style, markerStart, markerEnd, label, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const route = data?.route;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (route && route.points.length >= 2) {
    path = routePath(route);
    const at = midpoint(route.points);
    labelX = at.x;
    labelY = at.y;
  } else {
    [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  }
  return (
    <BaseEdge
      id={id}
      path={path}
      style={style}
      markerStart={markerStart}
      markerEnd={markerEnd}
      label={label}
      labelX={labelX}
      labelY={labelY}
      labelShowBg
      labelBgPadding={[4, 2]}
      labelBgBorderRadius={4}
      interactionWidth={8}
    />
  );
}

export const RoutedEdge = memo(RoutedEdgeView);
