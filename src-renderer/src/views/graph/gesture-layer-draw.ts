import { getBezierPath, Position } from '@xyflow/react';
import type { ModuleFlowEdge, ModuleFlowNode } from './graph-model';
import { routePath } from './routed-edge';
import { TIER_HEX } from './graph-elements';

/** A rectangle in flow units. */
export interface FlowRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const ACCENT = '#0969da';
const ERROR = '#cf222e';
const MUTED = '#59636e';
const TEXT = '#1f2328';
const EDGE: Record<string, string> = { dependency: '#6e7781', optional: '#8c959f', event: '#0969da', capability: '#bf8700' };
const DASH: Record<string, number[]> = { optional: [6, 4], event: [2, 4], capability: [8, 3, 2, 3] };


const fontCache: { sans?: string; mono?: string } = {};

/** The app's fonts (read once: reading a computed style would force a style update at the gesture's start). */
function fonts(): { sans: string; mono: string } {
  if (!fontCache.sans) {
    const style = getComputedStyle(document.body);
    fontCache.sans = style.fontFamily || 'sans-serif';
    fontCache.mono = style.getPropertyValue('--mono').trim() || 'monospace';
  }
  return fontCache as { sans: string; mono: string };
}

/**
 * The module boxes as the node elements draw them (module-node.tsx, graph.css): ring when selected
 * or matching, box, tier stripe and border, name, version and tier, problem badge. Drawn in passes
 * of one style each (a canvas without a GPU pays for each change of font or colour).
 */
function drawNodes(ctx: OffscreenCanvasRenderingContext2D, shown: readonly ModuleFlowNode[]): void {
  const f = fonts();
  const text = (n: ModuleFlowNode) => n.data.group?.label ?? n.data.module.name;
  const alert = (n: ModuleFlowNode) => n.data.module.status !== 'ok' || n.data.inCycle;
  const pass = (each: (n: ModuleFlowNode, x: number, y: number, w: number, h: number) => void) => {
    for (const n of shown) {
      ctx.globalAlpha = n.data.dimmed ? 0.22 : 1;
      each(n, n.position.x, n.position.y, n.width ?? 0, n.height ?? 0);
    }
    ctx.globalAlpha = 1;
  };
  pass((n, x, y, w, h) => {
    if (!n.selected && !n.data.match) return;
    ctx.fillStyle = n.selected ? ACCENT : '#d4a72c';
    ctx.beginPath();
    ctx.roundRect(x - 3, y - 3, w + 6, h + 6, 10);
    ctx.fill();
  });
  pass((n, x, y, w, h) => {
    const tier = TIER_HEX[n.data.module.tier];
    ctx.beginPath();
    ctx.roundRect(x, y, w, h, 8);
    ctx.fillStyle = alert(n) ? '#fff5f5' : '#ffffff';
    ctx.fill();
    ctx.lineWidth = alert(n) ? 2 : 1.25;
    ctx.strokeStyle = alert(n) ? ERROR : tier;
    ctx.stroke();
    ctx.fillStyle = tier;
    ctx.beginPath();
    ctx.roundRect(x, y, 5, h, [8, 0, 0, 8]);
    ctx.fill();
  });
  ctx.textBaseline = 'middle';
  ctx.font = `600 14px ${f.sans}`;
  ctx.fillStyle = TEXT;
  pass((n, x, y, w, h) => ctx.fillText(text(n), x + 16, y + h / 2 - 8.5, Math.max(1, w - 26)));
  ctx.font = `11px ${f.mono}`;
  ctx.fillStyle = MUTED;
  const versionEnd = new Map<ModuleFlowNode, number>();
  pass((n, x, y, w, h) => {
    const g = n.data.group;
    const label = g ? (g.shown.length === g.total ? `${g.total} modules` : `${g.shown.length} of ${g.total} modules`) : (n.data.module.version ?? 'no version');
    ctx.fillText(label, x + 16, y + h / 2 + 8.5, Math.max(1, w - 26));
    if (!g) versionEnd.set(n, x + 22 + ctx.measureText(label).width);
  });
  ctx.font = `11px ${f.sans}`;
  pass((n, x, y, w, h) => {
    const at = versionEnd.get(n);
    if (at === undefined || at > x + w - 10) return;
    ctx.fillStyle = TIER_HEX[n.data.module.tier];
    ctx.fillText(n.data.module.tier, at, y + h / 2 + 8.5, x + w - 10 - at);
  });
  // The problem badge: warning and error counts at the top-right corner.
  ctx.font = `600 11px ${f.sans}`;
  ctx.textAlign = 'center';
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = '#ffffff';
  pass((n, x, y, w) => {
    const g = n.data.group;
    let right = x + w + 8;
    for (const [count, colour] of [
      [g ? g.warnings : n.data.problems.warnings, '#bf8700'],
      [g ? g.errors : n.data.problems.errors, ERROR],
    ] as const) {
      if (count <= 0) continue;
      const bw = Math.max(18, String(count).length * 7 + 10);
      ctx.beginPath();
      ctx.roundRect(right - bw, y - 9, bw, 18, 9);
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = '#ffffff';
      ctx.fillText(String(count), right - bw / 2, y);
      right -= bw + 2;
    }
  });
  ctx.textAlign = 'start';
}

