/**
 * Removes grants from an exported role (`user.role.<id>.yml`) keeping every other byte: each
 * removed grant is its own `  - 'permission'` line of the `permissions:` list. A list left empty is
 * written as Drupal exports one, `permissions: {  }`. Nothing is ever added: Drupal has no default
 * roles to reconcile towards.
 */
export function removeGrantLines(text: string, lines: ReadonlySet<number>): string {
  const parts = text.split('\n');
  const kept: string[] = [];
  let permissionsAt = -1;
  let itemsLeft = 0;
  let inList = false;
  parts.forEach((line, i) => {
    if (/^permissions:\s*(#.*)?\r?$/.test(line)) {
      permissionsAt = kept.length;
      inList = true;
      itemsLeft = 0;
    } else if (inList && !/^\s+-|^\s*(#.*)?\r?$/.test(line)) inList = false;
    if (lines.has(i + 1)) return;
    if (inList && /^\s+-/.test(line)) itemsLeft++;
    kept.push(line);
  });
  if (permissionsAt >= 0 && itemsLeft === 0 && [...lines].length > 0) {
    const eol = kept[permissionsAt].endsWith('\r') ? '\r' : '';
    kept[permissionsAt] = `permissions: {  }${eol}`;
  }
  return kept.join('\n');
}
