import type { JSX } from 'react';
import type { GroupMode } from './graph-groups';

const LABELS: Record<GroupMode, string> = { none: 'No groups', package: 'Package', name: 'Name', folder: 'Folder', tier: 'Tier' };
const TITLES: Record<GroupMode, string> = {
  none: 'Every module is drawn',
  package: "The ecosystem's own grouping (Drupal's package)",
  name: 'The shared first (or last) word of module names',
  folder: 'The folder that holds the module folders',
  tier: 'Core, optional, internal',
};

export interface GroupingToolsProps {
  /** The grouping in effect (`auto` resolved). */
  mode: GroupMode;
  /** Groups of that mode, and how many are expanded. */
  groupCount: number;
  openCount: number;
  listOpen: boolean;
  onMode(mode: GroupMode): void;
  onCollapseAll(): void;
  onTidy(): void;
  onList(open: boolean): void;
}

/** Grouping (by package, name, folder or tier), collapse all, a fresh layout, and the module list's toggle. */
export function GroupingTools(props: GroupingToolsProps): JSX.Element {
  return (
    <fieldset className="graph-group" aria-label="Grouping">
      <label className="graph-check" title={TITLES[props.mode]}>
        Group
        <select value={props.mode} onChange={(e) => props.onMode(e.target.value as GroupMode)} aria-label="Group by">
          {(Object.keys(LABELS) as GroupMode[]).map((m) => (
            <option key={m} value={m} title={TITLES[m]}>
              {LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      {props.mode !== 'none' && (
        <button type="button" onClick={props.onCollapseAll} disabled={props.openCount === 0} title={`Collapse the ${props.openCount} expanded of ${props.groupCount} groups`}>
          Collapse all
        </button>
      )}
      <button type="button" onClick={props.onTidy} title="Lay the graph out afresh (positions are otherwise kept while you filter, focus and expand)">
        Tidy
      </button>
      <label className="graph-check" title="The module list beside the canvas">
        <input type="checkbox" checked={props.listOpen} onChange={(e) => props.onList(e.target.checked)} aria-label="Show module list" />
        List
      </label>
    </fieldset>
  );
}
