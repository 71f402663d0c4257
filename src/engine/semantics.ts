import type { GraphDocument, GraphNode } from './document';
import type { DescribedProblem, LoadProblem } from './load-problems';
import { checkModules } from './modules/check';
import { MODULE_KIND } from './modules/types';
import { checkQuiz } from './quiz/check';
import { sizeOf, formatShape, MAX_TENSOR_ELEMENTS } from './tensor';
import { describeCycles } from './cycle-problems';
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
  return checkSemanticProblems(document, registry).errors;
}

/**
 * Runs the checks of checkSemantics and returns, next to each English
 * message, its code and values. Every check gives a code, but the list is
 * typed with null as load.ts's is, whose errors may lack one.
 */
export function checkSemanticProblems(document: GraphDocument, registry: KindRegistry): { errors: string[]; problems: (LoadProblem | null)[] } {
  const found: DescribedProblem[] = [
    ...findProblems(document, registry),
    ...checkModules(document, registry, (part) => findProblems(part, registry)),
    ...checkQuiz(document, registry),
  ];
  const reported = found.slice(0, MAX_REPORTED_PROBLEMS);
  if (found.length > MAX_REPORTED_PROBLEMS) {
    const more = found.length - MAX_REPORTED_PROBLEMS;
    reported.push({ text: `… and ${more} more problems.`, problem: { code: 'more-problems', details: { count: more } } });
  }
  return { errors: reported.map((entry) => entry.text), problems: reported.map((entry) => entry.problem) };
}

function problem(text: string, code: LoadProblem['code'], details: LoadProblem['details']): DescribedProblem {
  return { text, problem: { code, details } };
}

function findProblems(document: GraphDocument, registry: KindRegistry): DescribedProblem[] {
  const errors: DescribedProblem[] = [];
  const nodes = new Map<string, GraphNode>();
  let storedElements = 0;

  for (const node of document.nodes) {
    if (nodes.has(node.id)) {
      errors.push(problem(`Node id "${node.id}" is used by more than one node; ids must be unique.`, 'duplicate-node-id', { node: node.id }));
    }
    nodes.set(node.id, node);
    const kind = registry.get(node.kind);
    // Module nodes have no kind in the registry; checkModules checks them against their definitions.
    if (!kind && node.kind === MODULE_KIND) continue;
    if (!kind) {
      const known = [...registry.keys()].join(', ');
      errors.push(problem(`Node "${node.id}" has unknown kind "${node.kind}"; known kinds: ${known}.`, 'unknown-kind', { node: node.id, kind: node.kind, known }));
      continue;
    }
    for (const [name, value] of Object.entries(node.params)) {
      const spec = kind.params.find((candidate) => candidate.name === name);
      const paramProblem = spec ? checkParam(spec, value) : unknownParam(kind.params);
      if (paramProblem) {
        errors.push(problem(`Node "${node.id}" (${node.kind}), parameter "${name}": ${paramProblem.text}.`, paramProblem.code, {
          node: node.id,
          kind: node.kind,
          param: name,
          ...paramProblem.details,
        }));
      }
      storedElements += elementsOf(value);
    }
  }
  if (storedElements > MAX_DOCUMENT_ELEMENTS) {
    errors.push(problem(
      `The document's tensor values and parameter shapes add up to ${storedElements} elements; the limit is ${MAX_DOCUMENT_ELEMENTS}. Use smaller tensors.`,
      'too-many-elements',
      { count: storedElements, limit: MAX_DOCUMENT_ELEMENTS },
    ));
  }

  const edgeIds = new Set<string>();
  const wiredInputs = new Map<string, string>();
  for (const edge of document.edges) {
    const where = `Edge "${edge.id}" (${edge.source}.${edge.sourcePort} → ${edge.target}.${edge.targetPort})`;
    const edgeDetails = { edge: edge.id, source: edge.source, sourcePort: edge.sourcePort, target: edge.target, targetPort: edge.targetPort };
    if (edgeIds.has(edge.id)) {
      errors.push(problem(`Edge id "${edge.id}" is used by more than one edge; ids must be unique.`, 'duplicate-edge-id', { edge: edge.id }));
    }
    edgeIds.add(edge.id);

    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source) errors.push(problem(`${where}: source node "${edge.source}" does not exist.`, 'edge-source-missing', edgeDetails));
    if (!target) errors.push(problem(`${where}: target node "${edge.target}" does not exist.`, 'edge-target-missing', edgeDetails));
    const sourceKind = source && registry.get(source.kind);
    const targetKind = target && registry.get(target.kind);
    if (sourceKind && !sourceKind.outputs.some((port) => port.name === edge.sourcePort)) {
      const ports = sourceKind.outputs.map((port) => port.name).join(', ');
      errors.push(problem(
        `${where}: node "${edge.source}" (${source.kind}) has no output port "${edge.sourcePort}"; its outputs: ${ports}.`,
        'edge-no-output-port',
        { ...edgeDetails, kind: source.kind, ports },
      ));
    }
    if (targetKind && !targetKind.inputs.some((port) => port.name === edge.targetPort)) {
      const ports = targetKind.inputs.map((port) => port.name).join(', ');
      errors.push(problem(
        `${where}: node "${edge.target}" (${target.kind}) has no input port "${edge.targetPort}"; its inputs: ${ports || 'none'}.`,
        ports ? 'edge-no-input-port' : 'edge-no-inputs',
        { ...edgeDetails, kind: target.kind, ports },
      ));
    }

    const inputKey = `${edge.target}\u0000${edge.targetPort}`;
    const earlier = wiredInputs.get(inputKey);
    if (earlier !== undefined) {
      errors.push(problem(
        `${where}: input "${edge.targetPort}" of node "${edge.target}" already has wire "${earlier}"; an input takes one wire.`,
        'input-wired-twice',
        { ...edgeDetails, earlier },
      ));
    }
    wiredInputs.set(inputKey, edge.id);
  }

  if (errors.length === 0) errors.push(...describeCycles(document));
  return errors;
}

