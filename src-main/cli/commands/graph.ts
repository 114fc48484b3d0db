import type { EdgeKind } from '../../common/model';
import { escapeTerminalData } from '../../common/terminal-text';
import { toDot, toMermaid, type GraphModel } from '../../engine/graph-export';
import { resolveCheckoutAsync } from '../../service/load-checkout';
import { checkoutArg, parseArgs, stringOption } from '../args';
import { EXIT_OK, UsageError, type CliIO } from '../io';
import type { Command } from './command';

const KINDS: readonly EdgeKind[] = ['dependency', 'optional', 'capability', 'event'];

export const graphCommand: Command = {
  name: 'graph',
  summary: 'the dependency graph as text, JSON, DOT or Mermaid',
  usage: 'mwb graph [checkout] [--format text|json|dot|mermaid] [--edges dependency,optional,capability,event] [--profile P]',
  async run(argv: string[], io: CliIO): Promise<number> {
    const args = parseArgs(argv, { profile: { value: true }, edges: { value: true }, format: { value: true, choices: ['text', 'json', 'dot', 'mermaid'] } }, 'graph');
    const kinds = (stringOption(args, 'edges') ?? 'dependency,optional').split(',').map((k) => k.trim()).filter(Boolean);
    for (const k of kinds) if (!KINDS.includes(k as EdgeKind)) throw new UsageError(`graph: --edges takes ${KINDS.join(', ')} (got '${k}')`);
    const { report, registry, resolution } = await resolveCheckoutAsync(checkoutArg(args, 'graph', io.cwd), stringOption(args, 'profile'));
    const edges = [...registry.edges, ...resolution.edges].filter((e) => kinds.includes(e.kind));
    const graph: GraphModel = { nodes: report.modules.filter((m) => registry.byName.has(m.name)), edges };
    switch (stringOption(args, 'format') ?? 'text') {
      case 'json':
        io.stdout(JSON.stringify({ checkout: report.checkout, profile: report.profile, nodes: graph.nodes, edges: graph.edges }, null, 2) + '\n');
        break;
      case 'dot':
        io.stdout(toDot(graph, registry.platform.name));
        break;
      case 'mermaid':
        io.stdout(toMermaid(graph));
        break;
      default: {
        const out: string[] = [];
        const text = escapeTerminalData({ nodes: graph.nodes, edges: graph.edges });
        for (const n of text.nodes) {
          const outgoing = text.edges.filter((e) => e.from === n.name).map((e) => (e.kind === 'dependency' ? e.to : `${e.to} (${e.kind}${e.label ? `: ${e.label}` : ''})`));
          out.push(`${n.name} ${n.version ?? '?'} [${n.tier}]${outgoing.length ? ` -> ${outgoing.join(', ')}` : ''}`);
        }
        io.stdout(out.join('\n') + '\n');
      }
    }
    return EXIT_OK;
  },
};
