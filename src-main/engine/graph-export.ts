import type { GraphEdge, ModuleSummary } from '../common/model';

export interface GraphModel {
  nodes: ModuleSummary[];
  edges: GraphEdge[];
}

const DOT_TIER_COLOUR: Record<ModuleSummary['tier'], string> = { core: '#1f6feb', optional: '#2da44e', internal: '#8250df' };

function dotId(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Graphviz DOT: dependents point at what they need; optional edges dashed, blocked modules red. */
export function toDot(graph: GraphModel, title: string): string {
  const out = [`digraph ${dotId(title)} {`, '  rankdir=LR;', '  node [shape=box, style="rounded,filled", fontname="Helvetica", fillcolor="#ffffff"];'];
  for (const n of graph.nodes) {
    const colour = n.status === 'ok' ? DOT_TIER_COLOUR[n.tier] : '#cf222e';
    const label = `${n.name}\\n${n.version ?? '?'} · ${n.tier}${n.status !== 'ok' ? ` · ${n.status}` : ''}`;
    out.push(`  ${dotId(n.name)} [label="${label}", color="${colour}"];`);
  }
  for (const e of graph.edges) {
    const attrs: string[] = [];
    if (e.kind === 'optional') attrs.push('style=dashed');
    if (e.kind === 'capability') attrs.push('style=dotted', 'color="#9a6700"');
    if (e.kind === 'event') attrs.push('style=dotted', 'color="#0969da"');
    if (e.label) attrs.push(`label=${dotId(e.label)}`);
    out.push(`  ${dotId(e.from)} -> ${dotId(e.to)}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}

function mermaidId(name: string): string {
  return `m_${name.replace(/[^a-zA-Z0-9]/g, '_')}`;
}

function mermaidText(s: string): string {
  return s.replace(/"/g, '#quot;');
}

/** Mermaid flowchart, as GitHub renders it in Markdown. */
export function toMermaid(graph: GraphModel): string {
  const out = ['flowchart LR'];
  for (const n of graph.nodes) {
    out.push(`  ${mermaidId(n.name)}["${mermaidText(`${n.name} ${n.version ?? ''}`.trim())}"]:::${n.status === 'ok' ? n.tier : 'blocked'}`);
  }
  for (const e of graph.edges) {
    const arrow = e.kind === 'dependency' ? '-->' : '-.->';
    const label = e.label ? `|${mermaidText(e.label)}|` : e.kind === 'optional' ? '|optional|' : '';
    out.push(`  ${mermaidId(e.from)} ${arrow}${label} ${mermaidId(e.to)}`);
  }
  out.push(
    '  classDef core fill:#ddf4ff,stroke:#1f6feb',
    '  classDef optional fill:#dafbe1,stroke:#2da44e',
    '  classDef internal fill:#fbefff,stroke:#8250df',
    '  classDef blocked fill:#ffebe9,stroke:#cf222e',
  );
  return out.join('\n') + '\n';
}
