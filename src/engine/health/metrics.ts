import type { Program } from '../compile';
import type { TensorData } from '../tensor';
import type { Trace } from '../trace';
import { findHealthLayers, type HealthLayer } from './layers';

/**
 * A sigmoid output counts as saturated when its local gradient σ(1 − σ) is
 * below 10% of its maximum 0.25, that is when σ < 0.0257 or σ > 0.9743
 * (|x| > 3.64).
 */
export const SIGMOID_SATURATION = { low: 0.0257, high: 0.9743 } as const;
/**
 * A tanh output counts as saturated when its local gradient 1 − tanh² is below
 * 10% of its maximum 1, that is when |tanh| > 0.9487 (|x| > 1.82).
 */
export const TANH_SATURATION = 0.9487;

/** The health of one layer on one batch. Fields that do not apply to the layer's kind are null. */
export interface LayerHealth {
  layer: HealthLayer;
  /**
   * L2 (Frobenius) norm of the gradient of the graph's output: with respect to
   * the parameter's value for a weight or bias, and with respect to the
   * activation's input for an activation. Null when no gradient reached the node.
   */
  gradientNorm: number | null;
  /**
   * ReLU only: the fraction of units whose output is 0 for every example of
   * the batch, so no gradient passes through them. With two or more axes the
   * first axis is the batch and a unit is one position along the others.
   * With fewer axes each element is a unit.
   */
  deadFraction: number | null;
  /** Sigmoid and tanh only: the fraction of output elements beyond the saturation thresholds above. */
  saturatedFraction: number | null;
  /** True when the node's value or gradient contains a NaN or an infinity. */
  nonFinite: boolean;
}

/** Health of every layer of a graph, measured on one traced forward and backward pass. */
export function measureHealth(program: Program, trace: Trace): LayerHealth[] {
  return findHealthLayers(program).flatMap((layer) => {
    const record = trace.nodes[layer.nodeId];
    if (!record) return [];
    const output = record.outputs[0];
    const gradient = layer.role === 'activation' ? record.downstream?.[0] ?? null : record.upstream?.[0] ?? null;
    return [{
      layer,
      gradientNorm: gradient ? l2Norm(gradient.data) : null,
      deadFraction: layer.kind === 'relu' ? deadUnitFraction(output) : null,
      saturatedFraction: layer.kind === 'sigmoid' || layer.kind === 'tanh' ? saturatedFraction(output, layer.kind) : null,
      nonFinite: !allFinite(output.data) || (gradient !== null && !allFinite(gradient.data)),
    }];
  });
}

export function l2Norm(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

/** Fraction of units that are 0 for every example, as LayerHealth.deadFraction defines them. */
export function deadUnitFraction(output: TensorData): number {
  const units = output.shape.length >= 2 ? output.shape.slice(1).reduce((product, dim) => product * dim, 1) : output.data.length;
  if (units === 0) return 0;
  const examples = output.data.length / units;
  let dead = 0;
  for (let unit = 0; unit < units; unit++) {
    let alive = false;
    for (let example = 0; example < examples && !alive; example++) alive = output.data[example * units + unit] !== 0;
    if (!alive) dead++;
  }
  return dead / units;
}

/** Fraction of a sigmoid's or tanh's output elements beyond its saturation threshold. */
export function saturatedFraction(output: TensorData, kind: 'sigmoid' | 'tanh'): number {
  const values = output.data;
  if (values.length === 0) return 0;
  let saturated = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const beyond = kind === 'sigmoid' ? value < SIGMOID_SATURATION.low || value > SIGMOID_SATURATION.high : Math.abs(value) > TANH_SATURATION;
    if (beyond) saturated++;
  }
  return saturated / values.length;
}

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}
