import type { Program } from '../../engine/compile';
import type { TensorData } from '../../engine/tensor';
import type { Trace } from '../../engine/trace';
import type { Params } from '../../engine/types';

/** Where a node input reads from: the producing node's index in the plan and its output port index. */
export interface OutputRef {
  node: number;
  output: number;
}

/** One runnable node, in topological order, with what code generation needs to know about it. */
export interface PlannedNode {
  index: number;
  id: string;
  kind: string;
  params: Params;
  inputs: OutputRef[];
  /** The value of each output of a node without inputs; empty for other nodes. */
  constants: TensorData[];
  /** True for outputs that carry integer class labels rather than real numbers. */
  integerOutputs: boolean[];
  /** True for outputs a sink seeds with gradient 1; the generated total sums exactly these. */
  seeded: boolean[];
  /** True when the node receives a gradient, so it runs backward, as in the engine. */
  runsBackward: boolean;
  /** For each output, the consumers that send a gradient back to it: node index and input index. */
  gradientParts: { node: number; input: number }[][];
}

export interface CodePlan {
  nodes: PlannedNode[];
  /** Nodes left out because they cannot run (a missing input, a cycle, a shape error). */
  skipped: number;
}

export type CodeResult = { ok: true; code: string } | { ok: false; message: string };

/**
 * Orders the runnable nodes of a compiled program for code generation. A source
 * node's values come from the document when it stores them, else from the
 * trace (a parameter drawn from a seeded distribution, or a batch of zeros),
 * so the generated code starts from the same numbers as the engine.
 */
export function planCode(program: Program, trace: Trace): CodePlan {
  const indexOf = new Map(program.order.map((node, index) => [node.id, index]));
  const sinks = new Set(trace.sinks);
  const nodes: PlannedNode[] = program.order.map((node, index) => ({
    index,
    id: node.id,
    kind: node.kind.kind,
    params: node.params,
    inputs: node.inputs.map((binding) => ({ node: indexOf.get(binding!.edge.source)!, output: binding!.sourceIndex })),
    constants: node.kind.inputs.length === 0 ? sourceValues(node.params, trace.nodes[node.id].outputs) : [],
    integerOutputs: node.kind.outputs.map((port) => port.type === 'labels'),
    seeded: node.kind.outputs.map((port) => sinks.has(node.id) && !port.auxiliary),
    runsBackward: false,
    gradientParts: node.kind.outputs.map(() => []),
  }));

  // Reverse topological order: a node runs backward when it is seeded or a consumer sends it a gradient.
  for (const node of [...nodes].reverse()) {
    node.runsBackward = node.seeded.some(Boolean) || node.gradientParts.some((parts) => parts.length > 0);
    if (!node.runsBackward) continue;
    node.inputs.forEach((ref, input) => nodes[ref.node].gradientParts[ref.output].push({ node: node.index, input }));
  }
  for (const node of nodes) node.gradientParts.forEach((parts) => parts.sort((a, b) => a.node - b.node || a.input - b.input));
  return { nodes, skipped: program.document.nodes.length - nodes.length };
}

/** Prefers the document's exact decimal value over the trace's float32 copy of it. */
function sourceValues(params: Params, traced: TensorData[]): TensorData[] {
  const value = params.value;
  const fromDocument = typeof value === 'object' && !Array.isArray(value) && (params.init === undefined || params.init === 'value');
  if (fromDocument && traced.length === 1 && value.data.length === traced[0].data.length) return [value];
  return traced;
}

/**
 * Writes text as a double-quoted string literal that means the same in
 * Python and JavaScript. Every character outside printable ASCII is escaped,
 * so a node id cannot end a comment or a line (JavaScript ends lines at
 * U+2028 too).
 */
export function stringLiteral(text: string): string {
  return JSON.stringify(text).replace(/[^\x20-\x7e]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes a finite number so Python and JavaScript read it back exactly. */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`numberLiteral: ${value} is not finite; documents hold finite numbers only`);
  return Object.is(value, -0) ? '-0.0' : String(value);
}

/** Writes a tensor's values as nested lists in row-major order, such as [[1, 2], [3, 4]]. */
export function nestedList(value: TensorData): string {
  if (value.shape.length === 0) return numberLiteral(value.data[0]);
  const build = (axis: number, offset: number): string => {
    const dim = value.shape[axis];
    const stride = value.shape.slice(axis + 1).reduce((product, size) => product * size, 1);
    const items = Array.from({ length: dim }, (_unused, i) =>
      axis === value.shape.length - 1 ? numberLiteral(value.data[offset + i]) : build(axis + 1, offset + i * stride),
    );
    return `[${items.join(', ')}]`;
  };
  return build(0, 0);
}

/** The axis of a sum or mean: null for "all", else a whole number, or undefined for a value no kind accepts. */
export function axisParam(params: Params): number | null | undefined {
  if (params.axis === 'all') return null;
  return typeof params.axis === 'string' && /^[0-7]$/.test(params.axis) ? Number(params.axis) : undefined;
}

/** Reads a number parameter as a literal; the engine completed params with their defaults. */
export function numberParamLiteral(params: Params, name: string): string {
  const value = params[name];
  if (typeof value !== 'number') throw new Error(`parameter "${name}" must be a number, found ${JSON.stringify(value)}`);
  return numberLiteral(value);
}
