import { useCallback, useEffect, useMemo } from 'react';
import type { WorkbenchSnapshot } from '../../../../src-main/common/contract';
import { collapseGraph, type CollapsedGraph } from './graph-collapse';
import { assignGroups, defaultGroupMode, type GroupAssignment, type GroupMode } from './graph-groups';
import type { GraphElements, GraphIndex } from './graph-model';
import type { GraphSettings } from './use-graph-settings';
import type { Placement } from './use-layout';

export interface GraphGroups {
  mode: GroupMode;
  assignment: GroupAssignment;
  expanded: ReadonlySet<string>;
  /** What the canvas draws: modules, and collapsed groups in place of their members. */
  view: CollapsedGraph;
  toggleGroup(id: string, open: boolean): void;
  /** Where a node new to the layout goes: a group's members where the group was, a group where its members were. */
  placement(id: string): Placement;
  /** Module-level sets (focus, search matches) as the drawn nodes that stand for them. */
  toUnits(names: Iterable<string>): Set<string>;
  /** Collapsed group -> how many of `names` it holds. */
  countByGroup(names: Iterable<string>): Map<string, number>;
}

/**
 * The Graph view's grouping: the mode (chosen by the platform's size unless the user picked one),
 * the expanded groups, and the collapsed graph. The selected module's group opens, so that a module
 * chosen in the list, by search or from the details panel is always drawn.
 */
export function useGraphGroups(snapshot: WorkbenchSnapshot, index: GraphIndex, graph: GraphElements, settings: GraphSettings, update: (change: Partial<GraphSettings>) => void, selected: string | null): GraphGroups {
  const auto = useMemo(() => defaultGroupMode(snapshot), [snapshot]);
  const mode = settings.group === 'auto' ? auto : settings.group;
  const assignment = useMemo(() => assignGroups(snapshot, mode), [snapshot, mode]);
  const expanded = useMemo(() => new Set(settings.open), [settings.open]);
  const view = useMemo(() => collapseGraph(graph, index, assignment, expanded, settings.direction), [graph, index, assignment, expanded, settings.direction]);

  const toggleGroup = useCallback(
    (id: string, open: boolean) => {
      const has = settings.open.includes(id);
      if (open && !has) update({ open: [...settings.open, id] });
      else if (!open && has) update({ open: settings.open.filter((g) => g !== id) });
    },
    [settings.open, update],
  );

  const gidOfSelected = selected ? assignment.groupOf.get(selected) : undefined;
  useEffect(() => {
    if (gidOfSelected && !expanded.has(gidOfSelected)) toggleGroup(gidOfSelected, true);
  }, [gidOfSelected]);

  const placement = useCallback(
    (id: string): Placement => {
      const group = assignment.groups.get(id);
      if (group) return { block: id, replaces: group.members };
      const gid = assignment.groupOf.get(id);
      return gid ? { block: gid, replaces: [gid] } : { block: '', replaces: [] };
    },
    [assignment],
  );

  const toUnits = useCallback((names: Iterable<string>) => {
    const out = new Set<string>();
    for (const n of names) out.add(view.unitOf.get(n) ?? n);
    return out;
  }, [view]);

  const countByGroup = useCallback((names: Iterable<string>) => {
    const out = new Map<string, number>();
    for (const n of names) {
      const unit = view.unitOf.get(n);
      if (unit !== undefined && unit !== n) out.set(unit, (out.get(unit) ?? 0) + 1);
    }
    return out;
  }, [view]);

  return { mode, assignment, expanded, view, toggleGroup, placement, toUnits, countByGroup };
}
