import * as tf from '@tensorflow/tfjs-core';
import { broadcastShapes, formatShape, sumToShape, toTensor, type TensorData } from '../engine/tensor';
import type { BackwardContext, GatePattern, KindCategory, NodeKind, Params, ParamSpec } from '../engine/types';

interface UnaryDefinition {
  kind: string;
  category: KindCategory;
  symbol: string;
  formula: string;
  localFormula: string;
  params?: ParamSpec[];
  pattern?: GatePattern;
  /** The output y = f(x). */
  apply(x: tf.Tensor, params: Params): tf.Tensor;
  /** dy/dx elementwise, given the input x and the output y. */
  derivative(x: tf.Tensor, y: tf.Tensor, params: Params): tf.Tensor;
  isNearKink?: NodeKind['isNearKink'];
}

/** Builds a kind with one input x and one output of the same shape. */
export function unaryKind(definition: UnaryDefinition): NodeKind {
  const local = ({ inputs, outputs, params }: BackwardContext) => [definition.derivative(inputs[0], outputs[0], params)];
  return {
    kind: definition.kind,
    category: definition.category,
    symbol: definition.symbol,
    inputs: [{ name: 'x' }],
    outputs: [{ name: 'out' }],
    params: definition.params ?? [],
    formula: definition.formula,
    localFormulas: [definition.localFormula],
    pattern: definition.pattern,
    inferShapes: ([x]) => ({ shapes: [[...x]] }),
    forward: ({ inputs, params }) => [definition.apply(inputs[0], params)],
    local,
    backward: (context) => [tf.mul(context.upstream[0], local(context)[0])],
    isNearKink: definition.isNearKink,
  };
}

interface BinaryDefinition {
  kind: string;
  symbol: string;
  formula: string;
  localFormulas: [string, string];
  pattern?: GatePattern;
  apply(a: tf.Tensor, b: tf.Tensor): tf.Tensor;
  /** [∂out/∂a, ∂out/∂b] elementwise in the broadcast shape. */
  derivatives(a: tf.Tensor, b: tf.Tensor, out: tf.Tensor): [tf.Tensor, tf.Tensor];
  isNearKink?: NodeKind['isNearKink'];
}

/**
 * Builds a kind with inputs a and b that broadcast as in NumPy. The gradient of
 * a broadcast input is summed over the axes it was broadcast along.
 */
export function binaryKind(definition: BinaryDefinition): NodeKind {
  const local = ({ inputs, outputs }: BackwardContext) => {
    const [a, b] = inputs;
    return definition.derivatives(a, b, outputs[0]).map((derivative) => tf.broadcastTo(derivative, outputs[0].shape));
  };
  return {
    kind: definition.kind,
    category: 'gates',
    symbol: definition.symbol,
    inputs: [{ name: 'a' }, { name: 'b' }],
    outputs: [{ name: 'out' }],
    params: [],
    formula: definition.formula,
    localFormulas: definition.localFormulas,
    pattern: definition.pattern,
    inferShapes: ([a, b]) => {
      const shape = broadcastShapes(a, b);
      return shape
        ? { shapes: [shape] }
        : { error: `shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast: each trailing dimension pair must be equal or contain a 1.`, port: 'b' };
    },
    forward: ({ inputs }) => [definition.apply(inputs[0], inputs[1])],
    local,
    backward: (context) =>
      local(context).map((derivative, index) => sumToShape(tf.mul(context.upstream[0], derivative), context.inputs[index].shape)),
    isNearKink: definition.isNearKink,
  };
}

/**
 * Makes `result` NaN wherever a or b is NaN. The WASM backend of tfjs 4.22
 * returns a from maximum and minimum where only b is NaN, while the CPU
 * backend returns NaN. This keeps the NaN on every backend, so the run's
 * NaN check sees it.
 */
export function propagateNaN(a: tf.Tensor, b: tf.Tensor, result: tf.Tensor): tf.Tensor {
  return tf.where(tf.logicalOr(tf.isNaN(a), tf.isNaN(b)), tf.scalar(NaN), result);
}

/**
 * Tells whether some broadcast element pair of a and b is within 2 · reach of
 * a tie, where max and min switch inputs. The factor 2 lets each input move
 * by reach.
 */
export function isNearTie([a, b]: TensorData[], reach: number): boolean {
  const closest = tf.tidy(() => tf.min(tf.abs(tf.sub(toTensor(a), toTensor(b)))).dataSync()[0]);
  return closest <= 2 * reach;
}
