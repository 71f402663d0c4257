import type { Program } from '../compile';
import type { TensorData } from '../tensor';
import type { NodeTrace, Trace, TraceStep } from '../trace';
import type { ModuleInstance } from './expand';
import { moduleLocal } from './local';

/**
 * Adds to a trace what the collapsed module nodes of the document show: for
 * each module node, its outputs, the gradient its consumers send back
 * (upstream), the gradient at its inputs (downstream) and, for elementwise
 * modules, the local gradient. The steps of its inner nodes are replaced by
 * one forward and one backward step of the module node, placed where its last
 * inner node ran. Mutates `trace`. Inner records stay in `trace.nodes` and the
 * sinks keep their inner ids, so the gradient check still works on the flat graph.
 */
export function summarizeModules(program: Program, trace: Trace): void {
  const outermost = (program.modules ?? []).filter((instance) => instance.depth === 0);
  for (const instance of outermost) {
    const record = moduleRecord(program, trace, instance);
    if (record) trace.nodes[instance.id] = record;
    if (record?.downstream) mergeInputEdges(trace, instance, record.downstream);
  }
  trace.steps = collapseSteps(trace.steps, outermost.filter((instance) => trace.nodes[instance.id]));
}

function moduleRecord(program: Program, trace: Trace, instance: ModuleInstance): NodeTrace | null {
  const sources = instance.outputs.map((output) => {
    const node = program.nodes.get(output.source.node);
    const index = node ? node.kind.outputs.findIndex((port) => port.name === output.source.port) : -1;
    return node && index >= 0 ? { record: trace.nodes[node.id], index, edgeIds: new Set(output.edgeIds) } : null;
  });
  if (sources.length === 0 || sources.some((source) => source === null || !source.record)) return null;

  const outputs = sources.map((source) => source!.record.outputs[source!.index]);
  // Only what consumers outside the module send back, plus a sink's seed, is the module's upstream gradient.
  const upstreamParts = sources.map((source) =>
    (source!.record.upstreamParts[source!.index] ?? []).filter((part) => part.edgeId === null || source!.edgeIds.has(part.edgeId)),
  );
  const received = upstreamParts.some((parts) => parts.length > 0);
  const upstream = received ? upstreamParts.map((parts, index) => sumTensors(parts.map((part) => part.gradient), outputs[index])) : null;
  const downstream = received ? instance.inputs.map((input) => inputGradient(trace, input)) : null;
  const record: NodeTrace = { outputs, upstream, upstreamParts, local: null, downstream };
  record.local = received ? moduleLocal(program, trace, instance) : null;
  return record;
}

/** Gradient at a module input: the sum over the expanded wires that carry it to inner ports. */
function inputGradient(trace: Trace, input: ModuleInstance['inputs'][number]): TensorData {
  const edges = input.edgeIds.map((id) => trace.edges[id]).filter((edge) => edge !== undefined);
  const gradients = edges.map((edge) => edge.gradient).filter((gradient): gradient is TensorData => gradient !== null);
  return sumTensors(gradients, edges[0]?.value ?? { shape: [], data: [0] });
}

/** Makes the wire into each module input carry the whole input gradient, not only its first inner port's share. */
function mergeInputEdges(trace: Trace, instance: ModuleInstance, downstream: TensorData[]): void {
  instance.inputs.forEach((input, index) => {
    const edge = input.outerEdgeId === null ? undefined : trace.edges[input.outerEdgeId];
    if (edge && input.edgeIds.length > 1) edge.gradient = downstream[index];
  });
}

/** Elementwise sum of same-shape tensors; zeros shaped like `like` for none. */
function sumTensors(tensors: readonly TensorData[], like: TensorData): TensorData {
  const data = like.data.map(() => 0);
  for (const tensor of tensors) tensor.data.forEach((value, index) => (data[index] += value));
  return { shape: [...like.shape], data };
}

function collapseSteps(steps: readonly TraceStep[], instances: readonly ModuleInstance[]): TraceStep[] {
  if (instances.length === 0) return [...steps];
  const ownerOf = (nodeId: string) => instances.find((instance) => instance.innerIds.has(nodeId));
  const last = new Map<string, number>();
  steps.forEach((step, index) => {
    const owner = ownerOf(step.nodeId);
    if (owner) last.set(`${step.phase} ${owner.id}`, index);
  });
  const collapsed: TraceStep[] = [];
  steps.forEach((step, index) => {
    const owner = ownerOf(step.nodeId);
    if (!owner) collapsed.push(step);
    else if (last.get(`${step.phase} ${owner.id}`) === index) collapsed.push({ phase: step.phase, nodeId: owner.id });
  });
  return collapsed;
}
