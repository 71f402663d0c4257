import type { GraphDocument, GraphNode } from '../../engine/document';
import { formatTensor } from '../format';
import type { EditorState } from '../store/store';
import { kindOfNode } from '../teaching/module-kind';
import {
  estimateNodeLayout,
  NODE_FONTS,
  NORMAL_NODE_METRICS,
  PROJECTOR_NODE_FONTS,
  PROJECTOR_NODE_METRICS,
  type LayoutParam,
  type MeasureText,
  type NodeFont,
  type NodeLayout,
  type NodeLayoutInput,
} from './node-layout';
import { paramFieldOf } from './ParamFields';
import { nodeGradientText, nodeValueText } from './selectors';

let context: CanvasRenderingContext2D | null | undefined;
let family = '';
const widths = new Map<string, number>();

/** Returns a function that measures text in `fonts` on a detached canvas, in the page's font family, and remembers each width. */
function measureWithFonts(fonts: Readonly<Record<NodeFont, string>>): MeasureText {
  return (text: string, font: NodeFont) => {
    const key = `${fonts[font]}\u0000${text}`;
    const known = widths.get(key);
    if (known !== undefined) return known;
    if (context === undefined) {
      context = document.createElement('canvas').getContext('2d');
      family = getComputedStyle(document.body).fontFamily;
    }
    if (!context) return 0;
    context.font = `${fonts[font]} ${family}`;
    const width = context.measureText(text).width;
    widths.set(key, width);
    return width;
  };
}

const measureNormal = measureWithFonts(NODE_FONTS);
const measureProjector = measureWithFonts(PROJECTOR_NODE_FONTS);

/** Describes what `node` shows in full, for estimating its layout. */
export function layoutInputOf(node: GraphNode, document: GraphDocument, state: EditorState): NodeLayoutInput {
  const kind = kindOfNode(node, document);
  const params: LayoutParam[] = [];
  for (const spec of kind?.params ?? []) {
    if (!(spec.isRelevant?.(node.params) ?? true)) continue;
    const paramField = paramFieldOf(spec, node.params[spec.name] ?? spec.default);
    if (!paramField) continue;
    if (paramField.field === 'preview') params.push({ name: spec.name, field: 'preview', text: formatTensor(paramField.value) });
    else if (paramField.field === 'choice') params.push({ name: spec.name, field: 'select', choices: spec.choices ?? [] });
    else params.push({ name: spec.name, field: paramField.field === 'boolean' ? 'checkbox' : 'text' });
  }
  return {
    id: node.id,
    kind: node.kind,
    symbol: kind?.symbol ?? '?',
    label: node.label,
    params: kind ? params : [],
    inputs: kind?.inputs.map((port) => port.name) ?? [],
    outputs: kind?.outputs.map((port) => port.name) ?? [],
    valueText: nodeValueText(state, node.id),
    gradientText: nodeGradientText(state, node.id),
  };
}

/**
 * Estimates the size and handle places of `node` drawn in full, measuring its
 * texts in the page, in projector mode's fonts and sizes when `projector` is true.
 * NOTE: the value and gradient texts are read when the estimate is made, so a
 * node revealed later by playback may be wider than estimated until React Flow measures it.
 */
export function estimateLayoutInPage(node: GraphNode, document: GraphDocument, state: EditorState, projector = false): NodeLayout {
  const input = layoutInputOf(node, document, state);
  return projector ? estimateNodeLayout(input, measureProjector, PROJECTOR_NODE_METRICS) : estimateNodeLayout(input, measureNormal, NORMAL_NODE_METRICS);
}
