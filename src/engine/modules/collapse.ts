import type { GraphDocument, GraphEdge, GraphNode } from '../document';
import { topologicalOrder } from '../topology';
import type { KindRegistry } from '../types';
import { moduleFailure, type ModuleFailure } from './problem';
import { MAX_MODULE_DEPTH, MODULE_KIND, moduleNameOf, type ModuleDefinition, type ModuleLibrary, type ModulePort } from './types';

export type CollapseResult = { ok: true; document: GraphDocument; moduleNodeId: string } | ModuleFailure;
export type ExpandResult = { ok: true; document: GraphDocument; nodeIds: string[] } | ModuleFailure;

const portKey = (node: string, port: string) => `${node}.${port}`;

/**
 * Replaces the nodes `nodeIds` by one module node whose definition, stored
 * under `name` in `document.modules`, contains those nodes and the wires between
 * them. Each outside output read by the selection becomes one module input
 * (fan-out inside the module when it feeds several inner ports). Each inner
 * output read outside, and each inner output nothing reads (a sink), becomes a
 * module output. `registry` names the output ports of such sinks; without it
 * they are taken to be "out". Returns a new document and leaves `document` unchanged.
 */
export function collapseToModule(document: GraphDocument, nodeIds: readonly string[], name: string, registry?: KindRegistry): CollapseResult {
  const selected = new Set(nodeIds);
  const problem = collapseProblem(document, selected, name);
  if (problem) return problem;

  const inside = (id: string) => selected.has(id);
  const nodes = document.nodes.filter((node) => inside(node.id));
  const innerEdges = document.edges.filter((edge) => inside(edge.source) && inside(edge.target));
  const incoming = document.edges.filter((edge) => !inside(edge.source) && inside(edge.target));
  const outgoing = document.edges.filter((edge) => inside(edge.source) && !inside(edge.target));

  const moduleNodeId = freshId(document, name);
  const inputs = moduleInputs(incoming);
  const outputs = moduleOutputs(nodes, document.edges, outgoing, registry);
  const definition: ModuleDefinition = { nodes: structuredClone(nodes), edges: structuredClone(innerEdges), inputs: inputs.ports, outputs };

  const rewired: GraphEdge[] = [];
  for (const [key, edges] of inputs.groups) {
    rewired.push({ ...edges[0], target: moduleNodeId, targetPort: inputs.names.get(key)! });
  }
  for (const edge of outgoing) {
    const output = outputs.find((candidate) => candidate.node === edge.source && candidate.port === edge.sourcePort)!;
    rewired.push({ ...edge, source: moduleNodeId, sourcePort: output.name });
  }
  const moduleNode: GraphNode = { id: moduleNodeId, kind: MODULE_KIND, params: { module: name }, position: centroid(nodes), label: name };
  const result: GraphDocument = {
    ...document,
    nodes: [...document.nodes.filter((node) => !inside(node.id)), moduleNode],
    edges: [...document.edges.filter((edge) => !inside(edge.source) && !inside(edge.target)), ...rewired],
    modules: { ...document.modules, [name]: definition },
  };
  if (topologicalOrder(result.nodes, result.edges).cyclic.length > 0) {
    const error = 'A path leaves the selection and comes back into it, so the module node would read its own output; add the nodes on that path to the selection.';
    return moduleFailure(error, 'cycle');
  }
  // The loader rejects deeper nesting, so a deeper document could not be reloaded from its autosave, file or link.
  const path = deepestNesting(name, result.modules!);
  if (path.length > MAX_MODULE_DEPTH) {
    const error = `Module "${name}" would nest modules ${path.length} deep (${path.join(' → ')}); the limit is ${MAX_MODULE_DEPTH}. Expand a module inside the selection first.`;
    return moduleFailure(error, 'too-deep', { name, depth: String(path.length), max: String(MAX_MODULE_DEPTH), path: path.join(' → ') });
  }
  return { ok: true, document: result, moduleNodeId };
}