/** Counts the elements a parameter value stores (a tensor) or requests (a shape). */
function elementsOf(value: ParamValue): number {
  if (Array.isArray(value)) return sizeOf(value);
  return typeof value === 'object' ? Math.max(value.data.length, sizeOf(value.shape)) : 0;
}

/** A parameter's problem: the English clause, its code, and the values the clause names. */
interface ParamProblem {
  text: string;
  code: LoadProblem['code'];
  details: Record<string, string | number>;
}

function checkParam(spec: ParamSpec, value: ParamValue): ParamProblem | null {
  switch (spec.type) {
    case 'number':
      if (typeof value !== 'number') return { text: `expected a number, found ${previewJson(value)}`, code: 'param-not-number', details: { found: previewJson(value) } };
      if (spec.min !== undefined && value < spec.min) return { text: `expected at least ${spec.min}, found ${value}`, code: 'param-below-min', details: { min: spec.min, found: value } };
      if (spec.max !== undefined && value > spec.max) return { text: `expected at most ${spec.max}, found ${value}`, code: 'param-above-max', details: { max: spec.max, found: value } };
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : { text: `expected true or false, found ${previewJson(value)}`, code: 'param-not-boolean', details: { found: previewJson(value) } };
    case 'choice': {
      if (typeof value === 'string' && spec.choices?.includes(value)) return null;
      const choices = spec.choices?.join(', ') ?? '';
      return { text: `expected one of ${choices}, found ${previewJson(value)}`, code: 'param-not-choice', details: { choices, found: previewJson(value) } };
    }
    case 'shape':
      if (!Array.isArray(value)) return { text: `expected a shape such as [784, 10], found ${previewJson(value)}`, code: 'param-not-shape', details: { found: previewJson(value) } };
      if (sizeOf(value) <= MAX_TENSOR_ELEMENTS) return null;
      return {
        text: `shape ${formatShape(value)} has ${sizeOf(value)} elements; a tensor may have at most ${MAX_TENSOR_ELEMENTS}`,
        code: 'param-shape-too-large',
        details: { shape: formatShape(value), count: sizeOf(value), limit: MAX_TENSOR_ELEMENTS },
      };
    case 'tensor':
      if (typeof value !== 'object' || Array.isArray(value)) {
        return { text: `expected a tensor {shape, data}, found ${previewJson(value)}`, code: 'param-not-tensor', details: { found: previewJson(value) } };
      }
      if (sizeOf(value.shape) !== value.data.length) {
        return {
          text: `shape ${formatShape(value.shape)} holds ${sizeOf(value.shape)} values, found ${value.data.length}`,
          code: 'param-tensor-size',
          details: { shape: formatShape(value.shape), expected: sizeOf(value.shape), found: value.data.length },
        };
      }
      return null;
  }
}

function unknownParam(specs: readonly ParamSpec[]): ParamProblem {
  const params = specs.map((spec) => spec.name).join(', ');
  return specs.length > 0
    ? { text: `unknown parameter; this kind has ${params}`, code: 'param-unknown', details: { params } }
    : { text: 'unknown parameter; this kind has no parameters', code: 'param-unknown-none', details: {} };
}
