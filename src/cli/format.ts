import type { TensorData } from '../engine/tensor';

export type Nested = number | Nested[];

/** Turns flat row-major data into nested arrays; a scalar stays a number. */
export function toNested(tensor: TensorData): Nested {
  const build = (offset: number, axis: number): Nested => {
    if (axis === tensor.shape.length) return tensor.data[offset];
    const stride = tensor.shape.slice(axis + 1).reduce((product, dim) => product * dim, 1);
    return Array.from({ length: tensor.shape[axis] }, (_, i) => build(offset + i * stride, axis + 1));
  };
  return build(0, 0);
}

/** Elements above which the table shows a tensor's shape and first values only. */
const MAX_SHOWN_ELEMENTS = 12;

/**
 * Formats a tensor for a terminal: numbers to 6 significant digits in nested
 * brackets, or for a large tensor its shape and first values (--json prints all).
 */
export function formatTensor(tensor: TensorData): string {
  const round = (value: number) => Number(value.toPrecision(6));
  if (tensor.data.length <= MAX_SHOWN_ELEMENTS) {
    return JSON.stringify(toNested(tensor), (_key, value) => (typeof value === 'number' ? round(value) : value));
  }
  const first = tensor.data.slice(0, 6).map(round).join(', ');
  return `shape [${tensor.shape.join(', ')}]: ${first}, …`;
}
