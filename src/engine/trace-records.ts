import type { TensorData } from './tensor';
import type { UpstreamPart } from './trace';

// Trace records that many traces share. They are frozen, and readers never
// write into a trace.

/** The shape of every scalar record a run creates. */
const SCALAR_SHAPE = Object.freeze([]) as readonly number[] as number[];

function frozenList<T>(items: T[]): T[] {
  return Object.freeze(items) as readonly T[] as T[];
}

function frozenScalar(value: number): TensorData {
  return Object.freeze({ shape: SCALAR_SHAPE, data: frozenList([value]) });
}

/** The record of the scalar 1: a scalar sink's seed. */
const ONE = frozenScalar(1);

/** The record list of a node without inputs: its downstream gradients. */
export const NO_RECORDS: TensorData[] = frozenList([]);

/** The upstream parts of a node that received no gradient. */
export const NO_PARTS = frozenList<UpstreamPart[]>([]);

export function scalarRecord(value: number): TensorData {
  return { shape: SCALAR_SHAPE, data: [value] };
}

/** Ones shaped like `value`: a sink's gradient with respect to its own output. */
export function seedRecord(value: TensorData): TensorData {
  return value.shape.length === 0 ? ONE : { shape: [...value.shape], data: new Array<number>(value.data.length).fill(1) };
}
