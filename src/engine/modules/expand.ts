import type { Diagnostic } from '../diagnostics';
import type { GraphDocument, GraphEdge, GraphNode } from '../document';
import type { Reason } from '../reasons';
import { MAX_MODULE_DEPTH, MODULE_KIND, moduleNameOf, type ModuleDefinition, type ModuleLibrary } from './types';

/** A flat port: a node id of the expanded graph and one of its port names. */
export interface FlatPort {
  node: string;
  port: string;
}

/** The place of one module node in the expanded graph. */
export interface ModuleInstance {
  /** The module node's id; nested instances have ids such as "outer/inner". */
  id: string;
  module: string;
  /** 0 for a module node of the document itself, 1 for one inside a module, and so on. */
  depth: number;
  /** Per input port: the ids of the expanded wires that replace the wire into it (one per inner port it feeds). */
  inputs: { name: string; outerEdgeId: string | null; edgeIds: string[] }[];
  /** Per output port: the inner port that computes it and the ids of the wires that read it outside the module. */
  outputs: { name: string; source: FlatPort; edgeIds: string[] }[];
  /** Ids of every expanded node inside this instance, nested ones included. */
  innerIds: Set<string>;
}

export interface Expansion {
  /** The document with every module node replaced by its nodes, ids prefixed "<module node id>/". */
  document: GraphDocument;
  instances: ModuleInstance[];
  /** Module nodes that could not be expanded; they are left out of the expanded graph. */
  diagnostics: Diagnostic[];
}

interface FlatGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  instances: ModuleInstance[];
  diagnostics: Diagnostic[];
  /** Expanded source of an output port of a node in this graph. */
  resolveSource(nodeId: string, port: string): FlatPort | null;
  /** Expanded targets of an input port of a node in this graph: several for a module input with fan-out. */
  resolveTargets(nodeId: string, port: string): FlatPort[];
}

/**
 * Replaces every module node by the nodes and wires of its definition,
 * recursively, so compile gets only node kinds from the registry. A wire into
 * a module input becomes one wire per inner port that reads the input. The
 * first keeps the wire's id, and the others get "<id>|2", "<id>|3", …
 */
export function expandModules(document: GraphDocument): Expansion {
  if (!document.nodes.some((node) => node.kind === MODULE_KIND)) return { document, instances: [], diagnostics: [] };
  const flat = flattenGraph(document.nodes, document.edges, document.modules ?? {}, '', 0, []);
  return { document: { ...document, nodes: flat.nodes, edges: flat.edges }, instances: flat.instances, diagnostics: flat.diagnostics };
}

function flattenGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[], library: ModuleLibrary, prefix: string, depth: number, stack: readonly string[]): FlatGraph {
  const flat: FlatGraph = { nodes: [], edges: [], instances: [], diagnostics: [], resolveSource: () => null, resolveTargets: () => [] };
  const expanded = new Map<string, { definition: ModuleDefinition; inner: FlatGraph }>();

  for (const node of nodes) {
    if (node.kind !== MODULE_KIND) {
      flat.nodes.push({ ...node, id: prefix + node.id });
      continue;
    }
    const name = moduleNameOf(node);
    const problem = moduleProblem(name, library, depth, stack);
    if (problem) {
      flat.diagnostics.push(moduleDiagnostic(prefix + node.id, problem));
      continue;
    }
    const definition = library[name!];
    const inner = flattenGraph(definition.nodes, definition.edges, library, `${prefix}${node.id}/`, depth + 1, [...stack, name!]);
    expanded.set(node.id, { definition, inner });
    flat.nodes.push(...inner.nodes);
    flat.edges.push(...inner.edges);
    flat.instances.push(...inner.instances);
    flat.diagnostics.push(...inner.diagnostics);
  }

  flat.resolveSource = (nodeId, port) => {
    const module = expanded.get(nodeId);
    if (!module) return { node: prefix + nodeId, port };
    const output = module.definition.outputs.find((candidate) => candidate.name === port);
    return output ? module.inner.resolveSource(output.node, output.port) : null;
  };
  flat.resolveTargets = (nodeId, port) => {
    const module = expanded.get(nodeId);
    if (!module) return [{ node: prefix + nodeId, port }];
    return module.definition.inputs.filter((input) => input.name === port).flatMap((input) => module.inner.resolveTargets(input.node, input.port));
  };

  for (const edge of edges) flat.edges.push(...expandEdge(edge, flat, prefix));
  for (const [nodeId, module] of expanded) flat.instances.push(describeInstance(nodeId, module.definition, module.inner, nodes, edges, flat, prefix, depth));
  return flat;
}

