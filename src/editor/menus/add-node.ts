import { registry } from '../../nodes';
import type { GraphEdit, Point } from '../store/edits';
import { edgeIdFor } from '../store/edits';
import { createNode } from '../store/new-node';
import type { EditorState, EditorStoreApi } from '../store/store';
import { centredOn, newNodeLayout, portOn } from '../canvas/new-node-place';
import type { KindChoice } from '../commands/kind-search';
import type { AddNodeRequest } from '../commands/ui-store';

/**
 * Returns where a new node goes: centred on the point the popup was opened at
 * or, when a dropped wire opened it, with the port that takes the wire at the wire's end.
 */
function placement(state: EditorState, request: AddNodeRequest, choice: KindChoice): Point {
  const { flow, wire } = request;
  const estimate = newNodeLayout(state, choice.kind.kind);
  if (!estimate) return flow;
  if (!wire || !choice.port) return centredOn(flow, estimate.layout, estimate.spread);
  // A wire from an output handle ('source') goes into an input of the new node, whose handles are 'target'.
  // NOTE: the estimate has no value or gradient text yet, so a node that the wire makes wider lands its output
  // handles right of the wire's end. A batch, whose gradient row appears once it is connected, lands about 55 units off.
  return portOn(flow, estimate.layout, estimate.spread, choice.port, wire.handleType === 'source' ? 'target' : 'source');
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
  const node = createNode(state.document, kind, placement(state, request, choice));
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
