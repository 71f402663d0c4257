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

  return (
    <>
      {valueText !== null && <WireLabel id={id} part="value" text={valueText} tensor={value} quiz={valueQuiz} x={x} y={y} />}
      {gradientText !== null && <WireLabel id={id} part="gradient" text={gradientText} tensor={gradient} quiz={gradientQuiz} x={x} y={y} />}
    </>
  );
}

/** Class, test id prefix and anchor side of a wire's value and gradient labels. */
const LABEL_PARTS = {
  value: { kind: 'edge-value', side: 'above', offset: -4 },
  gradient: { kind: 'edge-grad', side: 'below', offset: 4 },
} as const;

interface WireLabelProps {
  id: string;
  part: keyof typeof LABEL_PARTS;
  text: string;
  tensor: TensorData | null;
  quiz: ReturnType<typeof useWireQuiz>;
  /** Middle of the wire in flow coordinates. */
  x: number;
  y: number;
}

/**
 * Shows one label 4 flow units above or below a wire's middle, centred on an empty anchor box.
 * A quiz slot replaces the number and its hover text, so a hidden answer shows nowhere on the wire.
 */
function WireLabel({ id, part, text, tensor, quiz, x, y }: WireLabelProps) {
  const { kind, side, offset } = LABEL_PARTS[part];
  const testId = `${kind}-${id}`;
  const shownTensor = quiz.mode === 'plain' && tensor && tensor.data.length > 1 ? tensor : null;

  return (
    <div className={`edge-label-anchor ${side}`} style={{ left: x, top: y + offset }}>
      <div className={labelClass(kind, shownTensor)} data-testid={testId} title={shownTensor ? hoverText(shownTensor) : undefined}>
        {quiz.mode !== 'plain' ? (
          <QuizSlot mode={quiz.mode} questionKey={quiz.key} question={{ target: { edge: id }, part }} text={text} testId={testId} />
        ) : shownTensor ? <TensorLabel tensor={shownTensor} /> : text}
      </div>
    </div>
  );
}
