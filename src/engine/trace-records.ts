import type { TensorData } from './tensor';
import type { UpstreamPart } from './trace';

// Shared trace records of a run. A large scalar graph has several records
// per node, and each one the run does not allocate is one the garbage
// collector does not copy. Shared records and lists are frozen, and readers
// never write into a trace.

/** The shape of every scalar record a run creates. */
const SCALAR_SHAPE = Object.freeze([]) as readonly number[] as number[];

function frozenList<T>(items: T[]): T[] {
  return Object.freeze(items) as readonly T[] as T[];
}

function frozenScalar(value: number): TensorData {
  return Object.freeze({ shape: SCALAR_SHAPE, data: frozenList([value]) });
}

/** Records of the scalars 1 (add's local gradient, a sink's seed) and 0. */
const ONE = frozenScalar(1);
const ZERO = frozenScalar(0);

/** Lists of records of 1, by length, such as an add gate's local gradients. */
const ONES = [frozenList([]), frozenList([ONE]), frozenList([ONE, ONE])];

/** The record list of a node without inputs: its downstream gradients. */
export const NO_RECORDS: TensorData[] = ONES[0];

/** The upstream parts of a node that received no gradient. */
export const NO_PARTS = frozenList<UpstreamPart[]>([]);

export function scalarRecord(value: number): TensorData {
  return { shape: SCALAR_SHAPE, data: [value] };
}

/** Ones shaped like `value`: a sink's gradient with respect to its own output. */
export function seedRecord(value: TensorData): TensorData {
  return value.shape.length === 0 ? ONE : { shape: [...value.shape], data: new Array<number>(value.data.length).fill(1) };
}

/**
 * Returns a record of the scalar `value`: the first record of `candidates`,
 * then of `more`, that contains exactly this number (by Object.is, so 0 and
 * -0 differ), else a shared record of 1 or 0, else a new record.
 */
export function shareScalar(value: number, candidates: readonly TensorData[], more: readonly TensorData[] | null = null): TensorData {
  for (let index = 0; index < candidates.length; index++) {
    if (Object.is(candidates[index].data[0], value)) return candidates[index];
  }
  if (more) {
    for (let index = 0; index < more.length; index++) {
      if (Object.is(more[index].data[0], value)) return more[index];
    }
  }
  if (value === 1) return ONE;
  if (Object.is(value, 0)) return ZERO;
  return scalarRecord(value);
}

/** Returns records of scalar `values`, sharing them as `shareScalar` does, and a shared list when every value is 1. */
export function shareScalars(values: readonly number[], candidates: readonly TensorData[], more: readonly TensorData[] | null = null): TensorData[] {
  if (values.length < ONES.length && values.every((value) => value === 1)) return ONES[values.length];
  const records: TensorData[] = new Array(values.length);
  for (let index = 0; index < values.length; index++) records[index] = shareScalar(values[index], candidates, more);
  return records;
}

/** Returns the first number of each record: the values of scalar records. */
export function numbersOf(records: readonly TensorData[]): number[] {
  const numbers: number[] = new Array(records.length);
  for (let index = 0; index < records.length; index++) numbers[index] = records[index].data[0];
  return numbers;
}

export function allFinite(records: readonly TensorData[]): boolean {
  for (const record of records) {
    for (let index = 0; index < record.data.length; index++) {
      if (!Number.isFinite(record.data[index])) return false;
    }
  }
  return true;
}
