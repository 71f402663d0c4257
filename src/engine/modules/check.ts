import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type GraphDocument, type GraphEdge, type GraphNode } from '../document';
import { inModule, type DescribedProblem, type LoadProblem, type LoadProblemCode } from '../load-problems';
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
 * Returns each problem with its code and English sentence.
 */
export function checkModules(document: GraphDocument, registry: KindRegistry, checkGraph: (part: GraphDocument) => DescribedProblem[]): DescribedProblem[] {
  const library = document.modules ?? {};
  const problems = checkModuleNodes(document.nodes, document.edges, registry, library);

  for (const [name, definition] of Object.entries(library)) {
    const part: GraphDocument = { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, nodes: definition.nodes, edges: definition.edges };
    const inside = [
      ...checkGraph(part),
      ...checkModuleNodes(definition.nodes, definition.edges, registry, library),
      ...checkBoundary(definition, registry, library),
    ];
    problems.push(...inside.map((problem) => inModule(name, problem)));
  }
  problems.push(...checkNesting(library));
  return problems;
}

function described(text: string, code: LoadProblemCode, details: LoadProblem['details']): DescribedProblem {
  return { text, problem: { code, details } };
}

function checkModuleNodes(nodes: readonly GraphNode[], edges: readonly GraphEdge[], registry: KindRegistry, library: ModuleLibrary): DescribedProblem[] {
  const problems: DescribedProblem[] = [];
  for (const node of nodes) {
    if (node.kind !== MODULE_KIND) continue;
    const where = `Node "${node.id}" (${MODULE_KIND})`;
    const extra = Object.keys(node.params).filter((param) => param !== 'module');
    if (extra.length > 0) {
      problems.push(described(`${where}: unknown parameter "${extra[0]}"; a module node has only "module".`, 'module-node-param', { node: node.id, param: extra[0] }));
    }
    const name = moduleNameOf(node);
    if (name === null || !Object.hasOwn(library, name)) {
      const defined = Object.keys(library).join(', ');
      const found = JSON.stringify(node.params.module ?? null);
      problems.push(described(
        `${where}, parameter "module": expected the name of a defined module (${defined || 'none defined'}), found ${found}.`,
        defined ? 'module-node-undefined' : 'module-node-undefined-none',
        { node: node.id, defined, found },
      ));
      continue;
    }
    const ports = portsOf(node, registry, library)!;
    for (const edge of edges) {
      if (edge.target === node.id && !ports.inputs.includes(edge.targetPort)) {
        const inputs = ports.inputs.join(', ');
        problems.push(described(
          `${where}: edge "${edge.id}" reads into input "${edge.targetPort}", but module "${name}" has ${inputs ? `inputs ${inputs}` : 'no inputs'}.`,
          inputs ? 'module-node-no-input' : 'module-node-no-inputs',
          { node: node.id, edge: edge.id, port: edge.targetPort, module: name, ports: inputs },
        ));
      }
      if (edge.source === node.id && !ports.outputs.includes(edge.sourcePort)) {
        const outputs = ports.outputs.join(', ');
        problems.push(described(
          `${where}: edge "${edge.id}" reads output "${edge.sourcePort}", but module "${name}" has ${outputs ? `outputs ${outputs}` : 'no outputs'}.`,
          outputs ? 'module-node-no-output' : 'module-node-no-outputs',
          { node: node.id, edge: edge.id, port: edge.sourcePort, module: name, ports: outputs },
        ));
      }
    }
  }
  return problems;
}

/** Checks that each module port names an inner node's port, and that inputs are not also wired inside. */
function checkBoundary(definition: ModuleDefinition, registry: KindRegistry, library: ModuleLibrary): DescribedProblem[] {
  const problems: DescribedProblem[] = [];
  const nodes = new Map(definition.nodes.map((node) => [node.id, node]));
  const bound = new Set<string>();
  for (const input of definition.inputs) {
    const where = `input "${input.name}" (${input.node}.${input.port})`;
    const details = { name: input.name, node: input.node, port: input.port };
    const ports = nodes.has(input.node) ? portsOf(nodes.get(input.node)!, registry, library) : null;
    if (!nodes.has(input.node)) {
      problems.push(described(`${where}: node "${input.node}" does not exist in the module.`, 'module-input-node-missing', details));
    } else if (ports && !ports.inputs.includes(input.port)) {
      const inputs = ports.inputs.join(', ');
      problems.push(described(
        `${where}: node "${input.node}" has no input port "${input.port}"; its inputs: ${inputs || 'none'}.`,
        inputs ? 'module-input-no-port' : 'module-input-no-ports',
        { ...details, ports: inputs },
      ));
    }
    const key = `${input.node}.${input.port}`;
    if (bound.has(key)) problems.push(described(`${where}: ${key} is bound to more than one module input.`, 'module-input-bound-twice', details));
    bound.add(key);
    if (definition.edges.some((edge) => edge.target === input.node && edge.targetPort === input.port)) {
      problems.push(described(`${where}: ${key} also has a wire inside the module; an input takes one wire.`, 'module-input-wired-inside', details));
    }
  }
  const names = new Set<string>();
  for (const output of definition.outputs) {
    const where = `output "${output.name}" (${output.node}.${output.port})`;
    const details = { name: output.name, node: output.node, port: output.port };
    if (names.has(output.name)) problems.push(described(`${where}: the name is used by more than one output.`, 'module-output-name-taken', details));
    names.add(output.name);
    const ports = nodes.has(output.node) ? portsOf(nodes.get(output.node)!, registry, library) : null;
    if (!nodes.has(output.node)) {
      problems.push(described(`${where}: node "${output.node}" does not exist in the module.`, 'module-output-node-missing', details));
    } else if (ports && !ports.outputs.includes(output.port)) {
      const outputs = ports.outputs.join(', ');
      problems.push(described(
        `${where}: node "${output.node}" has no output port "${output.port}"; its outputs: ${outputs || 'none'}.`,
        outputs ? 'module-output-no-port' : 'module-output-no-ports',
        { ...details, ports: outputs },
      ));
    }
  }
  return problems;
}

/** Reports each module that contains itself, directly or through other modules, and nesting deeper than the cap. */
function checkNesting(library: ModuleLibrary): DescribedProblem[] {
  const uses = (name: string) =>
    library[name].nodes.filter((node) => node.kind === MODULE_KIND).map(moduleNameOf).filter((used): used is string => used !== null && Object.hasOwn(library, used));
  const problems: DescribedProblem[] = [];
  for (const name of Object.keys(library)) {
    const chain = findChain(name, uses);
    const path = chain.path.join(' → ');
    if (chain.cycle) {
      problems.push(described(`Module "${name}" contains itself (${path}); a module cannot be part of its own definition.`, 'module-contains-itself', { module: name, path }));
    } else if (chain.path.length > MAX_MODULE_DEPTH) {
      problems.push(described(
        `Module "${name}" nests modules ${chain.path.length} deep (${path}); the limit is ${MAX_MODULE_DEPTH}.`,
        'module-too-deep',
        { module: name, depth: chain.path.length, path, max: MAX_MODULE_DEPTH },
      ));
    }
  }
  return problems;
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