/** Returns the longest chain of module names from `name` inward, `name` first. The library must not contain a module that contains itself. */
function deepestNesting(name: string, library: ModuleLibrary): string[] {
  let deepest: string[] = [];
  for (const node of library[name].nodes) {
    const inner = node.kind === MODULE_KIND ? moduleNameOf(node) : null;
    if (inner === null || !Object.hasOwn(library, inner)) continue;
    const path = deepestNesting(inner, library);
    if (path.length > deepest.length) deepest = path;
  }
  return [name, ...deepest];
}

function collapseProblem(document: GraphDocument, selected: ReadonlySet<string>, name: string): ModuleFailure | null {
  if (selected.size === 0) return moduleFailure('Select at least one node to group into a module.', 'empty-selection');
  const missing = [...selected].find((id) => !document.nodes.some((node) => node.id === id));
  if (missing !== undefined) return moduleFailure(`Node "${missing}" does not exist.`, 'missing-node', { node: missing });
  if (!isValidModuleName(name)) return moduleFailure(`"${name}" is not a valid module name; use 1 to 100 characters.`, 'invalid-name', { name });
  if (document.modules && Object.hasOwn(document.modules, name)) {
    return moduleFailure(`A module named "${name}" already exists; choose another name.`, 'name-taken', { name });
  }
  return null;
}

/** Accepts 1 to 100 characters that are not all blank. "__proto__" is rejected because module names are object keys. */
export function isValidModuleName(name: string): boolean {
  return name.trim() !== '' && name.length <= 100 && name !== '__proto__';
}

/** Groups the wires entering the selection by their outside source, one module input per source. */
function moduleInputs(incoming: readonly GraphEdge[]): { ports: ModulePort[]; groups: Map<string, GraphEdge[]>; names: Map<string, string> } {
  const groups = new Map<string, GraphEdge[]>();
  for (const edge of incoming) {
    const key = portKey(edge.source, edge.sourcePort);
    groups.set(key, [...(groups.get(key) ?? []), edge]);
  }
  const names = uniqueNames([...groups].map(([key, edges]) => ({ key, short: edges[0].targetPort, long: `${edges[0].target}_${edges[0].targetPort}` })));
  const ports = [...groups].flatMap(([key, edges]) => edges.map((edge) => ({ name: names.get(key)!, node: edge.target, port: edge.targetPort })));
  return { ports, groups, names };
}

/** Inner outputs read outside the selection, then inner outputs that nothing reads, one module output each. */
function moduleOutputs(nodes: readonly GraphNode[], edges: readonly GraphEdge[], outgoing: readonly GraphEdge[], registry: KindRegistry | undefined): ModulePort[] {
  const keys = new Map<string, { node: string; port: string }>();
  for (const edge of outgoing) keys.set(portKey(edge.source, edge.sourcePort), { node: edge.source, port: edge.sourcePort });
  for (const node of nodes) {
    const hasInputs = edges.some((edge) => edge.target === node.id);
    const ports = registry?.get(node.kind)?.outputs.filter((port) => !port.auxiliary).map((port) => port.name) ?? ['out'];
    for (const port of ports) {
      const read = edges.some((edge) => edge.source === node.id && edge.sourcePort === port);
      if (hasInputs && !read) keys.set(portKey(node.id, port), { node: node.id, port });
    }
  }
  const names = uniqueNames([...keys].map(([key, { node, port }]) => ({ key, short: port, long: `${node}_${port}` })));
  return [...keys].map(([key, { node, port }]) => ({ name: names.get(key)!, node, port }));
}

/** Names each port by its short name when no other port shares it, else by its long name. */
function uniqueNames(candidates: readonly { key: string; short: string; long: string }[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const candidate of candidates) counts.set(candidate.short, (counts.get(candidate.short) ?? 0) + 1);
  return new Map(candidates.map((candidate) => [candidate.key, counts.get(candidate.short) === 1 ? candidate.short : candidate.long]));
}

