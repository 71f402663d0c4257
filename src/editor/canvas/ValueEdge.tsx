import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { TensorData } from '../../engine/tensor';
import { stepDelayMs } from '../store/timeline';
import { useEditor } from '../store/use-editor';
import { Pulse } from './Pulse';
import { usePrefersReducedMotion } from './reduced-motion';
import { edgeGradientTensor, edgeGradientText, edgePulseKey, edgeValueTensor, edgeValueText } from './selectors';
import { hoverText, TensorLabel } from './TensorPreview';

/** Tensor labels take the pointer so their full values show on hover; scalar labels let clicks through. */
function labelClass(kind: string, tensor: TensorData | null): string {
  return tensor && tensor.data.length > 1 ? `edge-label ${kind} edge-tensor nodrag nopan` : `edge-label ${kind}`;
}

/** A wire with its forward value above it and its gradient below it, each shown once the timeline reveals it. */
export const ValueEdge = memo(function ValueEdge(props: EdgeProps) {
  const { id, source, target, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const valueText = useEditor((state) => edgeValueText(state, id, source));
  const gradientText = useEditor((state) => edgeGradientText(state, id, target));
  const value = useEditor((state) => edgeValueTensor(state, id, source));
  const gradient = useEditor((state) => edgeGradientTensor(state, id, target));
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
            className={labelClass('edge-value', value)}
            data-testid={`edge-value-${id}`}
            title={value && value.data.length > 1 ? hoverText(value) : undefined}
            style={{ transform: `translate(-50%, -100%) translate(${labelX}px, ${labelY - 4}px)` }}
          >
            {value && value.data.length > 1 ? <TensorLabel tensor={value} /> : valueText}
          </div>
        )}
        {gradientText !== null && (
          <div
            className={labelClass('edge-grad', gradient)}
            data-testid={`edge-grad-${id}`}
            title={gradient && gradient.data.length > 1 ? hoverText(gradient) : undefined}
            style={{ transform: `translate(-50%, 0) translate(${labelX}px, ${labelY + 4}px)` }}
          >
            {gradient && gradient.data.length > 1 ? <TensorLabel tensor={gradient} /> : gradientText}
          </div>
        )}
      </EdgeLabelRenderer>
    </>
  );
});
