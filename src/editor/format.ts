import type { TensorData } from '../engine/tensor';

/** Number of values a tensor preview shows after its shape. */
const PREVIEW_VALUES = 3;

/**
 * Formats a number with at most 4 significant digits and an ASCII minus sign,
 * so the text parses back with Number(): -12, 0.1966, 1.235e+5, NaN, Infinity.
 */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(4)));
}

/** Formats a scalar as a number and a larger tensor as its shape and first values, such as "[2×3] 1, 2, 3, …". */
export function formatTensor(tensor: TensorData): string {
  if (tensor.data.length === 1) return formatNumber(tensor.data[0]);
  const shape = `[${tensor.shape.join('×')}]`;
  const preview = tensor.data.slice(0, PREVIEW_VALUES).map(formatNumber).join(', ');
  return tensor.data.length > PREVIEW_VALUES ? `${shape} ${preview}, …` : `${shape} ${preview}`;
}
