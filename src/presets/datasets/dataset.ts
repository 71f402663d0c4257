import { shuffledIndices } from '../../engine/training/random';

export { createRandom, shuffledIndices } from '../../engine/training/random';

/** Labelled examples stored row-major: example i has features x[i·features … (i + 1)·features). */
export interface Dataset {
  name: string;
  features: number;
  classes: number;
  x: Float32Array;
  y: Int32Array;
}

export interface DatasetSplit {
  train: Dataset;
  validation: Dataset;
  test: Dataset;
}

export function exampleCount(dataset: Dataset): number {
  return dataset.y.length;
}

/** Copies the examples at `indices` into a new dataset. */
export function selectExamples(dataset: Dataset, indices: ArrayLike<number>, name = dataset.name): Dataset {
  const { features } = dataset;
  const x = new Float32Array(indices.length * features);
  const y = new Int32Array(indices.length);
  for (let row = 0; row < indices.length; row++) {
    const source = indices[row];
    x.set(dataset.x.subarray(source * features, (source + 1) * features), row * features);
    y[row] = dataset.y[source];
  }
  return { name, features, classes: dataset.classes, x, y };
}

/**
 * Shuffles once with `seed` and cuts train, validation and test parts of the
 * given sizes; test gets whatever remains.
 */
export function splitDataset(dataset: Dataset, sizes: { train: number; validation: number }, seed: number): DatasetSplit {
  const n = exampleCount(dataset);
  if (sizes.train < 1 || sizes.validation < 0 || sizes.train + sizes.validation > n) {
    throw new RangeError(`split sizes train ${sizes.train} + validation ${sizes.validation} do not fit ${n} examples`);
  }
  const order = shuffledIndices(n, seed);
  const trainEnd = sizes.train;
  const validationEnd = trainEnd + sizes.validation;
  return {
    train: selectExamples(dataset, order.subarray(0, trainEnd), `${dataset.name} (train)`),
    validation: selectExamples(dataset, order.subarray(trainEnd, validationEnd), `${dataset.name} (validation)`),
    test: selectExamples(dataset, order.subarray(validationEnd), `${dataset.name} (test)`),
  };
}

/** Splits by fractions of the examples, the usual way for small 2-D sets. */
export function splitByFraction(dataset: Dataset, train: number, validation: number, seed: number): DatasetSplit {
  const n = exampleCount(dataset);
  return splitDataset(dataset, { train: Math.round(n * train), validation: Math.round(n * validation) }, seed);
}
