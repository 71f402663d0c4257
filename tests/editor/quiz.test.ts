import { beforeEach, describe, expect, test } from 'vitest';
import { buildInspectorModel } from '../../src/editor/panels/inspector-model';
import { maskInspectorModel } from '../../src/editor/quiz/mask-inspector';
import { quizStore, resetAnswers, revealAll, submitAnswer } from '../../src/editor/quiz/quiz-store';
import { expectedAnswer } from '../../src/editor/quiz/quiz-view';
import { createEditorStore } from '../../src/editor/store/store';
import { questionKey } from '../../src/engine/quiz';

const backend = { name: 'wasm' as const, reason: 'test', reasonCode: 'node' as const };

/** Builds the add-mul preset with the gradient on x's wire and the value of f hidden. */
function addMulQuiz() {
  const store = createEditorStore();
  store.getState().setBackendReady(backend, null);
  store.getState().loadPreset('add-mul');
  const document = store.getState().document;
  store.getState().loadDocument({ ...document, quiz: { hidden: [{ edge: 'x.out->q.a', part: 'gradient' }, { node: 'f', port: 'out', part: 'value' }] } }, null);
  return store;
}

const xGradient = questionKey({ edge: 'x.out->q.a' }, 'gradient');
const fValue = questionKey({ node: 'f', port: 'out' }, 'value');

beforeEach(() => resetAnswers());

describe('quiz in the editor', () => {
  test('deleting a quizzed node drops its entries', () => {
    const store = addMulQuiz();
    store.getState().dispatch({ type: 'removeItems', nodeIds: ['x'], edgeIds: [] });
    // x's wire went with x, so its entry goes too; f's entry stays.
    expect(store.getState().document.quiz?.hidden).toStrictEqual([{ node: 'f', port: 'out', part: 'value' }]);
  });

  test('right answers come from the trace', () => {
    const state = addMulQuiz().getState();
    // ∂f/∂x = z = −4 and f = (x + y) · z = 3 · (−4) = −12.
    expect(expectedAnswer(state, { target: { edge: 'x.out->q.a' }, part: 'gradient' })?.data).toStrictEqual([-4]);
    expect(expectedAnswer(state, { target: { node: 'f', port: 'out' }, part: 'value' })?.data).toStrictEqual([-12]);
  });

  test('inspector masks hidden numbers until revealed', () => {
    const state = addMulQuiz().getState();
    const x = buildInspectorModel(state, 'x')!;
    expect(x.gradients?.[0].total).toBe('-4');
    expect(maskInspectorModel(x, state.document, new Set()).gradients?.[0].total).toBe('?');
    expect(maskInspectorModel(x, state.document, new Set([xGradient])).gradients?.[0].total).toBe('-4');

    const f = maskInspectorModel(buildInspectorModel(state, 'f')!, state.document, new Set());
    expect(f.outputs?.[0].value).toBe('?');
    // The local gradients of f = a · b are its input values, and its output value is hidden, so they are hidden too.
    expect(f.chain?.map((line) => line.local)).toStrictEqual(['?', '?']);
    expect(f.inputs.map((input) => input.value)).toStrictEqual(['3', '-4']);

    const q = maskInspectorModel(buildInspectorModel(state, 'q')!, state.document, new Set());
    // q sends −4 back along x's wire: the hidden answer.
    expect(q.chain?.find((line) => line.port === 'a')?.downstream).toBe('?');
    expect(q.chain?.find((line) => line.port === 'b')?.downstream).toBe('-4');
  });

  test('only a first correct answer scores', () => {
    submitAnswer(xGradient, '4', false, null);
    submitAnswer(xGradient, '-4', true, null);
    submitAnswer(fValue, 'x', null, { code: 'not-a-number', token: 'x' });
    expect(quizStore.getState().revealed.has(fValue)).toBe(false);
    submitAnswer(fValue, '-12', true, null);

    const { answers, revealed } = quizStore.getState();
    expect(answers[xGradient]).toMatchObject({ correct: true, scored: false });
    expect(answers[fValue]).toMatchObject({ correct: true, scored: true });
    expect([...revealed].sort()).toStrictEqual([xGradient, fValue].sort());
  });

  test('revealed question no longer scores', () => {
    revealAll([fValue]);
    submitAnswer(fValue, '-12', true, null);
    expect(quizStore.getState().answers[fValue].scored).toBe(false);
  });
});
