import { registry } from '../../nodes';
import type { GraphEdit, Point } from '../store/edits';
import { edgeIdFor } from '../store/edits';
import { createNode } from '../store/new-node';
import type { EditorStoreApi } from '../store/store';
import type { KindChoice } from '../commands/kind-search';
import type { AddNodeRequest } from '../commands/ui-store';

/** Offset from the requested point to a new node's top-left corner, so the node lands roughly centred on it. */
const CENTRE_OFFSET: Point = { x: 70, y: 30 };
/** Width kept free between a dropped wire's end and a new source node placed left of it. */
const SOURCE_WIDTH = 180;

function placement(request: AddNodeRequest): Point {
  const { flow, wire } = request;
  if (!wire) return { x: flow.x - CENTRE_OFFSET.x, y: flow.y - CENTRE_OFFSET.y };
  // A wire from an output continues into the new node's input on its left side; one from an input comes from the new node's output.
  return wire.handleType === 'source' ? { x: flow.x, y: flow.y - CENTRE_OFFSET.y } : { x: flow.x - SOURCE_WIDTH, y: flow.y - CENTRE_OFFSET.y };
}

/**
 * Adds a node of the chosen kind where the popup was opened and, when a
 * dropped wire opened it, connects the wire to the node's compatible port.
 * Both happen in one dispatch, so they are one undo step. Returns the new id.
 */
export function addChosenNode(editor: EditorStoreApi, request: AddNodeRequest, choice: KindChoice): string | null {
  const kind = registry.get(choice.kind.kind);
  if (!kind) return null;
  const state = editor.getState();
  const node = createNode(state.document, kind, placement(request));
  const edits: GraphEdit[] = [{ type: 'addNode', node }];
  const { wire } = request;
  let edgeIds: string[] = [];
  if (wire && choice.port) {
    const connect = wire.handleType === 'source'
      ? { source: wire.nodeId, sourcePort: wire.port, target: node.id, targetPort: choice.port }
      : { source: node.id, sourcePort: choice.port, target: wire.nodeId, targetPort: wire.port };
    edits.push({ type: 'connect', ...connect });
    edgeIds = [edgeIdFor(connect.source, connect.sourcePort, connect.target, connect.targetPort)];
  }
  state.dispatch(...edits);
  if (!editor.getState().document.nodes.some((candidate) => candidate.id === node.id)) return null;
  editor.getState().setSelection({ nodes: [node.id], edges: edgeIds });
  return node.id;
}
