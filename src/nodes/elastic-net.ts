import * as tf from '@tensorflow/tfjs-core';
import { numberParam } from './params';
import { isNearZero, penaltyKind, signKeepingNaN, strength } from './penalty';

/** Elastic net λ1 Σ |w| + λ2 Σ w²: the L1 and L2 penalties together, each without a ½ factor. */
export const elasticNet = penaltyKind({
  kind: 'elastic-net',
  symbol: 'L1+L2',
  formula: 'λ1 · Σ |w| + λ2 · Σ w² (no ½ factor)',
  localFormula: 'λ1 · sign(w) + 2λ2 · w, sign(0) = 0',
  params: [strength('lambda1'), strength('lambda2')],
  apply: (w, params) =>
    tf.add(tf.mul(numberParam(params, 'lambda1'), tf.sum(tf.abs(w))), tf.mul(numberParam(params, 'lambda2'), tf.sum(tf.square(w)))),
  derivative: (w, params) =>
    tf.add(tf.mul(numberParam(params, 'lambda1'), signKeepingNaN(w)), tf.mul(2 * numberParam(params, 'lambda2'), w)),
  isNearKink: isNearZero,
});
