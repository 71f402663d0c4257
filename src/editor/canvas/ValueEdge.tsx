import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { stepDelayMs } from '../store/timeline';
import { useEditor } from '../store/use-editor';
import { Pulse } from './Pulse';
import { usePrefersReducedMotion } from './reduced-motion';
import { edgeGradientText, edgePulseKey, edgeValueText } from './selectors';

/** A wire with its forward value above it and its gradient below it, each shown once the timeline reveals it. */
export const ValueEdge = memo(function ValueEdge(props: EdgeProps) {
  const { id, source, target, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const valueText = useEditor((state) => edgeValueText(state, id, source));
  const gradientText = useEditor((state) => edgeGradientText(state, id, target));
  const pulseKey = useEditor((state) => edgePulseKey(state, source, target));
  const speed = useEditor((state) => state.speed);
  const reducedMotion = usePrefersReducedMotion();

  const showPulse = pulseKey !== null && !reducedMotion;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={selected ? 'wire selected' : 'wire'} />
      {showPulse && <Pulse key={pulseKey} path={path} direction={pulseKey.startsWith('forward') ? 'forward' : 'backward'} durationMs={stepDelayMs(speed)} />}
      <EdgeLabelRenderer>
        {valueText !== null && (
          <div
            className="edge-label edge-value"
            data-testid={`edge-value-${id}`}
            style={{ transform: `translate(-50%, -100%) translate(${labelX}px, ${labelY - 4}px)` }}
          >
            {valueText}
          </div>
        )}
        {gradientText !== null && (
          <div
            className="edge-label edge-grad"
            data-testid={`edge-grad-${id}`}
            style={{ transform: `translate(-50%, 0) translate(${labelX}px, ${labelY + 4}px)` }}
          >
            {gradientText}
          </div>
        )}
      </EdgeLabelRenderer>
    </>
  );
});
