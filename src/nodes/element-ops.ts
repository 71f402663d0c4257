import * as tf from '@tensorflow/tfjs-core';

/**
 * Elementwise operations that the formulas of elementwise kinds are written in.
 * Each formula is written once and evaluated over tfjs tensors (`tensorOps`) or,
 * for nodes whose inputs and outputs are all scalars, over plain numbers
 * (`numberOps`). A mask is 1 where its comparison is true and 0 elsewhere.
 */
export interface ElementOps<T> {
  add(a: T, b: T | number): T;
  sub(a: T | number, b: T): T;
  mul(a: T, b: T | number): T;
  div(a: T, b: T): T;
  neg(x: T): T;
  square(x: T): T;
  reciprocal(x: T): T;
  exp(x: T): T;
  log(x: T): T;
  sigmoid(x: T): T;
  tanh(x: T): T;
  relu(x: T): T;
  leakyRelu(x: T, alpha: number): T;
  /** Larger of a and b, NaN where either is NaN. */
  maximum(a: T, b: T): T;
  /** Smaller of a and b, NaN where either is NaN. */
  minimum(a: T, b: T): T;
  greater(a: T, b: T | number): T;
  greaterEqual(a: T, b: T): T;
  less(a: T, b: T): T;
  lessEqual(a: T, b: T): T;
  /** `ifOne` where the mask is 1, else `ifZero`. */
  select(mask: T, ifOne: T, ifZero: T): T;
  /** A value shaped like `like` with every element `value`. */
  fill(like: T, value: number): T;
  /** Ones shaped like `like`. */
  ones(like: T): T;
}

/**
 * Makes `result` NaN wherever a or b is NaN. The WASM backend of tfjs 4.22
 * returns a from maximum and minimum where only b is NaN, while the CPU
 * backend returns NaN. This keeps the NaN on every backend, so the run's
 * NaN check finds it.
 */
export function propagateNaN(a: tf.Tensor, b: tf.Tensor, result: tf.Tensor): tf.Tensor {
  return tf.where(tf.logicalOr(tf.isNaN(a), tf.isNaN(b)), tf.scalar(NaN), result);
}

const asMask = (condition: tf.Tensor) => tf.cast(condition, 'float32');

export const tensorOps: ElementOps<tf.Tensor> = {
  add: (a, b) => tf.add(a, b),
  sub: (a, b) => tf.sub(a, b),
  mul: (a, b) => tf.mul(a, b),
  div: (a, b) => tf.div(a, b),
  neg: (x) => tf.neg(x),
  square: (x) => tf.square(x),
  reciprocal: (x) => tf.reciprocal(x),
  exp: (x) => tf.exp(x),
  log: (x) => tf.log(x),
  sigmoid: (x) => tf.sigmoid(x),
  tanh: (x) => tf.tanh(x),
  relu: (x) => tf.relu(x),
  leakyRelu: (x, alpha) => tf.leakyRelu(x, alpha),
  maximum: (a, b) => propagateNaN(a, b, tf.maximum(a, b)),
  minimum: (a, b) => propagateNaN(a, b, tf.minimum(a, b)),
  greater: (a, b) => asMask(tf.greater(a, b)),
  greaterEqual: (a, b) => asMask(tf.greaterEqual(a, b)),
  less: (a, b) => asMask(tf.less(a, b)),
  lessEqual: (a, b) => asMask(tf.lessEqual(a, b)),
  select: (mask, ifOne, ifZero) => tf.where(tf.cast(mask, 'bool'), ifOne, ifZero),
  fill: (like, value) => tf.fill(like.shape, value),
  ones: (like) => tf.onesLike(like),
};

// Every result is rounded to float32 as a tfjs tensor stores it. Arithmetic on
// float32 operands rounded once is what tfjs's CPU backend computes, and the
// transcendental functions use the same Math functions as that backend.
const f32 = Math.fround;
const mask = (condition: boolean) => (condition ? 1 : 0);

export const numberOps: ElementOps<number> = {
  add: (a, b) => f32(a + f32(b)),
  sub: (a, b) => f32(f32(a) - b),
  mul: (a, b) => f32(a * f32(b)),
  div: (a, b) => f32(a / b),
  neg: (x) => -x,
  square: (x) => f32(x * x),
  reciprocal: (x) => f32(1 / x),
  exp: (x) => f32(Math.exp(x)),
  log: (x) => f32(Math.log(x)),
  sigmoid: (x) => f32(1 / (1 + Math.exp(-x))),
  tanh: (x) => f32(Math.tanh(x)),
  relu: (x) => Math.max(0, x),
  leakyRelu: (x, alpha) => (x < 0 ? f32(alpha * x) : x),
  maximum: (a, b) => Math.max(a, b),
  minimum: (a, b) => Math.min(a, b),
  greater: (a, b) => mask(a > f32(b)),
  greaterEqual: (a, b) => mask(a >= b),
  less: (a, b) => mask(a < b),
  lessEqual: (a, b) => mask(a <= b),
  select: (condition, ifOne, ifZero) => (condition === 1 ? ifOne : ifZero),
  fill: (_like, value) => f32(value),
  ones: () => 1,
};
