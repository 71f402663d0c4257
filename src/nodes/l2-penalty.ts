import * as tf from '@tensorflow/tfjs-core';
import { numberParam } from './params';
import { penaltyKind, strength } from './penalty';

/** L2 weight penalty λ Σ w², written without a ½ factor, so its gradient is 2λw. */
export const l2Penalty = penaltyKind({
  kind: 'l2-penalty',
  symbol: 'L2',
  formula: 'λ · Σ w² (no ½ factor)',
  localFormula: '2λ · w',
  params: [strength('lambda')],
  apply: (w, params) => tf.mul(numberParam(params, 'lambda'), tf.sum(tf.square(w))),
  derivative: (w, params) => tf.mul(2 * numberParam(params, 'lambda'), w),
});
