import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type GraphDocument, type GraphEdge, type GraphNode } from '../document';
import type { KindRegistry } from '../types';
import { inputNames, MAX_MODULE_DEPTH, MODULE_KIND, moduleNameOf, outputNames, type ModuleDefinition, type ModuleLibrary } from './types';

/** Input and output port names of a node: its kind's, or its module's for a module node. Null when unknown. */
export function portsOf(node: GraphNode, registry: KindRegistry, library: ModuleLibrary): { inputs: string[]; outputs: string[] } | null {
  if (node.kind === MODULE_KIND) {
    const name = moduleNameOf(node);
    const definition = name !== null && Object.hasOwn(library, name) ? library[name] : null;
    return definition && { inputs: inputNames(definition), outputs: outputNames(definition) };
  }
  const kind = registry.get(node.kind);
  return kind ? { inputs: kind.inputs.map((port) => port.name), outputs: kind.outputs.map((port) => port.name) } : null;
}

/**
 * Checks what the schema cannot about modules: module nodes name a defined
 * module and use its ports, each definition is a valid graph whose ports
 * exist, and no module contains itself or nests deeper than MAX_MODULE_DEPTH.
 * `checkGraph` checks a definition's nodes and wires as a graph of its own.
 */
export function checkModules(document: GraphDocument, registry: KindRegistry, checkGraph: (part: GraphDocument) => string[]): string[] {
  const library = document.modules ?? {};
  const errors = checkModuleNodes(document.nodes, document.edges, registry, library, '');

  for (const [name, definition] of Object.entries(library)) {
    const where = `Module "${name}"`;
    const part: GraphDocument = { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, nodes: definition.nodes, edges: definition.edges };
    errors.push(...checkGraph(part).map((error) => `${where}: ${error}`));
    errors.push(...checkModuleNodes(definition.nodes, definition.edges, registry, library, `${where}: `));
    errors.push(...checkBoundary(definition, registry, library).map((error) => `${where}: ${error}`));
  }
  errors.push(...checkNesting(library));
  return errors;
}

function checkModuleNodes(nodes: readonly GraphNode[], edges: readonly GraphEdge[], registry: KindRegistry, library: ModuleLibrary, prefix: string): string[] {
  const errors: string[] = [];
  for (const node of nodes) {
    if (node.kind !== MODULE_KIND) continue;
    const where = `${prefix}Node "${node.id}" (${MODULE_KIND})`;
    const extra = Object.keys(node.params).filter((param) => param !== 'module');
    if (extra.length > 0) errors.push(`${where}: unknown parameter "${extra[0]}"; a module node has only "module".`);
    const name = moduleNameOf(node);
    if (name === null || !Object.hasOwn(library, name)) {
      errors.push(`${where}, parameter "module": expected the name of a defined module (${Object.keys(library).join(', ') || 'none defined'}), found ${JSON.stringify(node.params.module ?? null)}.`);
      continue;
    }
    const ports = portsOf(node, registry, library)!;
    for (const edge of edges) {
      if (edge.target === node.id && !ports.inputs.includes(edge.targetPort)) {
        errors.push(`${where}: edge "${edge.id}" reads into input "${edge.targetPort}", but module "${name}" has inputs ${ports.inputs.join(', ') || 'none'}.`);
      }
      if (edge.source === node.id && !ports.outputs.includes(edge.sourcePort)) {
        errors.push(`${where}: edge "${edge.id}" reads output "${edge.sourcePort}", but module "${name}" has outputs ${ports.outputs.join(', ') || 'none'}.`);
      }
    }
  }
  return errors;
}

/** Checks that each module port names an inner node's port, and that inputs are not also wired inside. */
function checkBoundary(definition: ModuleDefinition, registry: KindRegistry, library: ModuleLibrary): string[] {
  const errors: string[] = [];
  const nodes = new Map(definition.nodes.map((node) => [node.id, node]));
  const bound = new Set<string>();
  for (const input of definition.inputs) {
    const where = `input "${input.name}" (${input.node}.${input.port})`;
    const ports = nodes.has(input.node) ? portsOf(nodes.get(input.node)!, registry, library) : null;
    if (!nodes.has(input.node)) errors.push(`${where}: node "${input.node}" does not exist in the module.`);
    else if (ports && !ports.inputs.includes(input.port)) errors.push(`${where}: node "${input.node}" has no input port "${input.port}"; its inputs: ${ports.inputs.join(', ') || 'none'}.`);
    const key = `${input.node}.${input.port}`;
    if (bound.has(key)) errors.push(`${where}: ${key} is bound to more than one module input.`);
    bound.add(key);
    if (definition.edges.some((edge) => edge.target === input.node && edge.targetPort === input.port)) {
      errors.push(`${where}: ${key} also has a wire inside the module; an input takes one wire.`);
    }
  }
  const names = new Set<string>();
  for (const output of definition.outputs) {
    const where = `output "${output.name}" (${output.node}.${output.port})`;
    if (names.has(output.name)) errors.push(`${where}: the name is used by more than one output.`);
    names.add(output.name);
    const ports = nodes.has(output.node) ? portsOf(nodes.get(output.node)!, registry, library) : null;
    if (!nodes.has(output.node)) errors.push(`${where}: node "${output.node}" does not exist in the module.`);
    else if (ports && !ports.outputs.includes(output.port)) errors.push(`${where}: node "${output.node}" has no output port "${output.port}"; its outputs: ${ports.outputs.join(', ')}.`);
  }
  return errors;
}

/** Reports each module that contains itself, directly or through other modules, and nesting deeper than the cap. */
function checkNesting(library: ModuleLibrary): string[] {
  const uses = (name: string) =>
    library[name].nodes.filter((node) => node.kind === MODULE_KIND).map(moduleNameOf).filter((used): used is string => used !== null && Object.hasOwn(library, used));
  const errors: string[] = [];
  for (const name of Object.keys(library)) {
    const chain = findChain(name, uses);
    if (chain.cycle) errors.push(`Module "${name}" contains itself (${chain.path.join(' → ')}); a module cannot be part of its own definition.`);
    else if (chain.path.length > MAX_MODULE_DEPTH) errors.push(`Module "${name}" nests modules ${chain.path.length} deep (${chain.path.join(' → ')}); the limit is ${MAX_MODULE_DEPTH}.`);
  }
  return errors;
}

/** Depth-first search from one module: the path back to it when it contains itself, else its longest chain of nested modules. */
function findChain(start: string, uses: (name: string) => string[]): { cycle: boolean; path: string[] } {
  let longest: string[] = [start];
  const visit = (path: string[]): string[] | null => {
    if (path.length > longest.length) longest = path;
    if (path.length > MAX_MODULE_DEPTH + 1) return null;
    for (const next of uses(path.at(-1)!)) {
      if (next === start) return [...path, next];
      if (path.includes(next)) continue;
      const cycle = visit([...path, next]);
      if (cycle) return cycle;
    }
    return null;
  };
  const cycle = visit([start]);
  return cycle ? { cycle: true, path: cycle } : { cycle: false, path: longest };
}
