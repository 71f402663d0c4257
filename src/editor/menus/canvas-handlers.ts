import { useReactFlow, type Edge, type FinalConnectionState, type Node, type ReactFlowInstance } from '@xyflow/react';
import type { GraphDocument } from '../../engine/document';
import { buildScene } from '../canvas/compact-scene';
import { LARGE_GRAPH_NODES } from '../canvas/drawing';
import { useEffect, useMemo, type MouseEvent as ReactMouseEvent } from 'react';
import { prefersReducedMotion } from '../canvas/reduced-motion';
import { findCommand } from '../commands/commands';
import { appEnvironment, setCanvasView } from '../commands/environment';
import type { Size } from '../commands/tidy-layout';
import { uiStore, type MenuTarget } from '../commands/ui-store';
import { currentSpread, toCanvasPoint, toDocumentPoint, toDocumentSize } from '../projector/spread';
import { editorStore } from '../store/use-editor';
import { registry } from '../../nodes';
import { connectionProblem, type ConnectionRequest } from '../canvas/connection';
import { portTypeParam, type Message } from '../i18n/translate';

/** Gap around the graph when fitting it into view, as a fraction of the canvas size. */
export const FIT_PADDING = 0.15;

/**
 * Fits the graph into view. A large graph is fitted to its nodes' positions
 * in the document, because zoomed out React Flow has none of its nodes
 * (CompactCanvas draws them). A smaller one is fitted to React Flow's measured
 * nodes, zooming out no further than `minZoom` when one is given.
 */
export function fitGraph(flow: Pick<ReactFlowInstance, 'fitView' | 'fitBounds'>, document: GraphDocument, duration = 0, minZoom?: number): Promise<boolean> {
  if (document.nodes.length < LARGE_GRAPH_NODES) return flow.fitView({ padding: FIT_PADDING, duration, minZoom });
  const bounds = buildScene(document, undefined, currentSpread()).bounds;
  return bounds ? flow.fitBounds(bounds, { padding: FIT_PADDING, duration }) : Promise.resolve(false);
}

/**
 * Registers the canvas's viewport functions for commands while the canvas is
 * mounted. Commands work in document positions and sizes, so these convert
 * from and to the canvas's, which projector mode spreads out.
 */
export function useCanvasView(canvasId: string): void {
  const flow = useReactFlow();
  const { screenToFlowPosition, flowToScreenPosition, getNodes } = flow;
  useEffect(() => {
    setCanvasView({
      // The next frame, because React Flow measures nodes moved by a command only after it renders them.
      fitView: () => requestAnimationFrame(() => void fitGraph(flow, editorStore.getState().document, prefersReducedMotion() ? 0 : 200)),
      visibleCentre: () => {
        const box = window.document.getElementById(canvasId)?.getBoundingClientRect();
        return box ? toDocumentPoint(screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }), currentSpread()) : { x: 0, y: 0 };
      },
      toScreen: (point) => flowToScreenPosition(toCanvasPoint(point, currentSpread())),
      nodeSizes: () => {
        const spread = currentSpread();
        const sizes = new Map<string, Size>();
        for (const node of getNodes()) {
          if (node.measured?.width && node.measured.height) sizes.set(node.id, toDocumentSize({ width: node.measured.width, height: node.measured.height }, spread));
        }
        return sizes;
      },
    });
    return () => setCanvasView(null);
  }, [canvasId, flow, screenToFlowPosition, flowToScreenPosition, getNodes]);
}

/**
 * Event handlers that open the context menus and the add-node popup from the
 * canvas. The `flow` point of each request is a document position.
 */
