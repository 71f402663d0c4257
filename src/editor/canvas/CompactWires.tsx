import { memo, useMemo } from 'react';
import { createPortal } from 'react-dom';
import type { GraphDocument } from '../../engine/document';
import type { NodeKind } from '../../engine/types';
import { stepDelayMs } from '../store/timeline';
import { useEditor } from '../store/use-editor';
import { kindOfNode } from '../teaching/module-kind';
import { portFraction } from './drawing';
import type { GateFlowNode } from './GateNode';
import { Pulse } from './Pulse';
import { activePulseKey, parsePulseKey } from './selectors';

/** Size of a compact node until React Flow has measured it. styles.css gives `.gate-node.compact` this size. */
export const COMPACT_NODE_SIZE = { width: 90, height: 60 };

/**
 * Radius of the playback pulse in flow units. Compact drawing is used below
 * zoom 0.5, so the dot is at most 12 pixels across on screen there.
 */
const COMPACT_PULSE_RADIUS = 12;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Returns the point where a wire meets a node's side: ports are spread evenly
 * down the left (inputs) or right (outputs) side, in the kind's port order.
 */
function portPoint(box: Box, kind: NodeKind | null, side: 'input' | 'output', port: string): { x: number; y: number } {
  const ports = side === 'input' ? (kind?.inputs ?? []) : (kind?.outputs ?? []);
  const index = ports.findIndex((candidate) => candidate.name === port);
  const fraction = index < 0 ? 0.5 : portFraction(index, ports.length);
  return { x: side === 'input' ? box.x : box.x + box.width, y: box.y + box.height * fraction };
}

function kindsById(document: GraphDocument): Map<string, NodeKind | null> {
  return new Map(document.nodes.map((node) => [node.id, kindOfNode(node, document)]));
}

interface WirePaths {
  /** SVG path data of every unselected wire, one straight segment each. */
  plain: string;
  /** SVG path data of the selected wires. */
  selected: string;
  /** Path data of each wire by id, for the pulse. */
  byId: Map<string, string>;
}

function buildPaths(document: GraphDocument, kinds: Map<string, NodeKind | null>, nodes: readonly GateFlowNode[], selectedIds: readonly string[]): WirePaths {
  const boxes = new Map<string, Box>();
  for (const node of nodes) {
    const size = node.measured?.width && node.measured.height ? node.measured : COMPACT_NODE_SIZE;
    boxes.set(node.id, { x: node.position.x, y: node.position.y, width: size.width ?? 0, height: size.height ?? 0 });
  }
  const selected = new Set(selectedIds);
  const plain: string[] = [];
  const chosen: string[] = [];
  const byId = new Map<string, string>();
  for (const edge of document.edges) {
    const sourceBox = boxes.get(edge.source);
    const targetBox = boxes.get(edge.target);
    if (!sourceBox || !targetBox) continue;
    const from = portPoint(sourceBox, kinds.get(edge.source) ?? null, 'output', edge.sourcePort);
    const to = portPoint(targetBox, kinds.get(edge.target) ?? null, 'input', edge.targetPort);
    const segment = `M${from.x.toFixed(1)} ${from.y.toFixed(1)}L${to.x.toFixed(1)} ${to.y.toFixed(1)}`;
    byId.set(edge.id, segment);
    (selected.has(edge.id) ? chosen : plain).push(segment);
  }
  return { plain: plain.join(''), selected: chosen.join(''), byId };
}

interface CompactWiresProps {
  /** The flow nodes React Flow draws, with drag positions and measured sizes. */
  nodes: readonly GateFlowNode[];
  /** Element inside the zoomed viewport, below the nodes, that receives the drawing. */
  layer: HTMLElement;
}

/**
 * Draws every wire of a zoomed-out large graph as a straight line in one SVG
 * path, in place of React Flow's edges, which draw each wire in an `<svg>` of
 * its own. The lines take no pointer events. While the timeline plays, the
 * wires of the active step carry the pulse.
 */
export const CompactWires = memo(function CompactWires({ nodes, layer }: CompactWiresProps) {
  const document = useEditor((state) => state.document);
  const selectedIds = useEditor((state) => state.selection.edges);
  const pulseKey = useEditor(activePulseKey);
  const speed = useEditor((state) => state.speed);

  const kinds = useMemo(() => kindsById(document), [document]);
  const paths = useMemo(() => buildPaths(document, kinds, nodes, selectedIds), [document, kinds, nodes, selectedIds]);
  const pulse = pulseKey === null ? null : parsePulseKey(pulseKey);
  const pulsed = pulse ? pulsedWires(document, pulse.phase, pulse.nodeId) : [];

  return createPortal(
    <svg className="compact-wires" data-testid="compact-wires" aria-hidden="true">
      <path className="wire" d={paths.plain} />
      {paths.selected && <path className="wire selected" d={paths.selected} />}
      {pulse &&
        pulsed.map((id) => {
          const path = paths.byId.get(id);
          return path && <Pulse key={`${id}:${pulse.cursor}`} path={path} direction={pulse.phase} durationMs={stepDelayMs(speed)} radius={COMPACT_PULSE_RADIUS} />;
        })}
    </svg>,
    layer,
  );
});

/** Wires that carry the pulse: out of the node of a forward step, into the node of a backward step. */
function pulsedWires(document: GraphDocument, phase: 'forward' | 'backward', nodeId: string): string[] {
  return document.edges.filter((edge) => (phase === 'forward' ? edge.source : edge.target) === nodeId).map((edge) => edge.id);
}
