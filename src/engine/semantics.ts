import type { GraphDocument, GraphNode } from './document';
import { checkModules } from './modules/check';
import { MODULE_KIND } from './modules/types';
import { checkQuiz } from './quiz/check';
import { sizeOf, formatShape, MAX_TENSOR_ELEMENTS } from './tensor';
import { topologicalOrder } from './topology';
import type { KindRegistry, ParamSpec, ParamValue } from './types';
import { previewJson } from './value-preview';

/**
 * Maximum number of tensor elements a document may store or request, summed
 * over all tensor values and parameter shapes, so a file cannot make the app allocate
 * more than about 80 MB of float32 values for its parameters.
 */
export const MAX_DOCUMENT_ELEMENTS = 20_000_000;

/** Maximum number of problems reported for one document; a last message counts the rest. */
const MAX_REPORTED_PROBLEMS = 100;

/**
 * Checks what the schema cannot: unique ids, known kinds, existing ports and
 * params, one wire per input, no cycles, the tensor element caps, and that the
 * quiz names existing wires and ports. Returns
 * one message per problem, at most MAX_REPORTED_PROBLEMS and a count of the rest.
 */
export function checkSemantics(document: GraphDocument, registry: KindRegistry): string[] {
  const errors = [
    ...findProblems(document, registry),
    ...checkModules(document, registry, (part) => findProblems(part, registry)),
    ...checkQuiz(document, registry),
  ];
  if (errors.length <= MAX_REPORTED_PROBLEMS) return errors;
  return [...errors.slice(0, MAX_REPORTED_PROBLEMS), `… and ${errors.length - MAX_REPORTED_PROBLEMS} more problems.`];
}

function findProblems(document: GraphDocument, registry: KindRegistry): string[] {
  const errors: string[] = [];
  const nodes = new Map<string, GraphNode>();
  let storedElements = 0;

  for (const node of document.nodes) {
    if (nodes.has(node.id)) errors.push(`Node id "${node.id}" is used by more than one node; ids must be unique.`);
    nodes.set(node.id, node);
    const kind = registry.get(node.kind);
    // Module nodes have no kind in the registry; checkModules checks them against their definitions.
    if (!kind && node.kind === MODULE_KIND) continue;
    if (!kind) {
      errors.push(`Node "${node.id}" has unknown kind "${node.kind}"; known kinds: ${[...registry.keys()].join(', ')}.`);
      continue;
    }
    for (const [name, value] of Object.entries(node.params)) {
      const spec = kind.params.find((candidate) => candidate.name === name);
      const problem = spec ? checkParam(spec, value) : `unknown parameter; ${describeParams(kind.params)}`;
      if (problem) errors.push(`Node "${node.id}" (${node.kind}), parameter "${name}": ${problem}.`);
      storedElements += elementsOf(value);
    }
  }
  if (storedElements > MAX_DOCUMENT_ELEMENTS) {
    errors.push(`The document's tensor values and parameter shapes add up to ${storedElements} elements; the limit is ${MAX_DOCUMENT_ELEMENTS}. Use smaller tensors.`);
  }

  const edgeIds = new Set<string>();
  const wiredInputs = new Map<string, string>();
  for (const edge of document.edges) {
    const where = `Edge "${edge.id}" (${edge.source}.${edge.sourcePort} → ${edge.target}.${edge.targetPort})`;
    if (edgeIds.has(edge.id)) errors.push(`Edge id "${edge.id}" is used by more than one edge; ids must be unique.`);
    edgeIds.add(edge.id);

    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source) errors.push(`${where}: source node "${edge.source}" does not exist.`);
    if (!target) errors.push(`${where}: target node "${edge.target}" does not exist.`);
    const sourceKind = source && registry.get(source.kind);
    const targetKind = target && registry.get(target.kind);
    if (sourceKind && !sourceKind.outputs.some((port) => port.name === edge.sourcePort)) {
      errors.push(`${where}: node "${edge.source}" (${source.kind}) has no output port "${edge.sourcePort}"; its outputs: ${sourceKind.outputs.map((port) => port.name).join(', ')}.`);
    }
    if (targetKind && !targetKind.inputs.some((port) => port.name === edge.targetPort)) {
      errors.push(`${where}: node "${edge.target}" (${target.kind}) has no input port "${edge.targetPort}"; its inputs: ${targetKind.inputs.map((port) => port.name).join(', ') || 'none'}.`);
    }

    const inputKey = `${edge.target}\u0000${edge.targetPort}`;
    const earlier = wiredInputs.get(inputKey);
    if (earlier !== undefined) {
      errors.push(`${where}: input "${edge.targetPort}" of node "${edge.target}" already has wire "${earlier}"; an input takes one wire.`);
    }
    wiredInputs.set(inputKey, edge.id);
  }

  if (errors.length === 0) {
    const { cyclic } = topologicalOrder(document.nodes, document.edges);
    if (cyclic.length > 0) errors.push(`The graph has a cycle. Nodes ${cyclic.map((id) => `"${id}"`).join(', ')} are on it or read from it. Remove a wire of the cycle, because a computational graph must be acyclic.`);
  }
  return errors;
}

/** Counts the elements a parameter value stores (a tensor) or requests (a shape). */
function elementsOf(value: ParamValue): number {
  if (Array.isArray(value)) return sizeOf(value);
  return typeof value === 'object' ? Math.max(value.data.length, sizeOf(value.shape)) : 0;
}

function checkParam(spec: ParamSpec, value: ParamValue): string | null {
  switch (spec.type) {
    case 'number':
      if (typeof value !== 'number') return `expected a number, found ${previewJson(value)}`;
      if (spec.min !== undefined && value < spec.min) return `expected at least ${spec.min}, found ${value}`;
      if (spec.max !== undefined && value > spec.max) return `expected at most ${spec.max}, found ${value}`;
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : `expected true or false, found ${previewJson(value)}`;
    case 'choice':
      return typeof value === 'string' && spec.choices?.includes(value)
        ? null
        : `expected one of ${spec.choices?.join(', ')}, found ${previewJson(value)}`;
    case 'shape':
      if (!Array.isArray(value)) return `expected a shape such as [784, 10], found ${previewJson(value)}`;
      return sizeOf(value) > MAX_TENSOR_ELEMENTS ? `shape ${formatShape(value)} has ${sizeOf(value)} elements; a tensor may have at most ${MAX_TENSOR_ELEMENTS}` : null;
    case 'tensor':
      if (typeof value !== 'object' || Array.isArray(value)) return `expected a tensor {shape, data}, found ${previewJson(value)}`;
      if (sizeOf(value.shape) !== value.data.length) {
        return `shape ${formatShape(value.shape)} holds ${sizeOf(value.shape)} values, found ${value.data.length}`;
      }
      return null;
  }
}

function describeParams(specs: readonly ParamSpec[]): string {
  return specs.length > 0 ? `this kind has ${specs.map((spec) => spec.name).join(', ')}` : 'this kind has no parameters';
}
