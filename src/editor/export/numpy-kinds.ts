import type { Params } from '../../engine/types';
import { axisParam, numberParamLiteral } from './code-plan';

/**
 * Python expressions of one node: `inputs`, `outputs` and `upstream` are the
 * variable names of its input values, its output values and the gradients of
 * the total with respect to its outputs.
 */
export interface KindContext {
  inputs: string[];
  outputs: string[];
  upstream: string[];
  params: Params;
}

/** One expression per output (or input), or one tuple expression that unpacks into all of them. */
export type Expressions = string[] | { tuple: string };

export interface NumpyKind {
  helpers?: string[];
  forward(context: KindContext): Expressions;
  /** The gradient of the total with respect to each input, written by hand from the kind's derivative. */
  backward(context: KindContext): Expressions;
}

const toShape = (gradient: string, operand: string) => `sum_to_shape(${gradient}, ${operand}.shape)`;

/** f(a, b) with NumPy broadcasting; each input's gradient is summed back to that input's shape. */
function binary(forward: (a: string, b: string) => string, gradients: (a: string, b: string, g: string) => [string, string]): NumpyKind {
  return {
    helpers: ['sum_to_shape'],
    forward: ({ inputs: [a, b] }) => [forward(a, b)],
    backward: ({ inputs: [a, b], upstream: [g] }) => {
      const [da, db] = gradients(a, b, g);
      return [toShape(da, a), toShape(db, b)];
    },
  };
}

/** y = f(x) elementwise, with dL/dx = upstream × f'(x). */
function unary(forward: (x: string, params: Params) => string, backward: (x: string, y: string, g: string, params: Params) => string): NumpyKind {
  return {
    forward: ({ inputs: [x], params }) => [forward(x, params)],
    backward: ({ inputs: [x], outputs: [y], upstream: [g], params }) => [backward(x, y, g, params)],
  };
}

/** Sum or mean over all elements or one axis; `scale` divides the gradient by the count for a mean. */
function reduction(name: 'sum' | 'mean'): NumpyKind {
  return {
    forward: ({ inputs: [x], params }) => {
      const axis = axisParam(params);
      return [axis === null ? `np.${name}(${x})` : `np.${name}(${x}, axis=${axis})`];
    },
    backward: ({ inputs: [x], upstream: [g], params }) => {
      const axis = axisParam(params);
      const spread = axis === null ? g : `np.expand_dims(${g}, ${axis})`;
      let count = '';
      if (name === 'mean') count = axis === null ? ` / ${x}.size` : ` / ${x}.shape[${axis}]`;
      return [`np.broadcast_to(${spread}${count}, ${x}.shape).copy()`];
    },
  };
}

const c = (params: Params) => numberParamLiteral(params, 'c');
const lambda = (params: Params, name: string) => numberParamLiteral(params, name);

