import * as tf from '@tensorflow/tfjs-core';
import type { CompiledNode, Program } from '../compile';
import { checkFeeds, computeOutputs, findSinks, isSeeded, readInputs, type Feeds } from '../pass';
import { findHealthLayers, type HealthLayer } from './layers';
import { SIGMOID_SATURATION, TANH_SATURATION, type LayerHealth } from './metrics';

/**
 * Measures the health of every layer on one forward and backward pass, with
 * the signals computed by tfjs ops on the backend. It returns what
 * `measureHealth` returns for a traced run of the same program and feeds, but
 * reads back only 4 numbers per layer in one `dataSync`, where a trace reads
 * every value and gradient into JavaScript arrays. The trainer feeds its
 * variables to the parameter nodes, so no weight leaves the backend.
 *
 * The gradient norms are summed in float32 on the backend, so they can differ
 * from `measureHealth`'s float64 sums in about the fifth significant digit.
 * Every tensor the pass creates is disposed before it returns, and the fed
 * tensors stay with the caller. Throws when a feed does not fit the program.
 */
export function measureBatchHealth(program: Program, feeds: Feeds): LayerHealth[] {
  checkFeeds(program, feeds);
  const plan = planFor(program);
  if (plan.layers.length === 0) return [];

  const { figures, reached } = tf.tidy(() => {
    const outputs = runForward(program, feeds);
    const gradients = runBackward(plan, outputs);
    const layerGradients = plan.layers.map((layer) => gradients.get(layer.nodeId) ?? null);
    const rows = plan.layers.map((layer, index) => layerFigures(layer, outputs.get(layer.nodeId)![0], layerGradients[index]));
    return { figures: tf.stack(rows.flat()), reached: layerGradients.map((gradient) => gradient !== null) };
  });
  const values = figures.dataSync();
  figures.dispose();

  return plan.layers.map((layer, index) => {
    const [divisor, root, count, valueCheck] = values.subarray(index * FIGURES_PER_LAYER, (index + 1) * FIGURES_PER_LAYER);
    let deadFraction: number | null = null;
    let saturatedFraction: number | null = null;
    if (layer.kind === 'relu') deadFraction = fractionOf(unitCount(plan.shapes[index]) - count, unitCount(plan.shapes[index]));
    if (layer.kind === 'sigmoid' || layer.kind === 'tanh') saturatedFraction = fractionOf(count, plan.sizes[index]);
    return {
      layer,
      gradientNorm: reached[index] ? divisor * root : null,
      deadFraction,
      saturatedFraction,
      nonFinite: Number.isNaN(valueCheck) || (reached[index] && !Number.isFinite(root)),
    };
  });
}

/** Divides a count by a total, with 0 for an empty total as `measureHealth` has it. */
function fractionOf(count: number, total: number): number {
  return total === 0 ? 0 : count / total;
}

/**
 * Numbers read back per layer: the gradient's divisor and scaled norm, the
 * alive units or saturated elements, and the value check (see layerFigures).
 */
const FIGURES_PER_LAYER = 4;

/** Layers, sinks and backward order of one program, worked out once per program. */
interface HealthPlan {
  layers: HealthLayer[];
  /** Output shape and element count of each layer's node, in the order of `layers`. */
  shapes: number[][];
  sizes: number[];
  sinks: Set<string>;
  /**
   * Nodes whose backward runs, in reverse topological order: the layers and
   * every node that reads from one, directly or not, because no other
   * gradient reaches a layer.
   */
  backwardOrder: CompiledNode[];
  /** Per node of backwardOrder, which inputs' gradients the pass uses. */
  wanted: Map<string, boolean[]>;
  /** Activation layers, whose gradient is the one they send to their input. */
  activations: Set<string>;
}

// NOTE: a plan assumes a program is not changed after compile, as compile's callers do.
const plans = new WeakMap<Program, HealthPlan>();

