import type { NodeKind } from '../../engine/types';
import { formatTensor } from '../format';
import type { EditorState } from '../store/store';
import { isNodeGradientRevealed, isNodeValueRevealed } from '../store/timeline';
import { useEditor } from '../store/use-editor';
import { usePortQuiz, type QuizPartName } from './quiz-view';
import { QuizSlot } from './QuizSlot';

/**
 * Shows a node's value and gradient readout while a quiz hides some of its outputs
 * or quiz editing is on: one line per output port, each number replaced by
 * its quiz slot where the quiz touches it.
 */
export function QuizReadout({ nodeId, kind }: { nodeId: string; kind: NodeKind }) {
  const named = kind.outputs.length > 1;
  return (
    <div className="gate-readout">
      {kind.outputs.map((port, index) => (
        <PortNumber key={`value-${port.name}`} nodeId={nodeId} port={port.name} index={index} part="value" named={named} />
      ))}
      {kind.outputs.map((port, index) => (
        <PortNumber key={`gradient-${port.name}`} nodeId={nodeId} port={port.name} index={index} part="gradient" named={named} />
      ))}
    </div>
  );
}

interface PortNumberProps {
  nodeId: string;
  port: string;
  index: number;
  part: QuizPartName;
  /** True for nodes with several outputs, which prefix each number with its port name. */
  named: boolean;
}

/** Formats the value or gradient of output `index` once the timeline reveals it, else returns null. */
function portText(state: EditorState, nodeId: string, index: number, part: QuizPartName): string | null {
  const record = state.trace?.nodes[nodeId];
  if (!record) return null;
  if (part === 'value') {
    const value = record.outputs[index];
    return value && isNodeValueRevealed(state.stepIndex, nodeId, state.cursor) ? formatTensor(value) : null;
  }
  const gradient = record.upstream?.[index];
  return gradient && isNodeGradientRevealed(state.stepIndex, nodeId, state.cursor) ? formatTensor(gradient) : null;
}

function PortNumber({ nodeId, port, index, part, named }: PortNumberProps) {
  const text = useEditor((state) => portText(state, nodeId, index, part));
  const quiz = usePortQuiz(nodeId, port, part);
  if (text === null) return null;

  const first = index === 0;
  const className = part === 'value' ? 'node-value' : 'node-grad';
  const testId = `${part === 'value' ? 'node-value' : 'node-grad'}-${nodeId}${first ? '' : `-${port}`}`;
  const symbol = part === 'value' ? '=' : '∂';
  return (
    <span className={className} data-testid={testId}>
      {named ? `${port} ` : ''}
      {symbol}{' '}
      {quiz.mode === 'plain' ? text : <QuizSlot mode={quiz.mode} questionKey={quiz.key} question={{ target: { node: nodeId, port }, part }} text={text} testId={testId} />}
    </span>
  );
}
