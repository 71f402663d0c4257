import { describe, expect, test } from 'vitest';
import { baseCases, runFuzz } from './fuzz-cases';

describe('fuzz', () => {
  test('10,000 mutated documents and links', () => {
    const tally = runFuzz(10_000, 'fuzz test', baseCases());

    expect(tally.problems).toStrictEqual([]);
    expect(tally.crashes).toBe(0);
    expect(tally.violations).toBe(0);
    expect(tally.cases).toBe(10_000);
    expect(tally.accepted).toBeGreaterThan(500);
    expect(tally.rejected).toBeGreaterThan(5000);
  }, 300_000);
});