export function useCanvasOverlays() {
  const { screenToFlowPosition } = useReactFlow();

  return useMemo(() => {
    const screenToDocumentPosition = (screen: { x: number; y: number }) => toDocumentPoint(screenToFlowPosition(screen), currentSpread());
    const openMenu = (event: ReactMouseEvent | MouseEvent, target: MenuTarget) => {
      event.preventDefault();
      const screen = { x: event.clientX, y: event.clientY };
      uiStore.setState({ contextMenu: { screen, flow: screenToDocumentPosition(screen), target }, addNode: null });
    };
    /** Right-clicking an item outside the selection selects only that item, so the menu acts on what was clicked. */
    const selectFor = (kind: 'nodes' | 'edges', id: string) => {
      const store = editorStore.getState();
      if (!store.selection[kind].includes(id)) store.setSelection(kind === 'nodes' ? { nodes: [id], edges: [] } : { nodes: [], edges: [id] });
    };

    const openNodeMenu = (event: ReactMouseEvent | MouseEvent, id: string) => {
      selectFor('nodes', id);
      openMenu(event, { type: 'node', id });
    };
    const openEdgeMenu = (event: ReactMouseEvent | MouseEvent, id: string) => {
      selectFor('edges', id);
      openMenu(event, { type: 'edge', id });
    };

    return {
      openNodeMenu,
      openEdgeMenu,
      onNodeContextMenu: (event: ReactMouseEvent, node: Node) => openNodeMenu(event, node.id),
      onSelectionContextMenu: (event: ReactMouseEvent, nodes: Node[]) => openMenu(event, { type: 'node', id: nodes[0]?.id ?? '' }),
      onEdgeContextMenu: (event: ReactMouseEvent, edge: Edge) => openEdgeMenu(event, edge.id),
      onPaneContextMenu: (event: ReactMouseEvent | MouseEvent) => openMenu(event, { type: 'pane' }),

      /** Double-click on empty canvas opens the add-node popup there. */
      onDoubleClick: (event: ReactMouseEvent) => {
        if (!(event.target instanceof Element) || !event.target.classList.contains('react-flow__pane')) return;
        const addNode = findCommand('addNode');
        if (!addNode.enabled(appEnvironment)) return;
        const screen = { x: event.clientX, y: event.clientY };
        void addNode.perform(appEnvironment, { at: screenToDocumentPosition(screen), screen });
      },

      /** A wire dropped on empty canvas opens the add-node popup, filtered to kinds that can take it. */
      onConnectEnd: (event: MouseEvent | TouchEvent, connection: FinalConnectionState) => {
        if (!connection.isValid && connection.toNode) {
          explainRejectedWire(connection);
          return;
        }
        if (connection.isValid || connection.toNode || !connection.fromNode || !connection.fromHandle?.id) return;
        if (!findCommand('addNode').enabled(appEnvironment)) return;
        const point = 'changedTouches' in event ? event.changedTouches[0] : event;
        const screen = { x: point.clientX, y: point.clientY };
        const wire = { nodeId: connection.fromNode.id, port: connection.fromHandle.id, handleType: connection.fromHandle.type };
        uiStore.setState({ addNode: { screen, flow: screenToDocumentPosition(screen), wire }, contextMenu: null });
      },
    };
  }, [screenToFlowPosition]);
}

/** Adds a notice saying why a wire dropped on a handle was not added: a self-loop, a cycle or a port type mismatch. */
function explainRejectedWire(connection: FinalConnectionState): void {
  const { fromNode, fromHandle, toNode, toHandle } = connection;
  if (!fromNode || !fromHandle?.id || !toNode || !toHandle?.id || fromHandle.type === toHandle.type) return;
  // A wire may be drawn from either end, so the output end is the source.
  const [output, input] = fromHandle.type === 'source' ? [{ node: fromNode.id, port: fromHandle.id }, { node: toNode.id, port: toHandle.id }] : [{ node: toNode.id, port: toHandle.id }, { node: fromNode.id, port: fromHandle.id }];
  const request: ConnectionRequest = { source: output.node, sourceHandle: output.port, target: input.node, targetHandle: input.port };
  const store = editorStore.getState();
  const problem = connectionProblem(store.document, registry, request);
  const wire = { source: output.node, target: input.node };
  let notice: Message | null = null;
  if (problem?.code === 'self') notice = { key: 'notice.wireSelf', params: { node: output.node } };
  else if (problem?.code === 'cycle') notice = { key: 'notice.wireCycle', params: wire };
  else if (problem?.code === 'type-mismatch') {
    notice = { key: 'notice.wireType', params: { ...wire, sourcePort: output.port, targetPort: input.port, found: portTypeParam(problem.found), expected: portTypeParam(problem.expected) } };
  }
  if (notice) store.addNotice(notice);
}
