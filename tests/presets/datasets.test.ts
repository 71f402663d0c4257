import { describe, expect, test } from 'vitest';
import { exampleCount, generateToyDataset, parseCsvDataset, shuffledIndices, splitDataset, TOY_DATASETS } from '../../src/presets/datasets';
import { loadMnistFromDisk } from '../../src/presets/datasets/mnist-node';

describe('toy datasets', () => {
  test.each(TOY_DATASETS)('%s is reproducible from its seed', (name) => {
    const first = generateToyDataset(name, { seed: 7 });
    const again = generateToyDataset(name, { seed: 7 });
    const other = generateToyDataset(name, { seed: 8 });

    expect(Array.from(again.x)).toEqual(Array.from(first.x));
    expect(Array.from(other.x)).not.toEqual(Array.from(first.x));
  });

  test.each(TOY_DATASETS)('%s has balanced labels per class', (name) => {
    const dataset = generateToyDataset(name, { perClass: 20 });
    const counts = new Array(dataset.classes).fill(0);
    for (const label of dataset.y) counts[label]++;

    expect(dataset.features).toBe(2);
    expect(counts).toEqual(new Array(dataset.classes).fill(20));
    expect(dataset.x.every(Number.isFinite)).toBe(true);
  });

  test('spiral has K arms', () => {
    expect(generateToyDataset('spiral', { classes: 5 }).classes).toBe(5);
  });
});

describe('splits and shuffles', () => {
  test('shuffle is a seeded permutation', () => {
    const order = Array.from(shuffledIndices(50, 3));

    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(shuffledIndices(50, 3))).toEqual(order);
    expect(Array.from(shuffledIndices(50, 4))).not.toEqual(order);
  });

  test('split parts are disjoint and complete', () => {
    const dataset = generateToyDataset('blobs', { perClass: 10 });
    // Tag every example by its first coordinate so the parts can be compared.
    const tags = (part: { x: Float32Array; features: number }) => Array.from({ length: part.x.length / part.features }, (_, i) => part.x[i * part.features]);

    const split = splitDataset(dataset, { train: 20, validation: 6 }, 1);

    expect(exampleCount(split.train)).toBe(20);
    expect(exampleCount(split.validation)).toBe(6);
    expect(exampleCount(split.test)).toBe(4);
    const all = [...tags(split.train), ...tags(split.validation), ...tags(split.test)].sort();
    expect(all).toEqual(tags(dataset).sort());
  });

  test('split larger than the data is rejected', () => {
    const dataset = generateToyDataset('xor', { perClass: 5 });

    expect(() => splitDataset(dataset, { train: 8, validation: 5 }, 1)).toThrow(/do not fit 10 examples/);
  });
});

describe('pasted CSV', () => {
  test('header skipped and labels read', () => {
    const result = parseCsvDataset('x1,x2,label\n0.5,1,0\n-1,2,1\n3,4,2\n');

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.dataset.features).toBe(2);
    expect(result.dataset.classes).toBe(3);
    expect(Array.from(result.dataset.x)).toEqual([0.5, 1, -1, 2, 3, 4]);
    expect(Array.from(result.dataset.y)).toEqual([0, 1, 2]);
  });

  test.each([
    ['1,2,0\n1,abc,1', /Row 2, column 2: "abc" is not a number/],
    ['1,2,0\n1,1', /Row 2: expected 3 values like row 1, found 2/],
    ['1,2,0.5\n1,2,1', /Row 1: the label 0.5 must be a whole number/],
    ['', /no data rows/],
    ['1,0\n2,0', /at least two classes/],
  ])('invalid CSV %j is rejected', (text, message) => {
    const result = parseCsvDataset(text);

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe('MNIST', () => {
  test('loads the 10,000 shipped digits', async () => {
    const progress: number[] = [];

    const dataset = await loadMnistFromDisk((fraction) => progress.push(fraction));

    expect(exampleCount(dataset)).toBe(10_000);
    expect(dataset.features).toBe(784);
    expect(dataset.classes).toBe(10);
    expect(progress.at(-1)).toBe(1);
    expect(Math.max(...dataset.x.subarray(0, 784))).toBeLessThanOrEqual(1);
    expect(new Set(dataset.y).size).toBe(10);
  });
});
