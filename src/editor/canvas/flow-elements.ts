import type { Edge, XYPosition } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import type { GraphDocument, GraphNode } from '../../engine/document';
import { NO_SPREAD, toCanvasPoint, useSpread, type Spread } from '../projector/spread';
import { editorStore, useEditor } from '../store/use-editor';
import type { GateFlowNode, GateNodeData } from './GateNode';
import { estimateLayoutInPage } from './node-estimates';
import type { NodeLayout } from './node-layout';

/** Canvas state that is not part of the document: positions during a drag and measured node sizes. */
export interface NodeViewState {
  /**
   * Canvas positions of nodes being dragged, by node id, which the document gets when the drag ends. Both
   * fields are maps, because a node id may be any text, such as "constructor", a key every plain object has.
   */
  dragPositions: ReadonlyMap<string, XYPosition>;
  /** Sizes React Flow measured, by node id. Nodes handed back without them would be measured again and hidden meanwhile. */
  measured: ReadonlyMap<string, { width: number; height: number }>;
}

export const emptyNodeView: NodeViewState = { dragPositions: new Map(), measured: new Map() };

const dataByKind = new Map<string, GateNodeData>();

/** Node data shared by every node of a kind, so memoised node components see an unchanged `data` prop. */
function dataFor(kind: string): GateNodeData {
  let data = dataByKind.get(kind);
  if (!data) {
    data = { kind };
    dataByKind.set(kind, data);
  }
  return data;
}

/** An estimated layout and the document node, modules and spread it was estimated for. */
interface Estimate {
  node: GraphNode;
  modules: GraphDocument['modules'];
  spread: Spread;
  layout: NodeLayout;
}

/**
 * Derives React Flow nodes from the document, the selection and the view state.
 * Built from validated document fields only. A node whose inputs did not change
 * keeps its previous object, so React Flow re-renders only the nodes that changed.
 *
 * A node React Flow has not measured gets an estimate of its size and handles
 * (node-layout.ts). React Flow then counts it as initialised: it draws the
 * node's wires to the estimated handles and, when it renders only the nodes in
 * view, leaves the node unmounted until it comes into view. Without an estimate
 * React Flow would mount every unmeasured node once to measure it. A measured
 * node gets no estimate, so React Flow keeps the handle places it measured.
 * With `estimate` false no node gets one, for nodes React Flow is not given.
 *
 * In projector mode each document position is multiplied by the projector
 * spread (projector/spread.ts), so the larger nodes keep apart. The document
 * itself does not change.
 */
