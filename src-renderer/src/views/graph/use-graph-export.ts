import { useState, type RefObject } from 'react';
import type { WorkbenchSnapshot, WorkbenchTransport } from '../../../../src-main/common/contract';
import type { EdgeKind } from '../../../../src-main/common/model';
import { download, fileSafe, graphToSvg, svgToPng } from './graph-export';
import type { ModuleFlowEdge, ModuleFlowNode } from './graph-model';
import type { ExportFormat } from './graph-toolbar';

/** The Export menu's action: what the view draws (filters, focus, groups as their members for Mermaid and DOT), as a download. */
export function useGraphExport(
  client: WorkbenchTransport,
  snapshot: WorkbenchSnapshot,
  drawn: { nodes: ModuleFlowNode[]; edges: ModuleFlowEdge[]; edgeKinds: EdgeKind[] },
  exportRef: RefObject<HTMLDetailsElement | null>,
  reportError: (message: string) => void,
): { exporting: string | null; runExport(format: ExportFormat): Promise<void> } {
  const [exporting, setExporting] = useState<string | null>(null);
  const baseName = fileSafe(`${snapshot.platform.name}-graph`);
  const runExport = async (format: ExportFormat) => {
    if (exportRef.current) exportRef.current.open = false;
    setExporting(format);
    const { nodes, edges, edgeKinds } = drawn;
    try {
      if (format === 'mermaid' || format === 'dot') {
        const drawnModules = nodes.filter((n) => !n.hidden).flatMap((n) => n.data.group?.shown ?? [n.id]);
        const text = await client.request('graph.export', { format, edges: edgeKinds, modules: drawnModules.length < snapshot.order.length ? drawnModules : undefined });
        download(new Blob([text], { type: 'text/plain;charset=utf-8' }), `${baseName}.${format === 'mermaid' ? 'mmd' : 'dot'}`);
      } else {
        const svg = graphToSvg(nodes, edges, `${snapshot.platform.name} module graph`);
        if (format === 'svg') download(new Blob([svg.svg], { type: 'image/svg+xml' }), `${baseName}.svg`);
        else download(await svgToPng(svg), `${baseName}.png`);
      }
    } catch (e) {
      reportError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setExporting(null);
    }
  };
  return { exporting, runExport };
}
