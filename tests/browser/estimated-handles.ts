import type { Page } from 'playwright-core';
import { build } from 'vite';
import type { GraphDocument } from '../../src/engine/document';
import { registry } from '../../src/nodes';

/** A node's estimated and measured handle places, relative to its top left corner in flow units. */
export interface HandleComparison {
  kind: string;
  estimated: { id: string; x: number; y: number; type: string }[];
  measured: { id: string; x: number; y: number; type: string }[];
}

/** Bundles node-layout.ts into a script that sets `window.nodeLayout` to its exports. */
async function bundleNodeLayout(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: 'src/editor/canvas/node-layout.ts', formats: ['iife'], name: 'nodeLayout' } },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!('output' in output)) continue;
    const chunk = output.output.find((file) => file.type === 'chunk');
    if (chunk?.type === 'chunk') return chunk.code;
  }
  throw new Error('Bundling src/editor/canvas/node-layout.ts produced no script.');
}

/**
 * Estimates the handles of every node on the page with node-layout.ts, from
 * what each node shows, and reads where the page placed them. With `projector`
 * the estimate uses projector mode's fonts and sizes.
 */
export async function compareEstimatedHandles(page: Page, projector: boolean): Promise<HandleComparison[]> {
  await page.addScriptTag({ content: await bundleNodeLayout() });
return page.evaluate((projector) => {
    type Layout = { handles: { id: string; x: number; y: number; type: string }[] };
    type Exports = { estimateNodeLayout: (input: unknown, measure: unknown, metrics: unknown) => Layout } & Record<'NODE_FONTS' | 'PROJECTOR_NODE_FONTS', Record<string, string>> & Record<'NORMAL_NODE_METRICS' | 'PROJECTOR_NODE_METRICS', unknown>;
    const nodeLayout = (window as unknown as { nodeLayout: Exports }).nodeLayout;
    const { estimateNodeLayout } = nodeLayout;
    const fonts = projector ? nodeLayout.PROJECTOR_NODE_FONTS : nodeLayout.NODE_FONTS;
    const metrics = projector ? nodeLayout.PROJECTOR_NODE_METRICS : nodeLayout.NORMAL_NODE_METRICS;
    const context = document.createElement('canvas').getContext('2d')!;
    const family = getComputedStyle(document.body).fontFamily;
    const measure = (text: string, font: string) => {
      context.font = `${fonts[font]} ${family}`;
      return context.measureText(text).width;
    };
    const zoom = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a;
    const text = (element: Element | null) => element?.textContent ?? '';
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((element) => {
      const params = [...element.querySelectorAll('.gate-param')].map((row) => {
        const name = text(row.querySelector('.gate-param-name'));
        if (row.querySelector('select')) return { name, field: 'select', choices: [...row.querySelectorAll('option')].map((option) => option.textContent ?? '') };
        if (row.querySelector('input[type="checkbox"]')) return { name, field: 'checkbox' };
        if (row.querySelector('.param-preview')) return { name, field: 'preview', text: text(row.querySelector('.param-preview')) };
        return { name, field: 'text' };
      });
      const rows = [...element.querySelectorAll('.gate-port-row')];
      const value = element.querySelector('.node-value');
      const gradient = element.querySelector('.node-grad');
      const estimate = estimateNodeLayout({
        id: text(element.querySelector('.gate-id')),
        kind: text(element.querySelector('.gate-kind')),
        symbol: text(element.querySelector('.gate-symbol')),
        label: element.querySelector('.gate-label') ? text(element.querySelector('.gate-label')) : undefined,
        params,
        inputs: rows.map((row) => row.querySelector('.port-label.in')).filter(Boolean).map(text),
        outputs: rows.map((row) => row.querySelector('.port-label.out')).filter(Boolean).map(text),
        valueText: value ? text(value).replace(/^= /, '') : null,
        gradientText: gradient ? text(gradient).replace(/^∂ /, '') : null,
      }, measure, metrics);
      const nodeBox = element.getBoundingClientRect();
      const measured = [...element.querySelectorAll<HTMLElement>('.react-flow__handle')].map((handle) => {
        const box = handle.getBoundingClientRect();
        return { id: handle.dataset.handleid ?? '', type: handle.classList.contains('source') ? 'source' : 'target', x: (box.left - nodeBox.left) / zoom, y: (box.top - nodeBox.top) / zoom };
      });
      return { kind: text(element.querySelector('.gate-kind')), estimated: estimate.handles, measured };
    });
  }, projector);
}

/** Lists every handle whose estimate is off by more than `tolerance` flow units, or missing. */
export function misplacedHandles(results: readonly HandleComparison[], tolerance: number): string[] {
  // Every handle off by more than the tolerance, listed together so one failure shows them all.
  const misplaced: string[] = [];
  for (const { kind, estimated, measured } of results) {
    if (estimated.length !== measured.length) misplaced.push(`${kind}: ${estimated.length} handles estimated, ${measured.length} measured`);
    for (const handle of measured) {
      const match = estimated.find((candidate) => candidate.id === handle.id && candidate.type === handle.type);
      const dx = match ? match.x - handle.x : Infinity;
      const dy = match ? match.y - handle.y : Infinity;
      if (!(Math.abs(dx) <= tolerance && Math.abs(dy) <= tolerance)) misplaced.push(`${kind} ${handle.type} ${handle.id}: off by ${dx.toFixed(1)}, ${dy.toFixed(1)}`);
    }
  }
  return misplaced;
}

/**
 * Returns `base` with its nodes replaced by one node of every kind with default
 * parameters, in rows of 8 columns 280 × 260 flow units apart, and no wires.
 * The first nodes get `labels`.
 */
export function everyKindGraph(base: GraphDocument, labels: readonly string[]): GraphDocument {
  const kinds = [...registry.values()];
  return {
    ...base,
    title: 'Every kind',
    nodes: kinds.map((kind, index) => ({
      id: `k${index}`,
      kind: kind.kind,
      params: Object.fromEntries(kind.params.map((spec) => [spec.name, spec.default])),
      position: { x: (index % 8) * 280, y: Math.floor(index / 8) * 260 },
      ...(index < labels.length && { label: labels[index] }),
    })),
    edges: [],
  };
}