export function useFlowNodes(view: NodeViewState, estimate: boolean): GateFlowNode[] {
  const documentNodes = useEditor((state) => state.document.nodes);
  const modules = useEditor((state) => state.document.modules);
  const selectedIds = useEditor((state) => state.selection.nodes);
  const spread = useSpread();
  const cache = useRef(new Map<string, GateFlowNode>());
  const estimates = useRef(new Map<string, Estimate>());
  const last = useRef<LastFlowNodes | null>(null);

  return useMemo(() => {
    const previous = last.current;
    const build = (node: GraphNode, selected: ReadonlySet<string>, nextEstimates: Map<string, Estimate>) => {
      const position = view.dragPositions.get(node.id) ?? toCanvasPoint(node.position, spread);
      const measured = view.measured.get(node.id);
      let layout: NodeLayout | undefined;
      if (estimate && !measured) {
        const known = estimates.current.get(node.id);
        const state = editorStore.getState();
        const current = known && known.node === node && known.modules === modules && known.spread === spread
          ? known
          : { node, modules, spread, layout: estimateLayoutInPage(node, state.document, state, spread !== NO_SPREAD) };
        nextEstimates.set(node.id, current);
        layout = current.layout;
      }
      const fresh: GateFlowNode = {
        id: node.id,
        type: 'gate',
        position: { x: position.x, y: position.y },
        data: dataFor(node.kind),
        selected: selected.has(node.id),
        dragging: view.dragPositions.has(node.id),
        measured,
        ...(layout && { handles: layout.handles, initialWidth: layout.width, initialHeight: layout.height }),
      };
      const before = cache.current.get(node.id);
      return before && sameFlowNode(before, fresh) ? before : fresh;
    };

    // During a drag only the drag positions change, so only the dragged nodes, and those just let go, are built again.
    if (previous && previous.documentNodes === documentNodes && previous.modules === modules && previous.selectedIds === selectedIds
      && previous.estimate === estimate && previous.measured === view.measured && previous.spread === spread) {
      const nodes = previous.nodes.slice();
      const changed = new Set([...previous.dragPositions.keys(), ...view.dragPositions.keys()]);
      for (const id of changed) {
        const index = previous.indexOf.get(id);
        if (index === undefined || previous.dragPositions.get(id) === view.dragPositions.get(id)) continue;
        const flowNode = build(documentNodes[index], previous.selected, estimates.current);
        cache.current.set(id, flowNode);
        nodes[index] = flowNode;
      }
      last.current = { ...previous, dragPositions: view.dragPositions, nodes };
      return nodes;
    }

    const selected = new Set(selectedIds);
    const next = new Map<string, GateFlowNode>();
    const nextEstimates = new Map<string, Estimate>();
    const indexOf = new Map<string, number>();
    const nodes = documentNodes.map((node, index) => {
      const flowNode = build(node, selected, nextEstimates);
      next.set(node.id, flowNode);
      indexOf.set(node.id, index);
      return flowNode;
    });
    cache.current = next;
    estimates.current = nextEstimates;
    last.current = { documentNodes, modules, selectedIds, estimate, spread, measured: view.measured, dragPositions: view.dragPositions, selected, indexOf, nodes };
    return nodes;
  }, [documentNodes, modules, selectedIds, view, estimate, spread]);
}

/** The inputs and result of the last full build of the React Flow nodes, and the drag positions of the last update. */
interface LastFlowNodes {
  documentNodes: readonly GraphNode[];
  modules: GraphDocument['modules'];
  selectedIds: readonly string[];
  estimate: boolean;
  spread: Spread;
  measured: NodeViewState['measured'];
  dragPositions: NodeViewState['dragPositions'];
  selected: ReadonlySet<string>;
  /** The position of each node in `documentNodes` and `nodes`, by id. */
  indexOf: ReadonlyMap<string, number>;
  nodes: GateFlowNode[];
}

function sameFlowNode(a: GateFlowNode, b: GateFlowNode): boolean {
  return (
    a.data === b.data &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    a.selected === b.selected &&
    a.dragging === b.dragging &&
    a.measured === b.measured &&
    a.handles === b.handles
  );
}

/** Derives React Flow edges from the document's edges and the selection, reusing unchanged edge objects. */
export function useFlowEdges(): Edge[] {
  const documentEdges = useEditor((state) => state.document.edges);
  const selectedIds = useEditor((state) => state.selection.edges);
  const cache = useRef(new Map<string, Edge>());

  return useMemo(() => {
    const selected = new Set(selectedIds);
    const next = new Map<string, Edge>();
    const edges = documentEdges.map((edge) => {
      const previous = cache.current.get(edge.id);
      const isSelected = selected.has(edge.id);
      // An edit may keep a wire's id and move its ends, as grouping nodes into a module does.
      const unchanged =
        previous?.selected === isSelected &&
        previous.source === edge.source &&
        previous.sourceHandle === edge.sourcePort &&
        previous.target === edge.target &&
        previous.targetHandle === edge.targetPort;
      const flowEdge: Edge =
        previous && unchanged
          ? previous
          : {
              id: edge.id,
              type: 'value',
              source: edge.source,
              sourceHandle: edge.sourcePort,
              target: edge.target,
              targetHandle: edge.targetPort,
              selected: isSelected,
            };
      next.set(edge.id, flowEdge);
      return flowEdge;
    });
    cache.current = next;
    return edges;
  }, [documentEdges, selectedIds]);
}
