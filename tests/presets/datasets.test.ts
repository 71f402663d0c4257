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

  test('four feature columns give four features', () => {
    const result = parseCsvDataset('# comment\na,b,c,d,label\n1,2,3,4,0\n\n5;6;7;8;1\n9\t10\t11\t12\t1\n');

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.dataset.features).toBe(4);
    expect(result.dataset.classes).toBe(2);
    expect(Array.from(result.dataset.x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(Array.from(result.dataset.y)).toEqual([0, 1, 1]);
  });

  // Line numbers count every line of the pasted text, blank, comment and header lines included.
  test.each([
    ['x,y,label\n1,2,0\n\n1,abc,1', 'not-a-number', /^Line 4, column 2: "abc" is not a number\.$/],
    ['1,2,0\n1,,1', 'empty-cell', /^Line 2, column 2: the cell is empty/],
    ['1,2,0\n0x10,2,1', 'not-a-number', /^Line 2, column 1: "0x10" is not a number/],
    ['1,2,0\n1,Infinity,1', 'not-a-number', /^Line 2, column 2: "Infinity"/],
    ['# two features\n1,2,0\n1,1', 'column-count', /^Line 3: expected 3 values, as on line 2, found 2\.$/],
    ['1,2,0.5\n1,2,1', 'bad-label', /^Line 1, column 3: the label "0.5" is not a whole number from 0\.$/],
    ['1,2,0\n1,2,-1', 'bad-label', /^Line 2, column 3: the label "-1"/],
    ['1,2,0\n1,2,100', 'label-too-large', /^Line 2, column 3: the label 100 is too large; labels go from 0 to 99\.$/],
    ['1\n2', 'too-few-columns', /^Line 1: found 1 value, but a row needs at least one feature and a label\.$/],
    [`${'1,'.repeat(1025)}0`, 'too-many-features', /^Line 1: found 1025 feature columns; the limit is 1024\.$/],
    ['', 'no-rows', /no data rows/],
    ['x,y,label\n', 'no-rows', /no data rows/],
    ['1,0\n2,0', 'one-class', /^Every label is 0; the CSV needs at least two classes/],
  ])('invalid CSV %j is rejected', (text, code, message) => {
    const result = parseCsvDataset(text);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe(code);
    expect(result.error).toMatch(message);
  });

  test('typo in the first row is not taken for a header', () => {
    const result = parseCsvDataset('1,2o,0\n1,2,1');

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^Line 1, column 2: "2o" is not a number/);
  });

  test('over-long CSV is rejected before parsing', () => {
    const result = parseCsvDataset('1,2,0\n'.repeat(400_000));

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toEqual({ code: 'too-long', length: 2_400_000, limit: 2_000_000 });
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
