import * as tf from '@tensorflow/tfjs-core';
import { broadcastShapes, formatShape, oneOutput, sumToShape, toTensor, type TensorData } from '../engine/tensor';
import type { BackwardContext, GatePattern, KindCategory, NodeKind, Params, ParamSpec, ScalarRule } from '../engine/types';
import { numberOps, tensorOps, type ElementOps } from './element-ops';

interface UnaryDefinition {
  kind: string;
  category: KindCategory;
  symbol: string;
  formula: string;
  localFormula: string;
  params?: ParamSpec[];
  pattern?: GatePattern;
  /** The output y = f(x), over tensors or numbers. */
  apply<T>(ops: ElementOps<T>, x: T, params: Params): T;
  /** dy/dx elementwise, given the input x and the output y. */
  derivative<T>(ops: ElementOps<T>, x: T, y: T, params: Params): T;
  isNearKink?: NodeKind['isNearKink'];
}

/** Builds a kind with one input x and one output of the same shape. */
export function unaryKind(definition: UnaryDefinition): NodeKind {
  const local = ({ inputs, outputs, params }: BackwardContext) => [definition.derivative(tensorOps, inputs[0], outputs[0], params)];
  const forward: NodeKind['forward'] = ({ inputs, params }) => [definition.apply(tensorOps, inputs[0], params)];
  const backward: NodeKind['backward'] = (context) => [tf.mul(context.upstream[0], local(context)[0])];
  const scalar: ScalarRule = {
    mirrors: { forward, backward },
    forward: (inputs, params, out, at) => {
      out[at] = definition.apply(numberOps, inputs[0], params);
    },
    // The run multiplies the local gradient by the upstream gradient.
    local: (inputs, outputs, params, out, at) => {
      out[at] = definition.derivative(numberOps, inputs[0], outputs[0], params);
    },
  };
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
    inferShapes: ([x]) => oneOutput(x),
    forward,
    local,
    backward,
    isNearKink: definition.isNearKink,
    scalar,
  };
}

interface BinaryDefinition {
  kind: string;
  symbol: string;
  formula: string;
  localFormulas: [string, string];
  pattern?: GatePattern;
  apply<T>(ops: ElementOps<T>, a: T, b: T): T;
  /** [∂out/∂a, ∂out/∂b] elementwise, given the inputs and the output. */
  derivatives<T>(ops: ElementOps<T>, a: T, b: T, out: T): [T, T];
  isNearKink?: NodeKind['isNearKink'];
}

/**
 * Builds a kind with inputs a and b that broadcast as in NumPy. The gradient of
 * a broadcast input is summed over the axes it was broadcast along.
 */
export function binaryKind(definition: BinaryDefinition): NodeKind {
  const local = ({ inputs, outputs }: BackwardContext) => {
    const [a, b] = inputs;
    return definition.derivatives(tensorOps, a, b, outputs[0]).map((derivative) => tf.broadcastTo(derivative, outputs[0].shape));
  };
  const forward: NodeKind['forward'] = ({ inputs }) => [definition.apply(tensorOps, inputs[0], inputs[1])];
  const backward: NodeKind['backward'] = (context) =>
    local(context).map((derivative, index) => sumToShape(tf.mul(context.upstream[0], derivative), context.inputs[index].shape));
  const scalar: ScalarRule = {
    mirrors: { forward, backward },
    forward: (inputs, _params, out, at) => {
      out[at] = definition.apply(numberOps, inputs[0], inputs[1]);
    },
    // The run multiplies each local gradient by the upstream gradient.
    local: (inputs, outputs, _params, out, at) => {
      const derivatives = definition.derivatives(numberOps, inputs[0], inputs[1], outputs[0]);
      out[at] = derivatives[0];
      out[at + 1] = derivatives[1];
    },
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
        ? oneOutput(shape)
        : {
          error: `shapes ${formatShape(a)} and ${formatShape(b)} do not broadcast: each trailing dimension pair must be equal or contain a 1.`,
          reason: { code: 'no-broadcast', details: { a: formatShape(a), b: formatShape(b) } },
          port: 'b',
        };
    },
    forward,
    local,
    backward,
    isNearKink: definition.isNearKink,
    scalar,
  };
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
