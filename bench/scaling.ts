import { compile, type Program } from '../src/engine/compile';
import { serializeDocument } from '../src/engine/document';
import { loadDocumentText } from '../src/engine/load';
import { run } from '../src/engine/run';
import { registry } from '../src/nodes';
import { round3 } from './engine';
import { garbageCollector } from './memory';
import { LARGE_WIDTHS, SERIES_WIDTHS, SMALL_WIDTHS, unrolledScalarMlp } from './scalar-graph';

/**
 * Repeats per measurement. The fastest repeat is the figure without other load
 * on the machine, and the median includes the garbage collections that a
 * repeat's allocations cause, which the fastest repeat of a small graph skips.
 */
const REPEATS = 9;

interface Timing {
  fastest: number;
  median: number;
}

interface SizeFigures {
  nodes: number;
  edges: number;
  compileMs: Timing;
  runMs: Timing;
  readMs: Timing;
  /** Compile and one run together, started with cold caches. */
  coldMs: Timing;
  loadMs: Timing;
}

/**
 * Bigger than the processor's last-level cache (32 MB here), so writing through
 * it leaves none of a graph's data in any cache.
 */
const EVICTION_BYTES = 64 * 1024 * 1024;
let evictionBuffer: Float64Array | null = null;

/** Writes one number per cache line of a buffer larger than every cache, so the next measurement starts with cold caches. */
function evictCaches(): void {
  evictionBuffer ??= new Float64Array(EVICTION_BYTES / 8);
  for (let index = 0; index < evictionBuffer.length; index += 8) evictionBuffer[index] += 1;
}

/** Times `body` REPEATS times, calling `prepare`, untimed, before each repeat. */
function time(clock: () => number, body: () => unknown, prepare?: () => void): Timing {
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    prepare?.();
    const started = clock();
    body();
    samples.push(clock() - started);
  }
  samples.sort((a, b) => a - b);
  return { fastest: samples[0], median: samples[Math.floor(REPEATS / 2)] };
}

/**
 * Runs the program and reads every node and wire record of the trace, as a
 * view that shows them all would. A run builds records when they are first
 * read, so this adds the cost that a run leaves for later.
 */
function runAndReadAll(program: Program): number {
  const trace = run(program);
  let numbers = 0;
  for (const record of Object.values(trace.nodes)) numbers += record.outputs.length + (record.downstream?.length ?? 0) + record.upstreamParts.length;
  for (const record of Object.values(trace.edges)) numbers += record.value.data.length + (record.gradient?.data.length ?? 0);
  return numbers + trace.steps.length;
}

/** Times compile, one traced forward and backward run, a run whose whole trace is read, and loading the document's JSON text. */
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
    compileMs: time(clock, () => compile(document, registry)),
    runMs: time(clock, () => run(program)),
    readMs: time(clock, () => runAndReadAll(program)),
    coldMs: time(clock, () => run(compile(document, registry)), evictCaches),
    loadMs: time(clock, () => loadDocumentText(text, registry)),
  };
}

/**
 * Measures compile plus one traced run, in microseconds per node (fastest repeat), at sizes from about
 * 1,000 to 20,000 nodes. Linear growth keeps the figure flat. A rise that stops between two sizes is a
 * step out of a processor cache, while superlinear growth keeps rising.
 */
function costPerNode(clock: () => number): { nodes: number; microsecondsPerNode: number }[] {
  const documents = SERIES_WIDTHS.map((widths) => unrolledScalarMlp(widths));
  const fastest = documents.map(() => Infinity);
  // Two passes over the sizes, because the first size measured would otherwise run before the JIT settles.
  for (let pass = 0; pass < 2; pass++) {
    documents.forEach((document, index) => {
      fastest[index] = Math.min(fastest[index], time(clock, () => run(compile(document, registry))).fastest);
    });
  }
  return documents.map((document, index) => ({
    nodes: document.nodes.length,
    microsecondsPerNode: round3((fastest[index] * 1000) / document.nodes.length),
  }));
}

/**
 * Measures the heap that a compiled program and one trace of it keep alive, in
 * bytes per node, each after a full garbage collection. The garbage collector
 * copies these bytes when they outlive a young-generation collection, which the
 * large graph's run cannot avoid and the small graph's often does.
 */
