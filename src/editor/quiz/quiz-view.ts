import type { GraphDocument } from '../../engine/document';
import { DEFAULT_TOLERANCE, hiddenIndex, isHidden, portKey, questionKey, quizQuestions, type QuizQuestion } from '../../engine/quiz';
import type { TensorData } from '../../engine/tensor';
import type { NodeKind } from '../../engine/types';
import { registry } from '../../nodes';
import { findNode } from '../canvas/selectors';
import type { EditorState } from '../store/store';
import { useEditor } from '../store/use-editor';
import { moduleDisplayKind } from '../teaching/module-kind';
import { useQuiz, type QuizState } from './quiz-store';

/**
 * Display mode of one value or gradient label under the quiz. `plain` shows
 * it as usual, `hidden` as "?", `ask` as a prediction field, and `answered`
 * as the right value with the student's mark. In quiz editing, `edit-shown`
 * and `edit-hidden` show a button that hides or shows it.
 */
export type SlotMode = 'plain' | 'hidden' | 'ask' | 'answered' | 'edit-shown' | 'edit-hidden';

export type QuizPartName = QuizQuestion['part'];

const noKeys: readonly string[] = [];

/**
 * Works out a slot's mode. A number from a source, the value of a source node that
 * its own value field shows, cannot be hidden, so quiz editing leaves it plain.
 */
function slotMode(state: QuizState, keys: readonly string[] | null, own: string, fromSource: boolean): SlotMode {
  if (state.editing && fromSource) return keys?.includes(own) ? 'edit-hidden' : 'plain';
  if (state.editing) return keys?.includes(own) ? 'edit-hidden' : 'edit-shown';
  if (keys === null) return 'plain';
  if (keys.includes(own)) return state.revealed.has(own) ? 'answered' : 'ask';
  return isHidden(keys, state.revealed) ? 'hidden' : 'plain';
}

/** Tells whether a node is a source (input, parameter, constant), whose value its own field shows. */
function isSourceNode(document: GraphDocument, nodeId: string): boolean {
  return kindOfNode(document, nodeId)?.inputs.length === 0;
}

/** Returns the quiz mode of a wire's value or gradient label; the selectors do O(1) work per wire. */
export function useWireQuiz(edgeId: string, sourceId: string, part: QuizPartName): { mode: SlotMode; key: string } {
  const keys = useEditor((state) => {
    const index = hiddenIndex(state.document);
    return (part === 'value' ? index.edgeValues : index.edgeGradients).get(edgeId) ?? null;
  });
  const fromSource = useEditor((state) => part === 'value' && isSourceNode(state.document, sourceId));
  const key = questionKey({ edge: edgeId }, part);
  const mode = useQuiz((state) => slotMode(state, keys, key, fromSource));
  return { mode, key };
}

/** Returns the quiz mode of a node's value or gradient readout for one output port. */
export function usePortQuiz(nodeId: string, port: string, part: QuizPartName): { mode: SlotMode; key: string } {
  const keys = useEditor((state) => {
    const index = hiddenIndex(state.document);
    return (part === 'value' ? index.values : index.portGradients).get(portKey(nodeId, port)) ?? null;
  });
  const fromSource = useEditor((state) => part === 'value' && isSourceNode(state.document, nodeId));
  const key = questionKey({ node: nodeId, port }, part);
  const mode = useQuiz((state) => slotMode(state, keys, key, fromSource));
  return { mode, key };
}

/** True while quiz editing is on or a quiz hides any value or gradient of the node's outputs. */
export function useNodeQuizzed(nodeId: string, outputs: readonly string[]): boolean {
  const editing = useQuiz((state) => state.editing);
  const touched = useEditor((state) => {
    const index = hiddenIndex(state.document);
    return outputs.some((port) => index.values.has(portKey(nodeId, port)) || index.portGradients.has(portKey(nodeId, port)));
  });
  return editing || touched;
}

/** Looks up a node's kind in the registry, or the kind a module node stands for. */
export function kindOfNode(document: GraphDocument, nodeId: string): NodeKind | null {
  const node = findNode(document, nodeId);
  if (!node) return null;
  return registry.get(node.kind) ?? moduleDisplayKind(node, document.modules);
}

/** Returns the right answer of a question from the current trace, or null when the graph did not compute it. */
export function expectedAnswer(state: Pick<EditorState, 'document' | 'trace'>, question: Pick<QuizQuestion, 'target' | 'part'>): TensorData | null {
  const { target, part } = question;
  if ('edge' in target) {
    const edge = state.trace?.edges[target.edge];
    return (part === 'value' ? edge?.value : edge?.gradient) ?? null;
  }
  const record = state.trace?.nodes[target.node];
  const index = kindOfNode(state.document, target.node)?.outputs.findIndex((port) => port.name === target.port) ?? -1;
  if (!record || index < 0) return null;
  return (part === 'value' ? record.outputs[index] : record.upstream?.[index]) ?? null;
}

export function toleranceOf(document: GraphDocument) {
  return document.quiz?.tolerance ?? DEFAULT_TOLERANCE;
}

const keysByQuiz = new WeakMap<NonNullable<GraphDocument['quiz']>, readonly string[]>();

/** Keys of every question of the document's quiz; the same array while the quiz is unchanged, as store selectors need. */
export function questionKeysOf(document: GraphDocument): readonly string[] {
  const quiz = document.quiz;
  if (!quiz || quiz.hidden.length === 0) return noKeys;
  let keys = keysByQuiz.get(quiz);
  if (!keys) keysByQuiz.set(quiz, (keys = quizQuestions(quiz).map((question) => question.key)));
  return keys;
}

/** True while the document's quiz has a question whose right value does not show yet. */
export function useQuizOpen(): boolean {
  const keys = useEditor((state) => questionKeysOf(state.document));
  return useQuiz((state) => keys.some((key) => !state.revealed.has(key)));
}
