/** The YAML front matter block and the body of a note, for the preview (display only; the engine validates). */
export function splitFrontMatter(text: string): { fields: [string, string][]; body: string } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') return { fields: [], body: text };
  const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
  if (end < 0) return { fields: [], body: text };
  const fields: [string, string][] = [];
  for (const line of lines.slice(1, end)) {
    const m = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (m) fields.push([m[1], m[2].replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1').replace(/^\[(.*)\]$/, '$1')]);
    else if (/^\s+-\s+/.test(line) && fields.length > 0) {
      const last = fields[fields.length - 1];
      last[1] = last[1] ? `${last[1]}, ${line.replace(/^\s+-\s+/, '')}` : line.replace(/^\s+-\s+/, '');
    }
  }
  return { fields, body: lines.slice(end + 1).join('\n') };
}