/** Forward and hand-written backward of every built-in kind with inputs. Sources are written as constants instead. */
export const numpyKinds: Readonly<Record<string, NumpyKind>> = {
  add: binary((a, b) => `${a} + ${b}`, (_a, _b, g) => [g, g]),
  subtract: binary((a, b) => `${a} - ${b}`, (_a, _b, g) => [g, `-${g}`]),
  multiply: binary((a, b) => `${a} * ${b}`, (a, b, g) => [`${g} * ${b}`, `${g} * ${a}`]),
  divide: binary((a, b) => `${a} / ${b}`, (a, b, g) => [`${g} / ${b}`, `-${g} * ${a} / ${b} ** 2`]),
  // Ties send the whole gradient to a, as the engine does.
  max: binary((a, b) => `np.maximum(${a}, ${b})`, (a, b, g) => [`${g} * (${a} >= ${b})`, `${g} * (${a} < ${b})`]),
  min: binary((a, b) => `np.minimum(${a}, ${b})`, (a, b, g) => [`${g} * (${a} <= ${b})`, `${g} * (${a} > ${b})`]),
  copy: {
    forward: ({ inputs: [x] }) => [`${x}.copy()`, `${x}.copy()`],
    backward: ({ upstream: [g0, g1] }) => [`${g0} + ${g1}`],
  },
  negate: unary((x) => `-${x}`, (_x, _y, g) => `-${g}`),
  exp: unary((x) => `np.exp(${x})`, (_x, y, g) => `${g} * ${y}`),
  log: unary((x) => `np.log(${x})`, (x, _y, g) => `${g} / ${x}`),
  reciprocal: unary((x) => `1 / ${x}`, (_x, y, g) => `-${g} * ${y} ** 2`),
  'add-constant': unary((x, params) => `${x} + ${c(params)}`, (_x, _y, g) => g),
  'multiply-constant': unary((x, params) => `${c(params)} * ${x}`, (_x, _y, g, params) => `${c(params)} * ${g}`),
  sigmoid: unary((x) => `1 / (1 + np.exp(-${x}))`, (_x, y, g) => `${g} * ${y} * (1 - ${y})`),
  tanh: unary((x) => `np.tanh(${x})`, (_x, y, g) => `${g} * (1 - ${y} ** 2)`),
  relu: unary((x) => `np.maximum(${x}, 0)`, (x, _y, g) => `${g} * (${x} > 0)`),
  'leaky-relu': unary(
    (x, params) => `np.where(${x} > 0, ${x}, ${lambda(params, 'alpha')} * ${x})`,
    (x, _y, g, params) => `${g} * np.where(${x} > 0, 1.0, ${lambda(params, 'alpha')})`,
  ),
  softmax: { helpers: ['softmax', 'softmax_backward'], ...unary((x) => `softmax(${x})`, (_x, y, g) => `softmax_backward(${y}, ${g})`) },
  sum: reduction('sum'),
  mean: reduction('mean'),
  matmul: {
    forward: ({ inputs: [a, b] }) => [`${a} @ ${b}`],
    backward: ({ inputs: [a, b], upstream: [g] }) => [`${g} @ ${b}.T`, `${a}.T @ ${g}`],
  },
  'bias-add': {
    forward: ({ inputs: [x, b] }) => [`${x} + ${b}`],
    backward: ({ inputs: [x, b], upstream: [g] }) => [g, `np.sum(${g}, axis=tuple(range(${x}.ndim - ${b}.ndim)))`],
  },
  transpose: unary((x) => `${x}.T`, (_x, _y, g) => `${g}.T`),
  'svm-loss': {
    helpers: ['svm_loss', 'svm_loss_backward'],
    forward: ({ inputs: [s, y], params }) => ({ tuple: `svm_loss(${s}, ${y}, ${lambda(params, 'margin')})` }),
    backward: ({ inputs: [s, y], upstream: [gLoss, gPer], params }) => ({ tuple: `svm_loss_backward(${s}, ${y}, ${lambda(params, 'margin')}, ${gLoss}, ${gPer})` }),
  },
  'softmax-ce': {
    helpers: ['softmax_cross_entropy', 'softmax_cross_entropy_backward'],
    forward: ({ inputs: [s, y] }) => ({ tuple: `softmax_cross_entropy(${s}, ${y})` }),
    backward: ({ inputs: [s, y], outputs: [, probs], upstream: [gLoss, gProbs] }) => ({ tuple: `softmax_cross_entropy_backward(${s}, ${y}, ${probs}, ${gLoss}, ${gProbs})` }),
  },
  // The L1 kink: sign(0) = 0, so a weight at exactly 0 gets no L1 gradient.
  'l1-penalty': unary((w, params) => `${lambda(params, 'lambda')} * np.sum(np.abs(${w}))`, (w, _y, g, params) => `${g} * ${lambda(params, 'lambda')} * np.sign(${w})`),
  'l2-penalty': unary((w, params) => `${lambda(params, 'lambda')} * np.sum(${w} ** 2)`, (w, _y, g, params) => `${g} * 2 * ${lambda(params, 'lambda')} * ${w}`),
  'elastic-net': unary(
    (w, params) => `${lambda(params, 'lambda1')} * np.sum(np.abs(${w})) + ${lambda(params, 'lambda2')} * np.sum(${w} ** 2)`,
    (w, _y, g, params) => `${g} * (${lambda(params, 'lambda1')} * np.sign(${w}) + 2 * ${lambda(params, 'lambda2')} * ${w})`,
  ),
};
