import { compile } from '../src/engine/compile';
import { serializeDocument } from '../src/engine/document';
import { loadDocumentText } from '../src/engine/load';
import { run } from '../src/engine/run';
import { registry } from '../src/nodes';
import { round3 } from './engine';
import { LARGE_WIDTHS, SMALL_WIDTHS, unrolledScalarMlp } from './scalar-graph';

/** Repeats per measurement; the fastest counts, since slower repeats measure other load on the machine. */
const REPEATS = 5;

interface SizeFigures {
  nodes: number;
  edges: number;
  compileMs: number;
  runMs: number;
  loadMs: number;
}

function fastest(clock: () => number, body: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < REPEATS; i++) {
    const started = clock();
    body();
    best = Math.min(best, clock() - started);
  }
  return best;
}

/** Times compile, one traced forward and backward run, and loading the document's JSON text. */
function measureSize(widths: readonly number[], clock: () => number): SizeFigures {
  const document = unrolledScalarMlp(widths);
  const text = serializeDocument(document);
  const program = compile(document, registry);
  const blocking = program.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (blocking) throw new Error(`the generated ${widths.join('-')} network does not compile: ${blocking.message}`);

  const loaded = loadDocumentText(text, registry);
  if (!loaded.ok) throw new Error(`the generated ${widths.join('-')} network does not load: ${loaded.errors.join(' ')}`);
  return {
    nodes: document.nodes.length,
    edges: document.edges.length,
    compileMs: fastest(clock, () => compile(document, registry)),
    runMs: fastest(clock, () => run(program)),
    loadMs: fastest(clock, () => loadDocumentText(text, registry)),
  };
}

/**
 * Compares a 10,000-node unrolled scalar network with a 1,000-node one: compile
 * plus one traced run should grow at most 10× (linear), and loading the large
 * document's JSON text should take under 2 s. `growthExponent` is log(time
 * ratio) / log(node ratio): 1 for linear growth, 2 for quadratic.
 */
export function benchScaling(backend: string, clock: () => number): Record<string, unknown> {
  // The first pass warms up the JIT and tfjs kernels. The small graph is measured again after the
  // large one, which warms the JIT further, and the faster of its two passes counts.
  measureSize(SMALL_WIDTHS, clock);
  const before = measureSize(SMALL_WIDTHS, clock);
  const large = measureSize(LARGE_WIDTHS, clock);
  const after = measureSize(SMALL_WIDTHS, clock);
  const small = { ...before, compileMs: Math.min(before.compileMs, after.compileMs), runMs: Math.min(before.runMs, after.runMs), loadMs: Math.min(before.loadMs, after.loadMs) };
  const nodeRatio = large.nodes / small.nodes;
  const timeRatio = (large.compileMs + large.runMs) / (small.compileMs + small.runMs);
  const describe = (figures: SizeFigures) => Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, round3(value)]));
  return {
    bench: 'scaling', backend, small: describe(small), large: describe(large),
    nodeRatio: round3(nodeRatio), compileAndRunRatio: round3(timeRatio),
    growthExponent: round3(Math.log(timeRatio) / Math.log(nodeRatio)),
    largeLoadMs: round3(large.loadMs),
  };
}
