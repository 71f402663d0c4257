import type * as tf from '@tensorflow/tfjs-core';
import type { Reason } from './reasons';
import type { Shape, TensorData } from './tensor';

/** The element type a port carries: real-valued tensors or integer class labels. */
export type PortType = 'tensor' | 'labels';

export interface PortSpec {
  name: string;
  /** Type of value the port carries, 'tensor' when absent. A wire must join ports of the same type. */
  type?: PortType;
  /**
   * Marks an output shown for inspection, such as a loss's per-example values.
   * A sink seeds it with gradient 0 instead of 1, so it adds nothing to the
   * graph's output unless a wire reads it.
   */
  auxiliary?: boolean;
}

/** A parameter's value; a number[] is a tensor shape. */
export type ParamValue = number | string | boolean | number[] | { shape: number[]; data: number[] };

export interface ParamSpec {
  name: string;
  type: 'number' | 'tensor' | 'choice' | 'boolean' | 'shape';
  default: ParamValue;
  min?: number;
  max?: number;
  choices?: readonly string[];
  /** Tells whether the parameter matters given the others; editors hide it when false. */
  isRelevant?(params: Params): boolean;
}

export type Params = Record<string, ParamValue>;

/** Palette groups; the editor shows them in this order. */
export type KindCategory = 'inputs' | 'gates' | 'math' | 'activations' | 'losses';

/** The lecture's names for how a gate treats the upstream gradient. */
export type GatePattern = 'distributes' | 'swaps' | 'routes' | 'sums' | 'scales';

/**
 * Output shapes, or an error on one input port. The error's code is
 * 'shape-mismatch' unless the rule names another. `error` is the English
 * sentence, and `reason` the same sentence as a code and values to translate.
 */
export type ShapeResult = { shapes: number[][] } | ShapeError;

export interface ShapeError {
  error: string;
  reason: Reason;
  port?: string;
  code?: 'shape-mismatch' | 'invalid-param' | 'label-out-of-range';
}

export interface ForwardContext {
  inputs: tf.Tensor[];
  params: Params;
}

export interface BackwardContext extends ForwardContext {
  outputs: tf.Tensor[];
  /** Gradient of the graph's output with respect to each of this node's outputs. */
  upstream: tf.Tensor[];
  /**
   * Which inputs' gradients the caller uses; absent means all. A kind may return
   * any tensor (such as a scalar 0) for an input marked false, to skip costly work.
   */
  wanted?: readonly boolean[];
  /**
   * Flags of the outputs that received a gradient, all true when absent. The
   * upstream of an output marked false is all zeros, so a kind may skip its terms.
   */
  received?: readonly boolean[];
}

/**
 * A kind's forward and backward on plain numbers, for a node whose inputs and
 * outputs are all scalars (shape []). A run uses it in place of the tfjs
 * forward and backward, which cost a tensor per value. Results are rounded to
 * float32, as a tensor would store them. A rule writes its results into the
 * run's arrays instead of returning lists, so a large scalar graph needs no
 * list per node for them.
 *
 * A rule with local gradients may leave out `backward` when the kind has one
 * output and the gradient of each input is its local gradient times the
 * output's upstream gradient. The run then multiplies the two in float32.
 */
export type ScalarRule = ScalarRuleBase & (
  | { local: ScalarLocal; backward?: ScalarBackward }
  | { local?: undefined; backward: ScalarBackward }
);

interface ScalarRuleBase {
  /**
   * The tfjs forward and backward this rule computes on numbers. Compile uses
   * the rule only for a kind whose own forward and backward are these, so a
   * kind that spreads another and replaces either runs on tensors.
   */
  mirrors: Pick<NodeKind, 'forward' | 'backward'>;
  /** Writes the value of each output to `out`, the first at index `at`. */
  forward(inputs: readonly number[], params: Params, out: Float64Array, at: number): void;
}

/** Present exactly when the kind has `local`. Writes the local gradient of each input to `out`, the first at index `at`. */
type ScalarLocal = (inputs: readonly number[], outputs: readonly number[], params: Params, out: Float64Array, at: number) => void;

/**
 * Writes the gradient of the graph's output with respect to each input to
 * `out`, the first at index `at`, given each output's upstream gradient.
 */
type ScalarBackward = (inputs: readonly number[], outputs: readonly number[], upstream: readonly number[], params: Params, out: Float64Array, at: number) => void;

export interface NodeKind {
  kind: string;
  category: KindCategory;
  /** Short symbol drawn on the node, such as "+" or "σ". */
  symbol: string;
  inputs: PortSpec[];
  outputs: PortSpec[];
  params: ParamSpec[];
  /** Forward formula in terms of the input port names, such as "a · b". */
  formula: string;
  /** Local gradient of the output with respect to each input, as formulas. */
  localFormulas?: string[];
  pattern?: GatePattern;
  /** True for kinds whose value is a trainable parameter. */
  trainable?: boolean;
  /**
   * Output shapes from the input shapes. `inputValues` holds, per input, the
   * value the document stores for it when its source kind has `documentOutputs`
   * (such as a labels node), else null; rules use it for checks that need
   * values, such as a label below the class count. Compile reuses the
   * `inputShapes` list for the next node, so a kind must not keep it, and it
   * treats the result as read-only, so kinds may share one frozen result (see `oneOutput`).
   */
  inferShapes(inputShapes: Shape[], params: Params, inputValues: (TensorData | null)[]): ShapeResult;
  /**
   * Source kinds only: the value of each output as the document stores it, or
   * null where it has none. Feeds may replace these values at run time.
   */
  documentOutputs?(params: Params): (TensorData | null)[];
  forward(context: ForwardContext): tf.Tensor[];
  /**
   * Local gradient of the single output with respect to each input, elementwise.
   * Present only for elementwise kinds, where downstream = upstream × local.
   */
  local?(context: BackwardContext): tf.Tensor[];
  /** Gradient of the graph's output with respect to each input. */
  backward(context: BackwardContext): tf.Tensor[];
  /**
   * Tells whether an input element lies within `reach` of a point where this
   * kind's derivative jumps, such as ReLU at x = 0. Present only on kinds with
   * such points; the gradient check reports a disagreement there as a kink.
   * `params` are the node's parameters, such as the SVM margin that places the kink.
   */
  isNearKink?(inputs: TensorData[], reach: number, params: Params): boolean;
  /** The same forward and backward on numbers, used where every input and output is a scalar. */
  scalar?: ScalarRule;
}

export type KindRegistry = ReadonlyMap<string, NodeKind>;
