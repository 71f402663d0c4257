import { describe, expect, test } from 'vitest';
import caseC03 from '../cases/C03.json';
import caseC04 from '../cases/C04.json';
import { registry } from '../../src/nodes';
import { LECTURE_LABELS, LECTURE_ROWS, lossesAlongCorrectScore, rowLosses } from '../../src/presets/views/losses';
import { expectClose } from '../helpers/numeric';

function rowsOf(data: number[], columns: number): number[][] {
  return Array.from({ length: data.length / columns }, (_unused, i) => data.slice(i * columns, (i + 1) * columns));
}

describe('hinge vs softmax rows', () => {
  test('hinge per example matches the lecture case', () => {
    const scores = rowsOf(caseC03.document.nodes[0].params.value!.data as number[], 3);
    const labels = caseC03.document.nodes[1].params.value!.data as number[];

    const losses = rowLosses(scores, labels, registry);

    expectClose(losses.map((row) => row.hinge), caseC03.expected.values['L:perExample'], { abs: caseC03.tol.abs }, 'hinge per example');
  });

  test('hinge gradient per example is N times the mean gradient', () => {
    const scores = rowsOf(caseC03.document.nodes[0].params.value!.data as number[], 3);
    const losses = rowLosses(scores, [0, 1, 2], registry);

    const expected = caseC03.expected.grads.S.map((row) => row.map((g) => g * 3));
    expectClose(losses.map((row) => row.hingeGradient).flat(), expected.flat(), { abs: 1e-3 }, 'hinge gradients');
  });

  test('softmax loss and gradient match the lecture case', () => {
    const scores = [caseC04.document.nodes[0].params.value!.data as number[]];

    const [row] = rowLosses(scores, [0], registry);

    expect(Math.abs(row.softmax - caseC04.expected.values.L) / caseC04.expected.values.L).toBeLessThan(1e-3);
    expectClose(row.probabilities, caseC04.expected.values['L:probs'], { abs: 1e-3 }, 'probabilities');
    expectClose(row.softmaxGradient, caseC04.expected.grads.s, { abs: 1e-3 }, 'softmax gradient');
  });

  test('lecture rows: hinge 0, softmax above 0', () => {
    const losses = rowLosses(LECTURE_ROWS, LECTURE_LABELS, registry);

    // By hand: ln(1 + e^−12 + e^−7) = 9.18e−4, ln(1 + 2e^−1) = 0.5514, ln(1 + 2e^−110) ≈ 0.
    expectClose(losses.map((row) => row.hinge), [0, 0, 0], { abs: 1e-6 }, 'hinge');
    expectClose(losses.map((row) => row.softmax), [9.18e-4, 0.5514, 0], { abs: 1e-4 }, 'softmax');
    expect(losses[0].softmax).toBeGreaterThan(0);
  });
});

describe('losses along the correct score', () => {
  // Row [s, 9, 9] with the correct class 0: hinge = 2·max(0, 10 − s), softmax = ln(1 + 2e^(9 − s)).
  const values = [7, 9, 10, 11, 14];

  test('hinge by hand', () => {
    const curves = lossesAlongCorrectScore([10, 9, 9], 0, values, registry);

    expectClose(curves.hinge, values.map((s) => 2 * Math.max(0, 10 - s)), { abs: 1e-5 }, 'hinge');
  });

  test('softmax by hand', () => {
    const curves = lossesAlongCorrectScore([10, 9, 9], 0, values, registry);

    expectClose(curves.softmax, values.map((s) => Math.log(1 + 2 * Math.exp(9 - s))), { abs: 1e-5 }, 'softmax');
  });
});