function freshId(document: GraphDocument, base: string): string {
  const usedIds = new Set(document.nodes.map((node) => node.id));
  let id = base;
  for (let count = 2; usedIds.has(id); count++) id = `${base}${count}`;
  return id;
}

function centroid(nodes: readonly GraphNode[]): { x: number; y: number } {
  const x = nodes.reduce((total, node) => total + node.position.x, 0) / nodes.length;
  const y = nodes.reduce((total, node) => total + node.position.y, 0) / nodes.length;
  return { x, y };
}

/**
 * Replaces a module node by the nodes and wires of its definition. Inner ids
 * stay as stored unless one is already used in the document, in which case all
 * get the prefix "<module node id>/". The inner nodes move with the module
 * node, so their centre lands where it was. The definition is removed when no
 * other module node uses it. Returns a new document and the ids of the inserted nodes.
 */
export function expandModule(document: GraphDocument, moduleNodeId: string): ExpandResult {
  const moduleNode = document.nodes.find((node) => node.id === moduleNodeId);
  if (!moduleNode || moduleNode.kind !== MODULE_KIND) {
    return moduleFailure(`Node "${moduleNodeId}" is not a module node.`, 'not-a-module', { node: moduleNodeId });
  }
  const name = moduleNameOf(moduleNode);
  const definition = name !== null && document.modules && Object.hasOwn(document.modules, name) ? document.modules[name] : null;
  if (!definition) {
    const error = `Node "${moduleNodeId}" (${MODULE_KIND}) refers to module ${JSON.stringify(name)}, which is not defined.`;
    return moduleFailure(error, 'undefined-module', { node: moduleNodeId, kind: MODULE_KIND, name: JSON.stringify(name) });
  }

  const others = document.nodes.filter((node) => node.id !== moduleNodeId);
  const takenIds = new Set([...others.map((node) => node.id), ...document.edges.map((edge) => edge.id)]);
  const clash = definition.nodes.some((node) => takenIds.has(node.id)) || definition.edges.some((edge) => takenIds.has(edge.id));
  const rename = (id: string) => (clash ? `${moduleNodeId}/${id}` : id);

  const centre = centroid(definition.nodes);
  const shift = { x: moduleNode.position.x - centre.x, y: moduleNode.position.y - centre.y };
  const inner = definition.nodes.map((node) => ({ ...structuredClone(node), id: rename(node.id), position: { x: node.position.x + shift.x, y: node.position.y + shift.y } }));
  const innerEdges = definition.edges.map((edge) => ({ ...edge, id: rename(edge.id), source: rename(edge.source), target: rename(edge.target) }));

  const edges: GraphEdge[] = [];
  for (const edge of document.edges) {
    if (edge.target === moduleNodeId) {
      const targets = definition.inputs.filter((input) => input.name === edge.targetPort);
      targets.forEach((input, index) => edges.push({ ...edge, id: index === 0 ? edge.id : `${edge.id}|${index + 1}`, target: rename(input.node), targetPort: input.port }));
    } else if (edge.source === moduleNodeId) {
      const output = definition.outputs.find((candidate) => candidate.name === edge.sourcePort);
      if (output) edges.push({ ...edge, source: rename(output.node), sourcePort: output.port });
    } else {
      edges.push(edge);
    }
  }
  const result: GraphDocument = { ...document, nodes: [...others, ...inner], edges: [...edges, ...innerEdges] };
  result.modules = withoutUnused(document.modules!, name!, result);
  if (Object.keys(result.modules).length === 0) delete result.modules;
  return { ok: true, document: result, nodeIds: inner.map((node) => node.id) };
}

function withoutUnused(modules: Record<string, ModuleDefinition>, name: string, document: GraphDocument): Record<string, ModuleDefinition> {
  const graphs = [document.nodes, ...Object.values(modules).map((definition) => definition.nodes)];
  const used = graphs.some((nodes) => nodes.some((node) => node.kind === MODULE_KIND && moduleNameOf(node) === name));
  if (used) return modules;
  const { [name]: _removed, ...rest } = modules;
  return rest;
}
