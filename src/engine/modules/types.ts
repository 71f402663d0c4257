import type { GraphEdge, GraphNode } from '../document';

/** Kind name of a node that stands for a module; its `module` parameter names the definition. */
export const MODULE_KIND = 'module';

/**
 * Deepest nesting of modules inside modules that compile expands. A module
 * that contains itself, directly or through others, is rejected before this.
 */
export const MAX_MODULE_DEPTH = 8;

/**
 * One port of a module, bound to a port of an inner node. Several inputs with
 * the same name form one input port whose value every listed inner port reads
 * (fan-out inside the module). Output names are unique.
 */
export interface ModulePort {
  name: string;
  node: string;
  port: string;
}

/** A named subgraph that a module node stands for, stored in the document's `modules`. */
export interface ModuleDefinition {
  nodes: GraphNode[];
  edges: GraphEdge[];
  inputs: ModulePort[];
  outputs: ModulePort[];
}

export type ModuleLibrary = Readonly<Record<string, ModuleDefinition>>;

/** Returns the distinct input port names of a module, in the order they first appear. */
export function inputNames(definition: ModuleDefinition): string[] {
  return [...new Set(definition.inputs.map((input) => input.name))];
}

export function outputNames(definition: ModuleDefinition): string[] {
  return definition.outputs.map((output) => output.name);
}

/** Returns the module name a module node refers to, or null when its parameter is missing or not a string. */
export function moduleNameOf(node: Pick<GraphNode, 'params'>): string | null {
  const name = node.params.module;
  return typeof name === 'string' ? name : null;
}
