import { quickLayered } from './layout-engine';
import type { LayoutBox, LayoutPoint, LayoutPositions, LayoutRequest } from './layout-protocol';

/**
 * Incremental layout: nodes placed before keep their positions exactly; new ones are laid out
 * block by block (the quick layered layout on the block's own edges) and each block goes to the
 * free spot nearest its anchor. So expanding a group, a filter turned back on or a module added by
 * an edit never moves what the user already sees. Pure and deterministic.
 */

const MARGIN = 24;
const CELL = 400;
/** Rings searched around an anchor before a block goes below everything. */
const MAX_RINGS = 40;

/** A grid of boxes for quick overlap tests. */
export class BoxGrid {
  private cells = new Map<string, LayoutBox[]>();
  bottom = -Infinity;
  left = Infinity;

  add(box: LayoutBox): void {
    this.bottom = Math.max(this.bottom, box.y + box.height);
    this.left = Math.min(this.left, box.x);
    for (const key of this.keys(box)) {
      const list = this.cells.get(key);
      if (list) list.push(box);
      else this.cells.set(key, [box]);
    }
  }

  overlaps(box: LayoutBox): boolean {
    const grown = { x: box.x - MARGIN, y: box.y - MARGIN, width: box.width + 2 * MARGIN, height: box.height + 2 * MARGIN };
    for (const key of this.keys(grown)) {
      for (const b of this.cells.get(key) ?? []) {
        if (grown.x < b.x + b.width && b.x < grown.x + grown.width && grown.y < b.y + b.height && b.y < grown.y + grown.height) return true;
      }
    }
    return false;
  }

  private *keys(box: LayoutBox): Generator<string> {
    const x0 = Math.floor(box.x / CELL);
    const x1 = Math.floor((box.x + box.width) / CELL);
    const y0 = Math.floor(box.y / CELL);
    const y1 = Math.floor((box.y + box.height) / CELL);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) yield `${x},${y}`;
  }
}

/** The free top-left corner nearest `anchor` for a `width` x `height` block (rings of candidates, then below everything). */
export function freeSpot(grid: BoxGrid, anchor: LayoutPoint, width: number, height: number): LayoutPoint {
  const step = Math.max(60, Math.min(width, height) / 2);
  const fits = (x: number, y: number) => !grid.overlaps({ x, y, width, height });
  if (fits(anchor.x, anchor.y)) return anchor;
  for (let r = 1; r <= MAX_RINGS; r++) {
    let best: LayoutPoint | null = null;
    let bestDistance = Infinity;
    for (let i = -r; i <= r; i++) {
      for (const [dx, dy] of [[i, -r], [i, r], [-r, i], [r, i]]) {
        const x = Math.round(anchor.x + dx * step);
        const y = Math.round(anchor.y + dy * step);
        const d = Math.hypot(x - anchor.x, y - anchor.y);
        if (d < bestDistance && fits(x, y)) {
          best = { x, y };
          bestDistance = d;
        }
      }
    }
    if (best) return best;
  }
  return { x: Number.isFinite(grid.left) ? grid.left : anchor.x, y: Number.isFinite(grid.bottom) ? grid.bottom + MARGIN * 4 : anchor.y };
}

export function placeIncrementally(request: LayoutRequest): LayoutPositions {
  const fixed = request.fixed ?? {};
  const grid = new BoxGrid();
  for (const box of Object.values(fixed)) grid.add(box);
  const positions: LayoutPositions['positions'] = {};
  const fresh = request.nodes.filter((n) => !fixed[n.id]);
  for (const n of request.nodes) if (fixed[n.id]) positions[n.id] = { x: fixed[n.id].x, y: fixed[n.id].y };

  // Blocks in a stable order; nodes without a block form one block of their own.
  const blocks = new Map<string, typeof fresh>();
  for (const n of fresh) {
    const key = request.blocks?.[n.id] ?? '';
    const list = blocks.get(key);
    if (list) list.push(n);
    else blocks.set(key, [n]);
  }
  for (const key of [...blocks.keys()].sort()) {
    const members = blocks.get(key)!;
    const ids = new Set(members.map((n) => n.id));
    const local = quickLayered({ ...request, fixed: undefined, nodes: members, edges: request.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) });
    const anchor = request.anchors?.[key] ?? { x: Number.isFinite(grid.left) ? grid.left : 0, y: Number.isFinite(grid.bottom) ? grid.bottom + MARGIN * 4 : 0 };
    const at = freeSpot(grid, anchor, local.width, local.height);
    for (const n of members) {
      const p = local.positions[n.id];
      const box = { x: Math.round(at.x + p.x), y: Math.round(at.y + p.y), width: n.width, height: n.height };
      positions[n.id] = { x: box.x, y: box.y };
      grid.add(box);
    }
  }
  let width = 0;
  let height = 0;
  for (const n of request.nodes) {
    const p = positions[n.id];
    width = Math.max(width, p.x + n.width);
    height = Math.max(height, p.y + n.height);
  }
  return { positions, width, height };
}
