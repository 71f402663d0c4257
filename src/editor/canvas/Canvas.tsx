import {
  Controls,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { registry } from '../../nodes';
import { appEnvironment } from '../commands/environment';
import { importFile } from '../files';
import { useT } from '../i18n/use-t';
import { fitGraph, useCanvasOverlays, useCanvasView } from '../menus/canvas-handlers';
import { currentSpread, toDocumentPoint, type Spread } from '../projector/spread';
import { useSpreadViewport } from '../projector/spread-viewport';
import type { GraphEdit } from '../store/edits';
import type { SelectionChange } from '../store/store';
import { editorStore, useEditor } from '../store/use-editor';
import { isConnectionAllowed } from './connection';
import { CompactCanvas, type CompactCanvasMenus } from './CompactCanvas';
import { CanvasDrawingContext, useDrawingState } from './drawing';
import { DotGrid } from './DotGrid';
import { emptyNodeView, useFlowEdges, useFlowNodes, type NodeViewState } from './flow-elements';
import { GateNode, type GateFlowNode } from './GateNode';
import { addNodeCentredAt } from './new-node-place';
import { Overview } from './Overview';
import { useFreshClicks } from './fresh-click';
import { usePanPointerCapture } from './pan-capture';
import { setPlacedLoad, usePlacedLoad } from './placed-load';
import { useSavedViewport } from './saved-viewport';
import { ValueEdge } from './ValueEdge';
import { WireCanvas } from './WireCanvas';

/** Drag-and-drop type of a palette item; its data is the node kind. */
export const PALETTE_DRAG_TYPE = 'application/x-backprop-studio-kind';

const nodeTypes = { gate: GateNode };
const edgeTypes = { value: ValueEdge };
/** Shift+click or Ctrl/Cmd+click adds a node to the selection; Shift+drag on empty canvas selects a box. */
const multiSelectionKeys = ['Shift', 'Meta', 'Control'];
/** Nodes and edges handed to React Flow while CompactCanvas draws the graph. */
const noNodes: GateFlowNode[] = [];
const noEdges: Edge[] = [];
/** Smallest zoom of a graph of fewer than LARGE_GRAPH_NODES nodes, low enough to fit mlp6 beside the training panel in a 1280 × 720 window, and of a larger one. */
const MIN_ZOOM = 0.03;
const MIN_ZOOM_LARGE = 0.005;
/**
 * Smallest zoom a newly loaded graph of fewer than LARGE_GRAPH_NODES nodes is
 * fitted at, so its nodes stay readable. A wider graph shows its start, and the
 * fit command (F) shows all of it.
 */
const LOAD_MIN_ZOOM = 0.2;

export function Canvas() {
  const t = useT();
  const [view, setView] = useState<NodeViewState>(emptyNodeView);
  const viewRef = useRef(view);
  viewRef.current = view;
  const loadCount = useEditor((state) => state.loadCount);
  // The load count whose view has been fitted. Until then a large graph is drawn compact.
  const placedLoad = usePlacedLoad();
  const drawing = useDrawingState(placedLoad === loadCount);
  // React Flow gets no nodes while CompactCanvas draws them, so their layouts are estimated only when it does.
  const nodes = useFlowNodes(view, !drawing.compact);
  const edges = useFlowEdges();
  const flow = useReactFlow();
  const { screenToFlowPosition, setViewport } = flow;
  const locked = useEditor((state) => state.lecture.lockEditing);
  const overlays = useCanvasOverlays();
  useCanvasView('canvas');
  usePanPointerCapture();
  useFreshClicks();
  useSpreadViewport();
  const savedViewport = useSavedViewport(localStorage, currentDocument);

  const flowStore = useStoreApi();
  const paneSize = useStore((state) => `${state.width}x${state.height}`);
  // The pane size the last load's fit used, or null once the user gave input or a saved view was restored.
  const fittedPaneSize = useRef<string | null>(null);

  // Fits each newly loaded graph into view, the first one included, unless it shows the viewport saved
  // before a reload; React Flow waits until the nodes are measured.
  useEffect(() => {
    const restored = savedViewport.restoredViewport(loadCount);
    if (restored) {
      fittedPaneSize.current = null;
      void setViewport(restored);
      setPlacedLoad(loadCount);
      return;
    }
    let current = true;
    void fitGraph(flow, editorStore.getState().document, 0, LOAD_MIN_ZOOM).finally(() => {
      if (!current) return;
      const { width, height } = flowStore.getState();
      fittedPaneSize.current = `${width}x${height}`;
      setPlacedLoad(loadCount);
    });
    return () => {
      current = false;
    };
  }, [loadCount, flow, flowStore, setViewport, savedViewport]);

  // The pane may change size after the fit, as when a lecture view's panel takes part of the column. Until the
  // user presses a key or a pointer button on the page, or moves the view, the graph is fitted again.
  useEffect(() => {
    if (placedLoad !== loadCount || fittedPaneSize.current === null || fittedPaneSize.current === paneSize) return;
    fittedPaneSize.current = paneSize;
    void fitGraph(flow, editorStore.getState().document, 0, LOAD_MIN_ZOOM);
  }, [paneSize, placedLoad, loadCount, flow]);
  const stopFitting = useCallback((event?: unknown) => {
    // React Flow passes no event for a move the page makes itself, such as this fit.
    if (event !== null) fittedPaneSize.current = null;
  }, []);
  useEffect(() => {
    window.addEventListener('pointerdown', stopFitting, true);
    window.addEventListener('keydown', stopFitting, true);
    return () => {
      window.removeEventListener('pointerdown', stopFitting, true);
      window.removeEventListener('keydown', stopFitting, true);
    };
  }, [stopFitting]);

  // React Flow drops its measurements while CompactCanvas draws the graph, so the sizes it measured go
  // too: back at detail zoom the nodes get estimated layouts, and only those in view are mounted.
  useEffect(() => {
    if (!drawing.compact || viewRef.current.measured.size === 0) return;
    viewRef.current = { ...viewRef.current, measured: new Map() };
    setView(viewRef.current);
  }, [drawing.compact]);

  // At detail zoom a large graph's wires are drawn on WireCanvas, and their SVG paths only take the pointer.
  const wiresOnCanvas = drawing.large && !drawing.compact;
  const compactMenus = useMemo<CompactCanvasMenus>(() => ({ onNode: overlays.openNodeMenu, onWire: overlays.openEdgeMenu }), [overlays]);

  // Escape during a node drag puts the dragged nodes back where the drag started. React Flow goes on
  // reporting the drag until the button is released, so their position changes are ignored until then.
  const cancelledDrag = useRef<Set<string> | null>(null);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || viewRef.current.dragPositions.size === 0) return;
      event.stopPropagation();
      cancelledDrag.current = new Set(viewRef.current.dragPositions.keys());
      viewRef.current = { ...viewRef.current, dragPositions: new Map() };
      setView(viewRef.current);
    };
    // A new press clears the cancelled drag, in case React Flow never reported its end.
    const onPointerDown = () => {
      cancelledDrag.current = null;
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, []);

  const onNodesChange = useCallback((changes: NodeChange<GateFlowNode>[]) => {
    const cancelled = cancelledDrag.current;
    if (cancelled) changes = changes.filter((change) => !isCancelledMove(change, cancelled));
    if (cancelled?.size === 0) cancelledDrag.current = null;
    const { view: next, moves, selections } = readNodeChanges(viewRef.current, changes, currentSpread());
    if (next !== viewRef.current) {
      viewRef.current = next;
      setView(next);
    }
    const store = editorStore.getState();
    if (moves.length > 0) store.dispatch(...moves);
    if (selections.length > 0) store.applySelectionChanges(selections, []);
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const selections = changes.flatMap((change) => (change.type === 'select' ? [{ id: change.id, selected: change.selected }] : []));
    if (selections.length > 0) editorStore.getState().applySelectionChanges([], selections);
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const kind = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (kind && editorStore.getState().lecture.lockEditing) return;
      if (kind) {
        addNodeCentredAt(kind, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
        return;
      }
      const file = event.dataTransfer.files[0];
      if (file) void importFile(file);
    },
    [screenToFlowPosition],
  );

  return (
    <div
      className={locked ? 'canvas-area locked' : 'canvas-area'}
      id="canvas"
      data-testid="canvas"
      aria-label={t('canvas.label')}
      onDragOver={allowDrop}
      onDrop={onDrop}
      onDoubleClick={overlays.onDoubleClick}
    >
      <CanvasDrawingContext.Provider value={drawing}>
        <ReactFlow
          className={wiresOnCanvas ? 'wires-on-canvas' : undefined}
          nodes={drawing.compact ? noNodes : nodes}
          edges={drawing.compact ? noEdges : edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={connect}
          onConnectEnd={overlays.onConnectEnd}
          onNodeContextMenu={overlays.onNodeContextMenu}
          onSelectionContextMenu={overlays.onSelectionContextMenu}
          onEdgeContextMenu={overlays.onEdgeContextMenu}
          onPaneContextMenu={overlays.onPaneContextMenu}
          isValidConnection={isValidConnection}
          nodesDraggable={!locked}
          nodesConnectable={!locked}
          // The delete command handles Delete and Backspace, so React Flow's own delete key is off.
          deleteKeyCode={null}
          multiSelectionKeyCode={multiSelectionKeys}
          zoomOnDoubleClick={false}
          defaultViewport={savedViewport.defaultViewport}
          onMoveStart={stopFitting}
          onMoveEnd={savedViewport.onMoveEnd}
          onPaneClick={drawing.compact ? clearSelection : undefined}
          minZoom={drawing.large ? MIN_ZOOM_LARGE : MIN_ZOOM}
          maxZoom={2.5}
          // Large graphs render only what is in view at detail zoom, and below it CompactCanvas draws them.
          // Wires to nodes out of view end at the handles estimated in useFlowNodes until the node is measured.
          onlyRenderVisibleElements={drawing.large}
        >
          {drawing.compact && <CompactCanvas menus={compactMenus} />}
          {wiresOnCanvas ? <WireCanvas /> : <DotGrid />}
          <Controls showInteractive={false} onFitView={fitToGraph} />
          <Overview nodes={nodes} dragging={view.dragPositions.size > 0} />
        </ReactFlow>
      </CanvasDrawingContext.Provider>
    </div>
  );
}

/**
 * Splits React Flow node changes into view-state updates, moveNode edits at drag end, and selection changes.
 * A moveNode edit gets the document position of where the node was dropped on the canvas, given `spread`.
 * Sizes are collected into one new object per batch, because React Flow reports every node's size
 * in one batch when a graph loads, and copying the map per node took quadratic time.
 */
function readNodeChanges(view: NodeViewState, changes: NodeChange<GateFlowNode>[], spread: Spread) {
  let next = view;
  let measured: Map<string, { width: number; height: number }> | null = null;
  const moves: GraphEdit[] = [];
  const selections: SelectionChange[] = [];
  for (const change of changes) {
    if (change.type === 'dimensions' && change.dimensions) {
      measured ??= new Map(view.measured);
      measured.set(change.id, change.dimensions);
    } else if (change.type === 'position' && change.dragging && change.position) {
      next = { ...next, dragPositions: new Map(next.dragPositions).set(change.id, change.position) };
    } else if (change.type === 'position') {
      const position = change.position ?? next.dragPositions.get(change.id);
      if (position) moves.push({ type: 'moveNode', nodeId: change.id, position: toDocumentPoint({ x: position.x, y: position.y }, spread) });
      const rest = new Map(next.dragPositions);
      rest.delete(change.id);
      next = { ...next, dragPositions: rest };
    } else if (change.type === 'select') {
      selections.push({ id: change.id, selected: change.selected });
    }
    // Deleting is the delete command's; 'add' and 'replace' come only from the document.
  }
  if (measured) next = { ...next, measured };
  return { view: next, moves, selections };
}

/**
 * Tells whether `change` moves a node whose drag was cancelled. The change that
 * ends the node's drag also removes the node from `cancelled`.
 */
function isCancelledMove(change: NodeChange<GateFlowNode>, cancelled: Set<string>): boolean {
  if (change.type !== 'position' || !cancelled.has(change.id)) return false;
  if (!change.dragging) cancelled.delete(change.id);
  return true;
}

function allowDrop(event: DragEvent) {
  const types = event.dataTransfer.types;
  if (!types.includes(PALETTE_DRAG_TYPE) && !types.includes('Files')) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
}

function connect(connection: Connection) {
  if (!connection.sourceHandle || !connection.targetHandle) return;
  editorStore.getState().dispatch({
    type: 'connect',
    source: connection.source,
    sourcePort: connection.sourceHandle,
    target: connection.target,
    targetPort: connection.targetHandle,
  });
}

function isValidConnection(connection: Connection | Edge): boolean {
  return isConnectionAllowed(editorStore.getState().document, registry, connection);
}

/** Fits the graph into view from the zoom controls. React Flow's own fit finds no nodes while CompactCanvas draws them. */
function fitToGraph() {
  appEnvironment.view()?.fitView();
}

/** Clicking empty canvas clears the selection; React Flow does it only for the nodes it holds. */
function clearSelection() {
  editorStore.getState().setSelection({ nodes: [], edges: [] });
}

/** Returns the document on the canvas now, for the saved viewport. */
function currentDocument() {
  return editorStore.getState().document;
}