function planFor(program: Program): HealthPlan {
  const cached = plans.get(program);
  if (cached) return cached;

  const layers = findHealthLayers(program);
  const layerIds = new Set(layers.map((layer) => layer.nodeId));
  const activations = new Set(layers.filter((layer) => layer.role === 'activation').map((layer) => layer.nodeId));
  const dependent = new Set<string>();
  for (const node of program.order) {
    if (layerIds.has(node.id) || node.inputs.some((binding) => dependent.has(binding!.edge.source))) dependent.add(node.id);
  }
  const backwardOrder = program.order.filter((node) => dependent.has(node.id)).reverse();
  const wanted = new Map(backwardOrder.map((node) => [
    node.id,
    node.inputs.map((binding, index) => dependent.has(binding!.edge.source) || (index === 0 && activations.has(node.id))),
  ]));
  const shapes = layers.map((layer) => program.nodes.get(layer.nodeId)!.outputShapes[0]);
  const sizes = shapes.map((shape) => shape.reduce((product, dim) => product * dim, 1));
  const plan: HealthPlan = { layers, shapes, sizes, sinks: new Set(findSinks(program)), backwardOrder, wanted, activations };
  plans.set(program, plan);
  return plan;
}

function runForward(program: Program, feeds: Feeds): Map<string, tf.Tensor[]> {
  const outputs = new Map<string, tf.Tensor[]>();
  for (const node of program.order) outputs.set(node.id, computeOutputs(node, readInputs(node, outputs), feeds));
  return outputs;
}

/**
 * Sends gradients back from the sinks, as a traced run does, through the
 * nodes of the plan's backward order only. Returns each layer's gradient: the
 * upstream gradient of a parameter, and the downstream gradient to the input
 * of an activation. A layer that no gradient reached has no entry.
 */
function runBackward(plan: HealthPlan, outputs: ReadonlyMap<string, tf.Tensor[]>): Map<string, tf.Tensor> {
  // Gradients sent back along each wire, keyed by edge id.
  const sent = new Map<string, tf.Tensor>();
  const layerGradients = new Map<string, tf.Tensor>();

  for (const node of plan.backwardOrder) {
    const values = outputs.get(node.id)!;
    const upstream = values.map((value, index) => {
      const received = node.consumers[index].filter((edge) => sent.has(edge.id)).map((edge) => sent.get(edge.id)!);
      if (plan.sinks.has(node.id) && isSeeded(node, index)) received.push(tf.onesLike(value));
      return received;
    });
    if (upstream.every((received) => received.length === 0)) continue;

    // An output read by several wires is an implicit copy: its gradient is the sum.
    const summed = upstream.map((received, index) => {
      if (received.length === 0) return tf.zerosLike(values[index]);
      return received.length === 1 ? received[0] : tf.addN(received);
    });
    if (node.inputs.length === 0) {
      layerGradients.set(node.id, summed[0]);
      continue;
    }
    const wanted = plan.wanted.get(node.id)!;
    const context = { inputs: readInputs(node, outputs), params: node.params, outputs: values, upstream: summed, wanted, received: upstream.map((parts) => parts.length > 0) };
    const downstream = node.kind.backward(context);
    node.inputs.forEach((binding, index) => {
      if (wanted[index]) sent.set(binding!.edge.id, downstream[index]);
    });
    if (plan.activations.has(node.id)) layerGradients.set(node.id, downstream[0]);
  }
  return layerGradients;
}

/** Smallest normal and largest finite float32 numbers. */
const FLOAT32_MIN_NORMAL = 2 ** -126;
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Returns a layer's 4 figures as scalars, in the order FIGURES_PER_LAYER
 * lists them. The norm is divisor × root: the divisor is the largest
 * magnitude, clipped to the finite normal float32 numbers, and root is the
 * norm of the gradient divided by it. Dividing first keeps the float32
 * squares from overflowing above 1.8e19 and from underflowing below 1e-19,
 * where a vanishing gradient's norm lies. A NaN in the gradient makes root
 * NaN, and an infinity without a NaN makes it infinite, as in `l2Norm`. The
 * value check is the sum of value × 0, which is NaN exactly when the value
 * contains a NaN or an infinity.
 */
