import { baseCases, runFuzz } from '../tests/engine/fuzz-cases';

/**
 * Runs the fuzz harness of tests/engine/fuzz.test.ts on `cases` cases: mutated
 * documents, link texts and link contents, each loaded, decoded, and when
 * accepted compiled, run and re-encoded. Returns the counts; `crashes` counts
 * exceptions and `violations` broken invariants, and both should be 0.
 */
export function benchFuzz(cases: number, seed: string, progress: (line: string) => void): Record<string, unknown> {
  const started = performance.now();
  const tally = runFuzz(cases, seed, baseCases(), (partial) => progress(`fuzz: ${partial.cases} cases, ${partial.crashes} crashes`));
  const seconds = (performance.now() - started) / 1000;
  for (const problem of tally.problems) progress(problem);
  return {
    bench: 'fuzz',
    cases: tally.cases,
    accepted: tally.accepted,
    rejected: tally.rejected,
    crashes: tally.crashes,
    violations: tally.violations,
    seconds: Number(seconds.toFixed(1)),
  };
}
