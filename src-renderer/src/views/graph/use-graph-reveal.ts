import { useCallback, useEffect, useRef, type MutableRefObject, type RefObject } from 'react';
import type { ReactFlowInstance } from '@xyflow/react';
import type { ModuleFlowEdge, ModuleFlowNode } from './graph-model';
import type { GraphGroups } from './use-graph-groups';
import { viewSettled } from './use-graph-viewport';

export interface RevealInputs {
  rootRef: RefObject<HTMLDivElement | null>;
  canvasRef: RefObject<HTMLDivElement | null>;
  flow: ReactFlowInstance<ModuleFlowNode, ModuleFlowEdge>;
  /** Centre of every drawn node. */
  centres: ReadonlyMap<string, { x: number; y: number }>;
  userMoved: MutableRefObject<boolean>;
  selected: string | null;
  selectModule(name: string | null): void;
  groups: GraphGroups;
  pending: boolean;
  /** Fits these nodes into view (fitNodes). */
  fitIds(ids: readonly string[], options: { duration?: number; maxZoom?: number }): Promise<unknown>;
}

/** How long revealNode waits for the node element to appear before giving up on focusing it. */
const FOCUS_WAIT_MS = 5000;

/** Bringing things into view: a node (centred, focused), the selection, a group just expanded. */
export function useGraphReveal({ rootRef, canvasRef, flow, centres, userMoved, selected, selectModule, groups, pending, fitIds }: RevealInputs): {
  revealNode(id: string, centre: boolean): Promise<void>;
  expandGroup(id: string, open: boolean): void;
  selectAndCentre(name: string): void;
} {
  /** The latest revealNode's: an earlier one still waiting for its node element stops. */
  const revealToken = useRef(0);
  const nodeElement = useCallback((id: string) => rootRef.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`) ?? null, []);

  /** Centres a node (keeping the zoom unless it is too small to read) and gives it keyboard focus. */
  const revealNode = useCallback(
    async (id: string, centre: boolean) => {
      const c = centres.get(id);
      if (!c) return;
      // From here on the view stays where the user looks: no automatic refit on resize.
      userMoved.current = true;
      if (centre || !nodeElement(id)) {
        await viewSettled(flow.setCenter(c.x, c.y, { zoom: Math.max(flow.getZoom(), 0.9), duration: 250 }), 250);
      }
      // On a big graph the node element comes later (use-draw-budget.ts admits nodes a few per frame,
      // and none while the view moves or settles): wait for it, for up to FOCUS_WAIT_MS rather than a
      // number of frames (a busy machine's frames are slow, a fast one's too quick for the settling).
      // A newer reveal, or focus moved to another element meanwhile, ends the wait: focus is never taken back.
      const token = ++revealToken.current;
      const before = document.activeElement;
      const deadline = performance.now() + FOCUS_WAIT_MS;
      const focus = () => {
        // (Focus that fell to the body, its element gone, has not been moved by anyone.)
        const moved = document.activeElement !== before && document.activeElement !== document.body;
        if (token !== revealToken.current || moved) return;
        const el = nodeElement(id);
        if (el) el.focus({ preventScroll: true });
        else if (performance.now() < deadline) requestAnimationFrame(focus);
      };
      requestAnimationFrame(focus);
    },
    [centres, flow, nodeElement],
  );

  // The details panel takes room beside the canvas (never over it). Once it has opened, the module
  // chosen by search is centred, and a selected module left outside the narrower canvas is brought
  // back into view.
  const centreOnSelect = useRef<string | null>(null);
  // A module of a group that was collapsed is drawn once its group's members are placed.
  const selectedPlaced = !!selected && centres.has(selected);
  useEffect(() => {
    if (!selected || !selectedPlaced) return;
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(() => {
        const box = canvasRef.current?.getBoundingClientRect();
        const r = nodeElement(selected)?.getBoundingClientRect();
        const outside = !!box && !!r && (r.right > box.right || r.left < box.left || r.bottom > box.bottom || r.top < box.top);
        const c = centres.get(selected);
        if (centreOnSelect.current === selected) void revealNode(selected, true);
        // Without a user pan the canvas refits itself to its new size; after one, pan (same zoom).
        else if (outside && userMoved.current && c) void flow.setCenter(c.x, c.y, { zoom: flow.getZoom(), duration: 200 });
        centreOnSelect.current = null;
      });
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, [selected, selectedPlaced]);

  // A group expanded by a click, Enter or the list: once its members are placed, show them all (and
  // move the keyboard focus to the first one when it was on the canvas).
  const revealGroup = useRef<string | null>(null);
  const expandGroup = useCallback(
    (id: string, open: boolean) => {
      revealGroup.current = open ? id : null;
      groups.toggleGroup(id, open);
    },
    [groups],
  );
  useEffect(() => {
    const gid = revealGroup.current;
    if (!gid || pending) return;
    const members = groups.assignment.groups.get(gid)?.members.filter((m) => centres.has(m)) ?? [];
    if (members.length === 0) return;
    revealGroup.current = null;
    userMoved.current = true;
    const onCanvas = !!document.activeElement?.closest('.react-flow');
    void viewSettled(fitIds(members, { maxZoom: 1, duration: 250 }), 250).then(() => {
      if (onCanvas) nodeElement(members[0])?.focus({ preventScroll: true });
    });
  }, [centres, pending]);

  /** Selects a module and centres it on the canvas (the list, search). */
  const selectAndCentre = useCallback(
    (name: string) => {
      if (name === selected) void revealNode(name, true);
      else {
        centreOnSelect.current = name;
        selectModule(name);
      }
    },
    [selected, revealNode, selectModule],
  );

  return { revealNode, expandGroup, selectAndCentre };
}
