import { getBezierPath, Position } from '@xyflow/react';
import type { EdgeKind, Tier } from '../../../../src-main/common/model';
import { EDGE_COLOURS, NODE_HEIGHT, edgeLabel, type ModuleFlowEdge, type ModuleFlowNode } from './graph-model';
import { midpoint, routePath } from './routed-edge';

/**
 * Client-side export of the graph as drawn: an SVG written from the laid-out nodes and edges
 * (same curves as React Flow's bezier edges) under a title and a legend, a PNG rendered from that SVG on a canvas, and a
 * download helper (Blob + <a download>). No network, no dependency.
 */

interface Theme {
  text: string;
  muted: string;
  error: string;
  errorBg: string;
  warning: string;
  tier: Record<Tier, { stroke: string; fill: string }>;
}

function readTheme(): Theme {
  // Outside a page (tests under Node) the fallbacks, which are the light theme's values, apply.
  const css = typeof document === 'undefined' ? null : getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css?.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1f2328'),
    muted: v('--muted', '#59636e'),
    error: v('--error', '#cf222e'),
    errorBg: v('--error-bg', '#ffebe9'),
    warning: v('--warning', '#9a6700'),
    tier: {
      core: { stroke: v('--tier-core', '#1f6feb'), fill: v('--tier-core-bg', '#ddf4ff') },
      optional: { stroke: v('--tier-optional', '#1a7f37'), fill: v('--tier-optional-bg', '#dafbe1') },
      internal: { stroke: v('--tier-internal', '#8250df'), fill: v('--tier-internal-bg', '#fbefff') },
    },
  };
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function truncate(text: string, width: number, charWidth: number): string {
  const max = Math.max(4, Math.floor(width / charWidth));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const DASH: Record<EdgeKind, string | null> = { dependency: null, optional: '6 4', event: '2 4', capability: '8 3 2 3' };
const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Noto Sans', Helvetica, Arial, sans-serif";

const TIER_NOTE: Record<Tier, string> = { core: 'core tier', optional: 'optional tier', internal: 'internal tier' };
const EDGE_NOTE: Record<EdgeKind | 'cycle', string> = {
  dependency: 'depends on',
  optional: 'optional dependency',
  event: 'event',
  capability: 'capability',
  cycle: 'dependency cycle',
};

interface LegendItem {
  /** SVG of the swatch, drawn in a 24 x 14 box at the origin. */
  swatch: string;
  text: string;
}

/** What the drawing uses, and only that: tiers shown, edge kinds shown, alerts and problem badges if any. */
function legendItems(shown: readonly ModuleFlowNode[], edges: readonly ModuleFlowEdge[], theme: Theme): LegendItem[] {
  const items: LegendItem[] = [];
  const tiers = new Set(shown.map((n) => n.data.module.tier));
  for (const tier of ['core', 'optional', 'internal'] as const) {
    if (!tiers.has(tier)) continue;
    const t = theme.tier[tier];
    items.push({ swatch: `<rect x="0" y="0" width="24" height="14" rx="4" fill="#ffffff" stroke="${t.stroke}" stroke-width="1.25"/><rect x="1.5" y="1.5" width="4" height="11" rx="2" fill="${t.stroke}"/>`, text: TIER_NOTE[tier] });
  }
  const kinds = new Set(edges.filter((e) => !e.hidden).map((e) => (e.data!.cycle ? 'cycle' : e.data!.kind)));
  for (const kind of ['dependency', 'optional', 'event', 'capability', 'cycle'] as const) {
    if (!kinds.has(kind)) continue;
    const dash = kind === 'cycle' ? null : DASH[kind];
    items.push({
      swatch: `<path d="M 22 7 L 2 7" stroke="${EDGE_COLOURS[kind]}" stroke-width="${kind === 'cycle' ? 2 : 1.5}"${dash ? ` stroke-dasharray="${dash}"` : ''} marker-start="url(#arrow-${kind})"/>`,
      text: kind === 'dependency' || kind === 'optional' ? `${EDGE_NOTE[kind]} (arrow at the dependency)` : EDGE_NOTE[kind],
    });
  }
  if (shown.some((n) => n.data.module.status !== 'ok' || n.data.inCycle)) {
    items.push({ swatch: `<rect x="0" y="0" width="24" height="14" rx="4" fill="${theme.errorBg}" stroke="${theme.error}" stroke-width="2"/>`, text: 'cannot load (blocked, invalid or in a cycle)' });
  }
  if (shown.some((n) => n.data.problems.errors > 0 || n.data.problems.warnings > 0)) {
    items.push({
      swatch: `<rect x="0" y="0" width="11" height="14" rx="5.5" fill="${theme.error}"/><rect x="13" y="0" width="11" height="14" rx="5.5" fill="${theme.warning}"/>`,
      text: 'errors, warnings',
    });
  }
  return items;
}

/** Lays legend items out in rows within `width`; returns their SVG and the height used. */
function legendRows(items: readonly LegendItem[], x0: number, y0: number, width: number, colour: string): { svg: string[]; height: number } {
  const svg: string[] = [];
  let x = x0;
  let y = y0;
  for (const item of items) {
    const w = 24 + 6 + item.text.length * 6.4 + 18;
    if (x > x0 && x + w > x0 + width) {
      x = x0;
      y += 22;
    }
    svg.push(`<g transform="translate(${x.toFixed(1)},${y})">${item.swatch}<text x="30" y="11" font-size="11" fill="${colour}">${esc(item.text)}</text></g>`);
    x += w;
  }
  return { svg, height: items.length > 0 ? y - y0 + 14 : 0 };
}

export interface SvgExport {
  svg: string;
  width: number;
  height: number;
}

/**
 * The graph as a standalone SVG document, with a visible title and a legend of what it draws
 * (tiers, edge kinds, alerts, problem badges). Hidden nodes are left out; dimmed ones stay faint.
 */
export function graphToSvg(nodes: readonly ModuleFlowNode[], edges: readonly ModuleFlowEdge[], title: string): SvgExport {
  const theme = readTheme();
  const shown = nodes.filter((n) => !n.hidden);
  const byId = new Map(shown.map((n) => [n.id, n]));
  const pad = 32;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of shown) {
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + (n.width ?? 0));
    maxY = Math.max(maxY, n.position.y + (n.height ?? NODE_HEIGHT));
  }
  if (!shown.length) minX = minY = maxX = maxY = 0;
  // A header above the graph: the title, then the legend of what the drawing uses.
  const legend = legendItems(shown, edges, theme);
  const width = Math.ceil(Math.max(maxX - minX + 2 * pad, title.length * 10 + 2 * pad, 520));
  const rows = legendRows(legend, pad, pad + 34, width - 2 * pad, theme.muted);
  const header = pad + 34 + rows.height + 20;
  const height = Math.ceil(maxY - minY + pad + header);
  const ox = pad - minX;
  const oy = header - minY;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${esc(FONT)}">`,
    `<title>${esc(title)}</title>`,
    '<defs>',
  );
  for (const [kind, colour] of Object.entries(EDGE_COLOURS)) {
    out.push(
      `<marker id="arrow-${kind}" viewBox="-10 -10 20 20" markerWidth="16" markerHeight="16" markerUnits="userSpaceOnUse" orient="auto-start-reverse" refX="0" refY="0">`,
      `<polyline points="-5,-4 0,0 -5,4 -5,-4" fill="${colour}" stroke="${colour}" stroke-width="1" stroke-linejoin="round"/></marker>`,
    );
  }
  out.push('</defs>', `<rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(
    `<g data-part="header"><text x="${pad}" y="${pad + 16}" font-size="18" font-weight="600" fill="${theme.text}">${esc(title)}</text>`,
    ...rows.svg,
    `<line x1="${pad}" y1="${header - 10}" x2="${width - pad}" y2="${header - 10}" stroke="#d0d7de" stroke-width="1"/></g>`,
  );

  // Edges first, under the nodes.
  const labels: string[] = [];
  for (const e of edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t || e.hidden) continue;
    const d = e.data!;
    const right = s.data.direction === 'RIGHT';
    const sw = s.width ?? 0;
    const tw = t.width ?? 0;
    let [path, lx, ly] = getBezierPath({
      sourceX: s.position.x + ox + (right ? sw : sw / 2),
      sourceY: s.position.y + oy + (right ? NODE_HEIGHT / 2 : NODE_HEIGHT),
      sourcePosition: right ? Position.Right : Position.Bottom,
      targetX: t.position.x + ox + (right ? 0 : tw / 2),
      targetY: t.position.y + oy + (right ? NODE_HEIGHT / 2 : 0),
      targetPosition: right ? Position.Left : Position.Top,
    });
    if (d.route && d.route.points.length >= 2) {
      const shifted = d.route.points.map((p) => ({ x: p.x + ox, y: p.y + oy }));
      path = routePath({ ...d.route, points: shifted });
      const at = midpoint(d.route.points);
      lx = at.x + ox;
      ly = at.y + oy;
    }
    const key = d.cycle ? 'cycle' : d.kind;
    const colour = EDGE_COLOURS[key];
    const faint = e.className?.includes('dimmed');
    const dash = DASH[d.kind];
    out.push(
      `<path d="${path}" fill="none" stroke="${colour}" stroke-width="${d.cycle ? 2 : 1.5}"${dash ? ` stroke-dasharray="${dash}"` : ''} marker-start="url(#arrow-${key})"${faint ? ' opacity="0.2"' : ''}/>`,
    );
    const label = edgeLabel(d.labels);
    if (label) {
      const w = label.length * 6.2 + 10;
      labels.push(
        `<g${faint ? ' opacity="0.2"' : ''}><rect x="${(lx - w / 2).toFixed(1)}" y="${(ly - 9).toFixed(1)}" width="${w.toFixed(1)}" height="18" rx="4" fill="#ffffff" stroke="${colour}" stroke-width="0.75"/>` +
          `<text x="${lx.toFixed(1)}" y="${(ly + 4).toFixed(1)}" font-size="11" text-anchor="middle" fill="${colour}">${esc(label)}</text></g>`,
      );
    }
  }

  for (const n of shown) {
    const m = n.data.module;
    const x = n.position.x + ox;
    const y = n.position.y + oy;
    const w = n.width ?? 0;
    const h = NODE_HEIGHT;
    const tier = theme.tier[m.tier];
    const alert = m.status !== 'ok' || n.data.inCycle;
    const tag = n.data.inCycle ? '↻ cycle' : m.status !== 'ok' ? m.status : '';
    out.push(`<g${n.data.dimmed ? ' opacity="0.25"' : ''}>`);
    out.push(
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="8" fill="${alert ? theme.errorBg : '#ffffff'}" stroke="${alert ? theme.error : tier.stroke}" stroke-width="${alert ? 2.5 : 1.25}"/>`,
      `<rect x="${x + 2}" y="${y + 2}" width="5" height="${h - 4}" rx="2.5" fill="${tier.stroke}"/>`,
      `<text x="${x + 16}" y="${y + 25}" font-size="14" font-weight="600" fill="${theme.text}">${esc(truncate(m.name, w - 24, 8.2))}</text>`,
      `<text x="${x + 16}" y="${y + 44}" font-size="11" fill="${theme.muted}">${esc(`${m.version ?? 'no version'} · ${m.tier}`)}` +
        (tag ? `<tspan fill="${theme.error}" font-weight="600">  ${esc(tag)}</tspan>` : '') +
        '</text>',
    );
    const { errors, warnings } = n.data.problems;
    let bx = x + w + 6;
    for (const [count, colour] of [
      [warnings, theme.warning],
      [errors, theme.error],
    ] as const) {
      if (!count) continue;
      const text = String(count);
      const bw = Math.max(18, text.length * 7 + 10);
      bx -= bw + 2;
      out.push(
        `<rect x="${bx}" y="${y - 9}" width="${bw}" height="18" rx="9" fill="${colour}" stroke="#ffffff" stroke-width="1.5"/>`,
        `<text x="${bx + bw / 2}" y="${y + 4}" font-size="11" font-weight="600" text-anchor="middle" fill="#ffffff">${text}</text>`,
      );
    }
    out.push('</g>');
  }
  out.push(...labels, '</svg>');
  return { svg: out.join('\n'), width, height };
}

/** Renders the SVG on a canvas (2x, capped to what a canvas can hold) and returns a PNG. */
export async function svgToPng({ svg, width, height }: SvgExport): Promise<Blob> {
  const maxSide = 16_000;
  const maxArea = 120_000_000;
  const scale = Math.min(2, maxSide / width, maxSide / height, Math.sqrt(maxArea / (width * height)));
  const image = new Image();
  // A data: URL (the page CSP allows img-src data:, not blob:).
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.floor(width * scale));
  canvas.height = Math.max(1, Math.floor(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))), 'image/png'));
}

/** Saves a Blob through the browser's download (Electron: the save dialog). */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function fileSafe(name: string): string {
  return name.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'graph';
}