function layerFigures(layer: HealthLayer, value: tf.Tensor, gradient: tf.Tensor | null): tf.Tensor[] {
  // Only float tensors can contain NaN or infinity, and tf.stack needs every figure in float32.
  const valueCheck = value.dtype === 'float32' ? tf.sum(tf.mul(value, 0)) : tf.scalar(0);
  let count: tf.Tensor = tf.scalar(0);
  if (layer.kind === 'relu') count = aliveUnits(value);
  if (layer.kind === 'sigmoid' || layer.kind === 'tanh') count = saturatedElements(value, layer.kind);
  if (!gradient || gradient.size === 0) return [tf.scalar(1), tf.scalar(0), count, valueCheck];

  const magnitude = tf.abs(gradient.dtype === 'float32' ? gradient : tf.cast(gradient, 'float32'));
  const divisor = tf.clipByValue(tf.max(magnitude), FLOAT32_MIN_NORMAL, FLOAT32_MAX);
  const root = tf.sqrt(tf.sum(tf.square(tf.div(magnitude, divisor))));
  return [divisor, root, count, valueCheck];
}

/**
 * Counts the ReLU units that are not 0 on every example, from which the
 * caller finds the dead ones. Units are as LayerHealth.deadFraction defines them.
 * A NaN counts as alive, as it does in `deadUnitFraction`.
 */
function aliveUnits(value: tf.Tensor): tf.Tensor {
  const units = unitCount(value.shape);
  if (units === 0 || value.size === 0) return tf.scalar(0);
  const nonZero = tf.notEqual(value, 0);
  if (value.rank < 2) return tf.sum(tf.cast(nonZero, 'float32'));
  const alive = tf.any(tf.reshape(nonZero, [value.size / units, units]), 0);
  return tf.sum(tf.cast(alive, 'float32'));
}

/** Counts the output elements beyond the kind's saturation thresholds. */
function saturatedElements(value: tf.Tensor, kind: 'sigmoid' | 'tanh'): tf.Tensor {
  const beyond = kind === 'sigmoid'
    ? tf.logicalOr(tf.less(value, SIGMOID_BELOW), tf.greater(value, SIGMOID_ABOVE))
    : tf.greater(tf.abs(value), TANH_ABOVE);
  return tf.sum(tf.cast(beyond, 'float32'));
}

/** Units of a ReLU output: positions along every axis but the first, or each element with fewer than two axes. */
function unitCount(shape: readonly number[]): number {
  const axes = shape.length >= 2 ? shape.slice(1) : shape;
  return axes.reduce((product, dim) => product * dim, 1);
}

/**
 * Returns a float32 threshold t such that, for every float32 x, x < t is true
 * exactly when x < `bound` is true in float64 ('below'), or x > t exactly when
 * x > `bound` ('above'). The backend compares in float32, `measureHealth` in
 * float64, and the bounds such as 0.0257 are not float32 numbers.
 */
export function float32Threshold(bound: number, comparison: 'below' | 'above'): number {
  const rounded = Math.fround(bound);
  if (rounded === bound) return rounded;
  const roundedUp = rounded > bound;
  if (comparison === 'below') return roundedUp ? rounded : nextFloat32(rounded, 1);
  return roundedUp ? nextFloat32(rounded, -1) : rounded;
}

/** Steps from a finite, positive float32 `value` to its float32 neighbour, upwards (1) or downwards (-1). */
function nextFloat32(value: number, direction: 1 | -1): number {
  const bits = new Int32Array(new Float32Array([value]).buffer);
  bits[0] += direction;
  return new Float32Array(bits.buffer)[0];
}

const SIGMOID_BELOW = float32Threshold(SIGMOID_SATURATION.low, 'below');
const SIGMOID_ABOVE = float32Threshold(SIGMOID_SATURATION.high, 'above');
const TANH_ABOVE = float32Threshold(TANH_SATURATION, 'above');