function retainedBytesPerNode(widths: readonly number[]): { program: number; trace: number } {
  const collect = garbageCollector();
  const heapAfterCollection = () => {
    collect();
    return process.memoryUsage().heapUsed;
  };
  const document = unrolledScalarMlp(widths);
  const empty = heapAfterCollection();
  const program = compile(document, registry);
  const compiled = heapAfterCollection();
  const trace = run(program);
  const traced = heapAfterCollection();
  // Both are read after the last collection, so neither is garbage during it.
  const nodes = Math.min(program.order.length, Object.keys(trace.nodes).length);
  return { program: (compiled - empty) / nodes, trace: (traced - compiled) / nodes };
}

/**
 * Compares a 10,000-node unrolled scalar network with a 1,000-node one: compile
 * plus one traced run should grow at most 10× (linear), and loading the large
 * document's JSON text should take under 2 s. `growthExponent` is log(time
 * ratio) / log(node ratio): 1 for linear growth, 2 for quadratic. The ratio
 * and exponent compare the fastest repeats, and `medianRatio` the medians.
 * `runAndReadRatio` compares a run followed by reading every record of its trace.
 * `costPerNode` lists compile plus run per node at five sizes from about 1,000 to 20,000 nodes.
 * `coldRatio` compares compile and run started with cold caches, as in the
 * editor, where drawing the canvas runs between two edits. The other figures
 * repeat on a graph that stays in the caches. The small graph fits in them, the large one does not.
 */
export function benchScaling(backend: string, clock: () => number): Record<string, unknown> {
  // The first pass warms up the JIT and tfjs kernels. The small graph is measured again after the
  // large one, which warms the JIT further, and the better of its two passes counts.
  measureSize(SMALL_WIDTHS, clock);
  const before = measureSize(SMALL_WIDTHS, clock);
  const large = measureSize(LARGE_WIDTHS, clock);
  const after = measureSize(SMALL_WIDTHS, clock);
  const better = (a: Timing, b: Timing): Timing => ({ fastest: Math.min(a.fastest, b.fastest), median: Math.min(a.median, b.median) });
  const small = {
    ...before,
    compileMs: better(before.compileMs, after.compileMs), runMs: better(before.runMs, after.runMs),
    readMs: better(before.readMs, after.readMs), coldMs: better(before.coldMs, after.coldMs),
    loadMs: better(before.loadMs, after.loadMs),
  };
  const retained = retainedBytesPerNode(LARGE_WIDTHS);
  const series = costPerNode(clock);
  const nodeRatio = large.nodes / small.nodes;
  const ratioOf = (statistic: keyof Timing) =>
    (large.compileMs[statistic] + large.runMs[statistic]) / (small.compileMs[statistic] + small.runMs[statistic]);
  const timeRatio = ratioOf('fastest');
  const medianRatio = ratioOf('median');
  const describe = (figures: SizeFigures) => ({
    nodes: figures.nodes,
    edges: figures.edges,
    compileMs: round3(figures.compileMs.fastest), runMs: round3(figures.runMs.fastest),
    runAndReadMs: round3(figures.readMs.fastest), coldCompileAndRunMs: round3(figures.coldMs.fastest),
    loadMs: round3(figures.loadMs.fastest),
    medianCompileMs: round3(figures.compileMs.median), medianRunMs: round3(figures.runMs.median),
  });
  return {
    bench: 'scaling', backend, small: describe(small), large: describe(large),
    nodeRatio: round3(nodeRatio), compileAndRunRatio: round3(timeRatio),
    growthExponent: round3(Math.log(timeRatio) / Math.log(nodeRatio)),
    medianRatio: round3(medianRatio),
    runAndReadRatio: round3(large.readMs.fastest / small.readMs.fastest),
    coldRatio: round3(large.coldMs.fastest / small.coldMs.fastest),
    coldMedianRatio: round3(large.coldMs.median / small.coldMs.median),
    medianGrowthExponent: round3(Math.log(medianRatio) / Math.log(nodeRatio)),
    largeLoadMs: round3(large.loadMs.fastest),
    largeProgramBytesPerNode: Math.round(retained.program),
    largeTraceBytesPerNode: Math.round(retained.trace),
    costPerNode: series,
  };
}
