/** How many unchosen modules the new-note form lists at once; on a big platform the filter narrows the rest. */
export const MODULE_CHOICES_SHOWN = 150;

/**
 * The modules the new-note form lists, in name order: every chosen module, and the first
 * `shown` others whose name contains the filter (any case). A module keeps its place when it is
 * checked or unchecked, and the form opens at once on a platform of 5,000 modules.
 */
export function moduleChoices(sorted: readonly string[], chosen: readonly string[], filter: string, shown = MODULE_CHOICES_SHOWN): { visible: string[]; hidden: number } {
  const picked = new Set(chosen);
  const needle = filter.trim().toLowerCase();
  const visible: string[] = [];
  let others = 0;
  for (const m of sorted) {
    if (picked.has(m)) visible.push(m);
    else if (!needle || m.toLowerCase().includes(needle)) {
      if (others < shown) visible.push(m);
      others++;
    }
  }
  return { visible, hidden: Math.max(0, others - shown) };
}
