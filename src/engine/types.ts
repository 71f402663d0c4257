import type * as tf from '@tensorflow/tfjs-core';
import type { Shape } from './tensor';

/** The element type a port carries: real-valued tensors or integer class labels. */
export type PortType = 'tensor' | 'labels';

export interface PortSpec {
  name: string;
  type?: PortType;
}

export type ParamValue = number | string | boolean | { shape: number[]; data: number[] };

export interface ParamSpec {
  name: string;
  type: 'number' | 'tensor' | 'choice' | 'boolean';
  default: ParamValue;
  min?: number;
  max?: number;
  choices?: readonly string[];
}

export type Params = Record<string, ParamValue>;

/** Palette groups; the editor shows them in this order. */
export type KindCategory = 'inputs' | 'gates' | 'math' | 'activations' | 'losses';

/** The lecture's names for how a gate treats the upstream gradient. */
export type GatePattern = 'distributes' | 'swaps' | 'routes' | 'sums' | 'scales';

export type ShapeResult = { shapes: number[][] } | { error: string; port?: string };

export interface ForwardContext {
  inputs: tf.Tensor[];
  params: Params;
}

export interface BackwardContext extends ForwardContext {
  outputs: tf.Tensor[];
  /** Gradient of the graph's output with respect to each of this node's outputs. */
  upstream: tf.Tensor[];
}

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
  inferShapes(inputShapes: Shape[], params: Params): ShapeResult;
  forward(context: ForwardContext): tf.Tensor[];
  /**
   * Local gradient of the single output with respect to each input, elementwise.
   * Present only for elementwise kinds, where downstream = upstream × local.
   */
  local?(context: BackwardContext): tf.Tensor[];
  /** Gradient of the graph's output with respect to each input. */
  backward(context: BackwardContext): tf.Tensor[];
}

export type KindRegistry = ReadonlyMap<string, NodeKind>;