/** An edge's path as the edge element draws it (routed-edge.tsx): its route, else a bezier between the handles. */
function edgePath(e: ModuleFlowEdge, byId: ReadonlyMap<string, ModuleFlowNode>): Path2D | null {
  const route = e.data?.route;
  if (route && route.points.length >= 2) return new Path2D(routePath(route));
  const s = byId.get(e.source);
  const t = byId.get(e.target);
  if (!s || !t) return null;
  const horizontal = s.data.direction === 'RIGHT';
  const [path] = getBezierPath({
    sourceX: s.position.x + (horizontal ? (s.width ?? 0) : (s.width ?? 0) / 2),
    sourceY: s.position.y + (horizontal ? (s.height ?? 0) / 2 : (s.height ?? 0)),
    sourcePosition: horizontal ? Position.Right : Position.Bottom,
    targetX: t.position.x + (horizontal ? 0 : (t.width ?? 0) / 2),
    targetY: t.position.y + (horizontal ? (t.height ?? 0) / 2 : 0),
    targetPosition: horizontal ? Position.Left : Position.Top,
  });
  return new Path2D(path);
}

function drawEdge(ctx: OffscreenCanvasRenderingContext2D, e: ModuleFlowEdge, byId: ReadonlyMap<string, ModuleFlowNode>): void {
  const path = edgePath(e, byId);
  if (!path) return;
  const kind = e.data?.kind ?? 'dependency';
  const cls = e.className ?? '';
  ctx.globalAlpha = cls.includes('dimmed') ? 0.12 : 1;
  ctx.setLineDash(DASH[kind] ?? []);
  ctx.lineWidth = e.data?.cycle ? 2.25 : cls.includes('touches-selected') ? 2.5 : 1.5;
  ctx.strokeStyle = e.data?.cycle ? ERROR : cls.includes('touches-selected') && kind === 'dependency' ? ACCENT : (EDGE[kind] ?? EDGE.dependency);
  ctx.stroke(path);
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
}

/**
 * Draws the node elements' boxes and the drawn edges inside `area` (flow units) onto `canvas` (off
 * screen: the view shows the result as a bitmap, see gesture-layer.tsx), of
 * `pixels` size (the area's aspect): the picture the view scales while a zoom gesture runs
 * (gesture-layer.tsx). Returns the number of nodes drawn.
 */
export function drawGestureLayer(canvas: OffscreenCanvas, area: FlowRect, pixels: { width: number; height: number }, nodes: readonly ModuleFlowNode[], edges: readonly ModuleFlowEdge[]): number {
  const { width, height } = pixels;
  const scale = width / (area.x1 - area.x0);
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return 0;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.setTransform(scale, 0, 0, scale, -area.x0 * scale, -area.y0 * scale);
  const byId = new Map<string, ModuleFlowNode>();
  const shown: ModuleFlowNode[] = [];
  for (const n of nodes) {
    byId.set(n.id, n);
    if (n.hidden) continue;
    const x = n.position.x;
    const y = n.position.y;
    if (x + (n.width ?? 0) < area.x0 || x > area.x1 || y + (n.height ?? 0) < area.y0 || y > area.y1) continue;
    shown.push(n);
  }
  for (const e of edges) if (!e.hidden) drawEdge(ctx, e, byId);
  drawNodes(ctx, shown);
  return shown.length;
}
