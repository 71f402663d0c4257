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

/** Formats a tensor for a terminal: numbers to 6 significant digits, nested brackets. */
export function formatTensor(tensor: TensorData): string {
  return JSON.stringify(toNested(tensor), (_key, value) => (typeof value === 'number' ? Number(value.toPrecision(6)) : value));
}
