import type { GraphDocument, GraphNode } from '../../engine/document';

/** Tells whether two versions of a node differ in anything but their position. */
function nodeDiffers(previous: GraphNode, next: GraphNode): boolean {
  if (previous === next) return false;
  const keys = new Set([...Object.keys(previous), ...Object.keys(next)] as (keyof GraphNode)[]);
  for (const key of keys) {
    if (key !== 'position' && previous[key] !== next[key]) return true;
  }
  return false;
}

/**
 * Tells whether `next` differs from `previous` in anything but the positions
 * of its top-level nodes, which no formula depends on. Edits keep the objects
 * they leave unchanged, so everything else compares by identity.
 */
export function differsBesidesPositions(previous: GraphDocument, next: GraphDocument): boolean {
  if (previous === next) return false;
  const keys = new Set([...Object.keys(previous), ...Object.keys(next)] as (keyof GraphDocument)[]);
  for (const key of keys) {
    if (key !== 'nodes' && previous[key] !== next[key]) return true;
  }
  if (previous.nodes.length !== next.nodes.length) return true;
  return previous.nodes.some((node, index) => nodeDiffers(node, next.nodes[index]));
}
