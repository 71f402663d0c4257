import { expect } from 'vitest';
import type { LoadResult } from '../../src/engine/load';
import type { LoadProblem, LoadProblemCode } from '../../src/engine/load-problems';

/** Returns the English error and the problem of a rejected load's first error with `code`. */
export function firstWithCode(result: LoadResult, code: LoadProblemCode): { english: string; problem: LoadProblem } {
  if (result.ok) expect.fail('the document should be rejected');
  expect(result.problems).toHaveLength(result.errors.length);
  const index = result.problems.findIndex((problem) => problem?.code === code);
  expect(index, `no problem with code ${code} in: ${result.errors.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return { english: result.errors[index], problem: result.problems[index]! };
}
