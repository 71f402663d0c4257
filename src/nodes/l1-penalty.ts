import * as tf from '@tensorflow/tfjs-core';
import { numberParam } from './params';
import { isNearZero, penaltyKind, signKeepingNaN, strength } from './penalty';

/** L1 weight penalty λ Σ |w|. Its gradient is λ · sign(w), taking sign(0) = 0 at the kink. */
export const l1Penalty = penaltyKind({
  kind: 'l1-penalty',
  symbol: 'L1',
  formula: 'λ · Σ |w|',
  localFormula: 'λ · sign(w), sign(0) = 0',
  params: [strength('lambda')],
  apply: (w, params) => tf.mul(numberParam(params, 'lambda'), tf.sum(tf.abs(w))),
  derivative: (w, params) => tf.mul(numberParam(params, 'lambda'), signKeepingNaN(w)),
  isNearKink: isNearZero,
});
