import { useInternalNode, useStore, ViewportPortal } from '@xyflow/react';
import { memo, useMemo } from 'react';
import type { GraphNode } from '../../engine/document';
import type { LayerHealth } from '../../engine/health/metrics';
import { useT } from '../i18n/use-t';
import { isInRegion, sameRegion, viewRegion } from '../canvas/view-region';
import { toCanvasPoint, useSpread } from '../projector/spread';
import { useQuizOpen } from '../quiz/quiz-view';
import { useEditor } from '../store/use-editor';
import { formatFraction, formatNorm } from './layer-labels';
import { useHealth } from './use-health';

/** Gradient norms from 1e-6 to 10 fill the badge's bar from empty to full, one decade per seventh. */
const NORM_DECADES = { min: -6, max: 1 } as const;

/**
 * Draws each layer's health on the canvas as a small badge above its node.
 * A weight or bias shows a bar and its gradient norm, and an activation its
 * dead or saturated share. A red ring marks the node that produced the first
 * NaN or infinity. The badges sit in React Flow's viewport, so they pan and zoom with the nodes.
 * Only the badges of nodes near the view are drawn, because a 10,000-node graph
 * has thousands of layers, and drawing all of them slowed every frame of a drag.
 */
export function HealthBadges() {
  const current = useHealth((state) => state.current);
  const culprit = useHealth((state) => state.explanation?.nodeId ?? null);
  const documentNodes = useEditor((state) => state.document.nodes);
  const region = useStore(viewRegion, sameRegion);
  const spread = useSpread();
  // Canvas positions, which projector mode spreads out.
  const positions = useMemo(() => new Map(documentNodes.map((node): [string, GraphNode['position']] => [node.id, toCanvasPoint(node.position, spread)])), [documentNodes, spread]);
  const near = (nodeId: string) => {
    const position = positions.get(nodeId);
    return position !== undefined && isInRegion(region, position.x, position.y);
  };

  return (
    <ViewportPortal>
      {current.filter((entry) => near(entry.layer.nodeId)).map((entry) => <LayerBadge key={entry.layer.nodeId} health={entry} />)}
      {culprit && positions.has(culprit) && <NonFiniteMarker nodeId={culprit} />}
    </ViewportPortal>
  );
}

const LayerBadge = memo(function LayerBadge({ health }: { health: LayerHealth }) {
  const t = useT();
  const node = useInternalNode(health.layer.nodeId);
  // Gradient norms and dead shares reveal hidden values and gradients, so no badge shows during a quiz.
  const quizOpen = useQuizOpen();
  if (!node || quizOpen) return null;
  const { x, y } = node.internals.positionAbsolute;

  const fraction = health.deadFraction ?? health.saturatedFraction;
  const isActivation = health.layer.role === 'activation';
  const fill = isActivation ? fraction ?? 0 : normFill(health.gradientNorm);
  const text = isActivation
    ? t(health.deadFraction !== null ? 'health.badge.dead' : 'health.badge.saturated', { value: formatFraction(fraction) })
    : `‖∇‖ ${formatNorm(health.gradientNorm)}`;
  const warning = isActivation ? (fraction ?? 0) >= 0.5 : health.gradientNorm !== null && health.gradientNorm < 10 ** (NORM_DECADES.min + 1);

  return (
    <div
      className={`health-badge${warning ? ' warning' : ''}${health.nonFinite ? ' non-finite' : ''}`}
      style={{ transform: `translate(${x}px, ${y - 24}px)` }}
      data-testid={`health-badge-${health.layer.nodeId}`}
      title={t('health.badgeTitle', { node: health.layer.nodeId, gradient: formatNorm(health.gradientNorm) })}
    >
      <span className="health-badge-bar"><span style={{ width: `${Math.round(fill * 100)}%` }} /></span>
      <span className="health-badge-text">{text}</span>
    </div>
  );
});

/** Draws a red ring around the node that produced the first NaN or infinity, with a label above it. */
function NonFiniteMarker({ nodeId }: { nodeId: string }) {
  const t = useT();
  const node = useInternalNode(nodeId);
  if (!node) return null;
  const { x, y } = node.internals.positionAbsolute;
  const width = node.measured.width ?? 160;
  const height = node.measured.height ?? 80;

  return (
    <div className="health-nan-ring" style={{ transform: `translate(${x - 6}px, ${y - 6}px)`, width: width + 12, height: height + 12 }} data-testid={`health-nan-marker-${nodeId}`}>
      <span>{t('health.nanMarker')}</span>
    </div>
  );
}

/** Maps a gradient norm to a bar fill from 0 to 1 on a log scale. */
function normFill(norm: number | null): number {
  if (norm === null || !(norm > 0)) return 0;
  if (!Number.isFinite(norm)) return 1;
  const decades = Math.log10(norm);
  return Math.min(Math.max((decades - NORM_DECADES.min) / (NORM_DECADES.max - NORM_DECADES.min), 0), 1);
}
