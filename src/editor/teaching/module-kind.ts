import type { GraphDocument, GraphNode } from '../../engine/document';
import { inputNames, MODULE_KIND, moduleNameOf } from '../../engine/modules';
import type { NodeKind } from '../../engine/types';
import { registry } from '../../nodes';

function notComputable(): never {
  throw new Error('a module display kind only describes ports; compile expands module nodes and never runs this kind');
}

/**
 * Describes a module node like a node kind, for the canvas, inspector and
 * wiring checks: its ports are the module's inputs and outputs. Returns null
 * for other nodes and for a module node whose module is not defined.
 */
export function moduleDisplayKind(node: Pick<GraphNode, 'kind' | 'params'>, modules: GraphDocument['modules']): NodeKind | null {
  if (node.kind !== MODULE_KIND) return null;
  const name = moduleNameOf(node);
  const definition = name !== null && modules && Object.hasOwn(modules, name) ? modules[name] : null;
  if (!definition) return null;
  return {
    kind: MODULE_KIND,
    category: 'gates',
    symbol: '▣',
    inputs: inputNames(definition).map((input) => ({ name: input })),
    outputs: definition.outputs.map((output) => ({ name: output.name })),
    params: [],
    formula: `${name}: ${definition.nodes.map((inner) => inner.kind).join(', ')}`,
    inferShapes: notComputable,
    forward: notComputable,
    backward: notComputable,
  };
}

/** Returns the kind of a document node: its registered kind, or a module's display kind. */
export function kindOfNode(node: GraphNode, document: GraphDocument): NodeKind | null {
  return registry.get(node.kind) ?? moduleDisplayKind(node, document.modules);
}