/** Why a module node cannot be expanded: the English text and its reason code. */
interface ModuleProblem {
  text: string;
  reason: Reason;
}

/** Returns why a module node cannot be expanded, or null. */
function moduleProblem(name: string | null, library: ModuleLibrary, depth: number, stack: readonly string[]): ModuleProblem | null {
  if (name === null) return { text: 'its "module" parameter must name a module', reason: { code: 'module-unnamed', details: {} } };
  if (!Object.hasOwn(library, name)) {
    const defined = Object.keys(library).join(', ');
    return {
      text: `module "${name}" is not defined; defined modules: ${defined || 'none'}`,
      reason: defined ? { code: 'module-undefined', details: { module: name, defined } } : { code: 'module-library-empty', details: { module: name } },
    };
  }
  const path = [...stack, name].join(' → ');
  if (stack.includes(name)) return { text: `module "${name}" contains itself (${path})`, reason: { code: 'module-recursive', details: { module: name, path } } };
  if (depth >= MAX_MODULE_DEPTH) {
    return { text: `modules are nested more than ${MAX_MODULE_DEPTH} deep (${path})`, reason: { code: 'module-too-deep', details: { max: MAX_MODULE_DEPTH, path } } };
  }
  return null;
}

function moduleDiagnostic(nodeId: string, problem: ModuleProblem): Diagnostic {
  return {
    code: 'invalid-param', severity: 'error', nodeId, details: { kind: MODULE_KIND, reason: problem.text },
    message: `node "${nodeId}" (${MODULE_KIND}): ${problem.text}; fix the module or expand it.`,
    reason: problem.reason,
  };
}

/** Returns the expanded wires of one wire; none when an end is a module node that could not be expanded. */
function expandEdge(edge: GraphEdge, flat: FlatGraph, prefix: string): GraphEdge[] {
  const source = flat.resolveSource(edge.source, edge.sourcePort);
  if (!source) return [];
  return flat.resolveTargets(edge.target, edge.targetPort).map((target, index) => ({
    id: prefix + (index === 0 ? edge.id : `${edge.id}|${index + 1}`),
    source: source.node,
    sourcePort: source.port,
    target: target.node,
    targetPort: target.port,
  }));
}

function describeInstance(
  nodeId: string, definition: ModuleDefinition, inner: FlatGraph,
  nodes: readonly GraphNode[], edges: readonly GraphEdge[], flat: FlatGraph, prefix: string, depth: number,
): ModuleInstance {
  const node = nodes.find((candidate) => candidate.id === nodeId)!;
  const names = [...new Set(definition.inputs.map((input) => input.name))];
  const inputs = names.map((name) => {
    const edge = edges.find((candidate) => candidate.target === nodeId && candidate.targetPort === name);
    const count = edge ? flat.resolveTargets(nodeId, name).length : 0;
    const edgeIds = Array.from({ length: count }, (_unused, index) => prefix + (index === 0 ? edge!.id : `${edge!.id}|${index + 1}`));
    return { name, outerEdgeId: edge ? prefix + edge.id : null, edgeIds };
  });
  const outputs = definition.outputs.flatMap((output) => {
    const source = inner.resolveSource(output.node, output.port);
    const edgeIds = edges.filter((edge) => edge.source === nodeId && edge.sourcePort === output.name).map((edge) => prefix + edge.id);
    return source ? [{ name: output.name, source, edgeIds }] : [];
  });
  const innerIds = new Set(inner.nodes.map((innerNode) => innerNode.id));
  return { id: prefix + node.id, module: moduleNameOf(node)!, depth, inputs, outputs, innerIds };
}

/**
 * Returns the node and port of the expanded graph that computes an output
 * port of a document node. That is the port itself for an ordinary node and
 * the inner port for a module node, or null when the module cannot be expanded.
 */
export function resolveOutput(document: GraphDocument, nodeId: string, port: string): FlatPort | null {
  const node = document.nodes.find((candidate) => candidate.id === nodeId);
  if (node?.kind !== MODULE_KIND) return { node: nodeId, port };
  const instance = expandModules(document).instances.find((candidate) => candidate.id === nodeId);
  return instance?.outputs.find((output) => output.name === port)?.source ?? null;
}
