import { evaluate } from 'mathjs';
import seedrandom from 'seedrandom';

/** Functions the graph tools write that mathjs does not define, in float64. */
export const EXTRA_FUNCTIONS = {
  sigmoid: (x: number) => 1 / (1 + Math.exp(-x)),
  relu: (x: number) => Math.max(0, x),
  leakyRelu: (x: number, alpha: number) => (x > 0 ? x : alpha * x),
};

/** mathjs evaluate in float64, for expected values only; the code under test never evaluates with it. */
export function evaluateAt(text: string, scope: Record<string, number>): number {
  return evaluate(text, { ...EXTRA_FUNCTIONS, ...scope }) as number;
}

/** Central differences of mathjs evaluate in float64, with h = 1e-6 · max(1, |x|). */
export function numericGradient(text: string, scope: Record<string, number>, name: string): number {
  const step = 1e-6 * Math.max(1, Math.abs(scope[name]));
  const plus = evaluateAt(text, { ...scope, [name]: scope[name] + step });
  const minus = evaluateAt(text, { ...scope, [name]: scope[name] - step });
  return (plus - minus) / (2 * step);
}

/** Seeded points with each coordinate uniform in [−2, 2]. */
export function randomPoints(names: readonly string[], count: number, seed: string): Record<string, number>[] {
  const random = seedrandom(seed);
  return Array.from({ length: count }, () => Object.fromEntries(names.map((name) => [name, 4 * random() - 2])));
}

/** Returns the error of a failed result, or a marker that makes a text assertion fail on success. */
export function errorOf(result: { ok: true } | { ok: false; error: string }): string {
  return result.ok ? '(the call succeeded)' : result.error;
}
