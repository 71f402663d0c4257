import { BaseEdge, getBezierPath, useStore, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { createPortal } from 'react-dom';
import type { TensorData } from '../../engine/tensor';
import { stepDelayMs } from '../store/timeline';
import { QuizSlot } from '../quiz/QuizSlot';
import { useWireQuiz } from '../quiz/quiz-view';
import { useEditor } from '../store/use-editor';
import { useCanvasDrawing } from './drawing';
import { isNearView } from './view-region';
import { Pulse } from './Pulse';
import { edgeGradientTensor, edgeGradientText, edgePulseKey, edgeValueTensor, edgeValueText } from './selectors';
import { hoverText, TensorLabel } from './TensorPreview';
import { isWireMoving } from './WireCanvas';

/** Tensor labels take the pointer so their full values show on hover; scalar labels let clicks through. */
function labelClass(kind: string, tensor: TensorData | null): string {
  return tensor && tensor.data.length > 1 ? `edge-label ${kind} edge-tensor nodrag nopan` : `edge-label ${kind}`;
}

/**
 * A wire with its forward value above it and its gradient below it, each shown once the timeline reveals it.
 * React Flow draws these at detail zoom only. CompactCanvas draws the wires of a zoomed-out large graph.
 */
export const ValueEdge = memo(function ValueEdge(props: EdgeProps) {
  const { id, source, target, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const pulseKey = useEditor((state) => edgePulseKey(state, source, target));
  const speed = useEditor((state) => state.speed);
  const { labelLayer, large } = useCanvasDrawing();
  // On a large graph, a wire's labels are left out while the wire's middle is far from the view.
  const labelsNear = useStore((state) => !large || isNearView(state, labelX, labelY));
  // Where WireCanvas draws the wires, it leaves out the wires of dragged nodes, and their paths show instead.
  const moving = useStore((state) => isWireMoving(state, source, target));
  const wireClass = ['wire', selected && 'selected', moving && 'moving'].filter(Boolean).join(' ');

  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={wireClass} />
      {pulseKey !== null && <Pulse key={pulseKey} path={path} direction={pulseKey.startsWith('forward') ? 'forward' : 'backward'} durationMs={stepDelayMs(speed)} />}
      {labelLayer && labelsNear && createPortal(<WireLabels id={id} source={source} target={target} x={labelX} y={labelY} />, labelLayer)}
    </>
  );
});

interface WireLabelsProps {
  id: string;
  source: string;
  target: string;
  /** Middle of the wire in flow coordinates, where the labels sit. */
  x: number;
  y: number;
}

/** Shows the value label above a wire's middle and the gradient label below it, in React Flow's edge label layer. */
function WireLabels({ id, source, target, x, y }: WireLabelsProps) {
  const valueText = useEditor((state) => edgeValueText(state, id, source));
  const gradientText = useEditor((state) => edgeGradientText(state, id, target));
  const value = useEditor((state) => edgeValueTensor(state, id, source));
  const gradient = useEditor((state) => edgeGradientTensor(state, id, target));
  const valueQuiz = useWireQuiz(id, source, 'value');
  const gradientQuiz = useWireQuiz(id, source, 'gradient');
  // A quiz slot replaces the number and its hover text, so a hidden answer shows nowhere on the wire.
  const tensorValue = valueQuiz.mode === 'plain' && value && value.data.length > 1 ? value : null;
  const tensorGradient = gradientQuiz.mode === 'plain' && gradient && gradient.data.length > 1 ? gradient : null;

  return (
    <>
      {valueText !== null && (
        <div className="edge-label-anchor above" style={{ left: x, top: y - 4 }}>
          <div
            className={labelClass('edge-value', tensorValue)}
            data-testid={`edge-value-${id}`}
            title={tensorValue ? hoverText(tensorValue) : undefined}
          >
            {valueQuiz.mode !== 'plain' ? (
              <QuizSlot mode={valueQuiz.mode} questionKey={valueQuiz.key} question={{ target: { edge: id }, part: 'value' }} text={valueText} testId={`edge-value-${id}`} />
            ) : tensorValue ? <TensorLabel tensor={tensorValue} /> : valueText}
          </div>
        </div>
      )}
      {gradientText !== null && (
        <div className="edge-label-anchor below" style={{ left: x, top: y + 4 }}>
          <div
            className={labelClass('edge-grad', tensorGradient)}
            data-testid={`edge-grad-${id}`}
            title={tensorGradient ? hoverText(tensorGradient) : undefined}
          >
            {gradientQuiz.mode !== 'plain' ? (
              <QuizSlot mode={gradientQuiz.mode} questionKey={gradientQuiz.key} question={{ target: { edge: id }, part: 'gradient' }} text={gradientText} testId={`edge-grad-${id}`} />
            ) : tensorGradient ? <TensorLabel tensor={tensorGradient} /> : gradientText}
          </div>
        </div>
      )}
    </>
  );
}
