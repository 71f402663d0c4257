import type { LayerHealth } from '../../engine/health/metrics';

/** Series colours for up to eight layers, ordered from the input side: dark to light within two hues. */
const LAYER_COLOURS = ['#08306b', '#2171b5', '#4292c6', '#6baed6', '#d94801', '#f16913', '#fd8d3c', '#a63603'];

export function layerColour(index: number): string {
  return LAYER_COLOURS[index % LAYER_COLOURS.length];
}

/** Formats a gradient norm: 3 significant digits, exponent form below 0.01 or from 1000. */
export function formatNorm(value: number | null): string {
  if (value === null) return '–';
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  return Math.abs(value) < 0.01 || Math.abs(value) >= 1000 ? value.toExponential(1) : value.toPrecision(3);
}

export function formatFraction(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 100)}%`;
}

/** Returns the weights of a sample, or the biases when the graph has no weight matrix. */
export function weightLayers(layers: readonly LayerHealth[]): LayerHealth[] {
  const weights = layers.filter((entry) => entry.layer.role === 'weight');
  return weights.length > 0 ? weights : layers.filter((entry) => entry.layer.role === 'bias');
}

export function activationLayers(layers: readonly LayerHealth[]): LayerHealth[] {
  return layers.filter((entry) => entry.layer.role === 'activation');
}
