import * as tf from '@tensorflow/tfjs-core';
import { compile, type CompiledNode, type Program } from './compile';
import type { GraphDocument } from './document';
import { isSeeded } from './pass';
import { run } from './run';
import type { TensorData } from './tensor';
import type { Trace } from './trace';
import type { KindRegistry } from './types';

/**
 * Outcome for one element. 'ok' means backward and central differences agree.
 * 'kink' means they disagree next to a point where some node's derivative
 * jumps (ReLU at 0, a max or min tie), because central differences there
 * average the two one-sided slopes. 'wrong' is any other disagreement.
 */
export type GradientVerdict = 'ok' | 'kink' | 'wrong';

export interface GradientCheckEntry {
  nodeId: string;
  /** Row-major index of the checked element in the node's value. */
  index: number;
  /** ∂(sum of the sinks)/∂element from the engine's backward pass. */
  analytic: number;
  /** The same derivative from central differences of forward runs. */
  numeric: number;
  /** |analytic − numeric| / max(|analytic|, |numeric|, floor), with the floor described at `gradientCheck`. */
  relativeError: number;
  verdict: GradientVerdict;
}

export interface GradientCheckResult {
  entries: GradientCheckEntry[];
  /** True when no entry is 'wrong'. Kinks do not count, because a jump in a derivative is expected there. */
  ok: boolean;
}

export interface GradientCheckOptions {
  /** Step h relative to max(1, |x|), rounded to a power of two. Default 1e-3. */
  relativeStep?: number;
  /** Largest relative error that counts as agreement. Default 1e-2. */
  tolerance?: number;
  /** Gradients smaller than this are compared by absolute error. Default 1e-3. */
  gradientFloor?: number;
  /**
   * Most elements checked per node, spread evenly over its value, so large
   * weight matrices cost a bounded number of runs. Default: every element.
   */
  maxElementsPerNode?: number;
}

/** float32 machine epsilon, 2⁻²³. */
const FLOAT32_EPSILON = 2 ** -23;
/** Rounding errors, in units of FLOAT32_EPSILON · |sum of sinks|, that one forward run may accumulate. */
const ROUNDING_ULPS = 16;

/**
 * Compares the engine's backward pass with central differences for every
 * element of every input and parameter node. The check feeds the node a value
 * with one element x moved to x + h, then to x − h, and runs the program each
 * time. The numeric derivative is the change in the sum of the sinks divided
 * by the change in x, the same quantity whose gradient the trace holds.
 *
 * The thresholds fit float32. The step is h = 1e-3 · max(1, |x|), rounded to
 * a power of two so that x ± h, and sums such as 1 + h, stay exact in float32
 * for most x. Each run rounds the sum of the sinks L by about 6e-8 · |L|, so
 * the numeric derivative carries an error of about 6e-5 · |L|. Truncation adds
 * about h² · |f'''| / 6 ≈ 2e-7 · |f'''|. Both stay far below the 1e-2 tolerance.
 *
 * An entry agrees when |analytic − numeric| ≤ tolerance · max(|analytic|,
 * |numeric|, floor). The floor is the larger of `gradientFloor` and the run's
 * estimated rounding noise divided by the tolerance. An entry that disagrees
 * is checked again with steps 16 and 256 times smaller, because the step can
 * reach close to a pole (ln x at x = 0.001) or across a kink. When |x| is
 * smaller still, as ln x at x = 1e-5, a last retry uses a step of at most
 * |x| / 16. A smaller step counts only when its rounding noise is under a
 * quarter of the tolerance.
 * NOTE: the noise estimate scales with |L| only, so a graph that cancels large
 * intermediate values into a small L can report 'wrong' for a correct backward.
 *
 * Runs the graph twice per checked element and leaves no tensor behind.
 */
export function gradientCheck(document: GraphDocument, registry: KindRegistry, options: GradientCheckOptions = {}): GradientCheckResult {
  // Options left undefined keep their defaults instead of overriding them.
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const settings = { relativeStep: 1e-3, tolerance: 1e-2, gradientFloor: 1e-3, maxElementsPerNode: Infinity, ...given };
  const program = compile(document, registry);
  const base = run(program);

  const entries: GradientCheckEntry[] = [];
  for (const node of checkedSources(program)) {
    const value = base.nodes[node.id].outputs[0];
    const gradient = base.nodes[node.id].upstream?.[0].data;
    for (const index of spreadIndices(value.data.length, settings.maxElementsPerNode)) {
      const analytic = gradient?.[index] ?? 0;
      entries.push(checkElement(program, base, node.id, value, index, analytic, settings));
    }
  }
  return { entries, ok: entries.every((entry) => entry.verdict !== 'wrong') };
}

/** Runnable input nodes and trainable source nodes, whose values the check perturbs. */
function checkedSources(program: Program): CompiledNode[] {
  return program.order.filter(
    (node) => node.kind.inputs.length === 0 && (node.kind.trainable || node.kind.kind === 'input') && (node.kind.outputs[0].type ?? 'tensor') === 'tensor',
  );
}

/** Returns `count` indices below `size` spread evenly, or all of them when there are fewer. */
function spreadIndices(size: number, count: number): number[] {
  if (size <= count) return Array.from({ length: size }, (_unused, index) => index);
  return Array.from({ length: count }, (_unused, k) => Math.floor((k * size) / count));
}

function checkElement(
  program: Program,
  base: Trace,
  nodeId: string,
  value: TensorData,
  index: number,
  analytic: number,
  settings: Required<GradientCheckOptions>,
): GradientCheckEntry {
  const x = value.data[index];
  const step = 2 ** Math.round(Math.log2(settings.relativeStep * Math.max(1, Math.abs(x))));
  const first = difference(program, nodeId, value, index, step);
  const floor = Math.max(settings.gradientFloor, first.noise / settings.tolerance);
  const relativeError = Math.abs(analytic - first.numeric) / Math.max(Math.abs(analytic), Math.abs(first.numeric), floor);
  if (relativeError <= settings.tolerance) return { nodeId, index, analytic, numeric: first.numeric, relativeError, verdict: 'ok' };

  // The first step can reach close to a pole or across a kink, so smaller steps may settle the element.
  for (const retryStep of smallerSteps(step, x)) {
    const retry = difference(program, nodeId, value, index, retryStep);
    const scale = Math.max(Math.abs(analytic), Math.abs(retry.numeric), settings.gradientFloor);
    const error = Math.abs(analytic - retry.numeric) / scale;
    if (retry.noise <= (settings.tolerance / 4) * scale && error <= settings.tolerance) {
      return { nodeId, index, analytic, numeric: retry.numeric, relativeError: error, verdict: 'ok' };
    }
  }
  const verdict = isNearKink(program, [base, first.plus, first.minus], step) ? 'kink' : 'wrong';
  return { nodeId, index, analytic, numeric: first.numeric, relativeError, verdict };
}

/** Divisors of the step for the retries of an element that disagrees: steps 16 and 256 times smaller. */
const SMALLER_STEPS = [16, 256];

/**
 * Returns the retry steps for an element x that disagrees: the step divided by
 * SMALLER_STEPS, then the largest power of two up to |x| / 16 when that is
 * smaller still. With h ≤ |x| / 16, the central difference of 1 / x is off by
 * (h / x)² / (1 − (h / x)²) < 0.4 %, and that of ln x by less.
 */
function smallerSteps(step: number, x: number): number[] {
  const steps = SMALLER_STEPS.map((divisor) => step / divisor);
  const relative = 2 ** Math.floor(Math.log2(Math.abs(x) / 16));
  if (relative > 0 && relative < steps[steps.length - 1]) steps.push(relative);
  return steps;
}

/** Returns the central difference with step `step`, its estimated rounding noise, and the two perturbed runs. */
function difference(program: Program, nodeId: string, value: TensorData, index: number, step: number) {
  const x = value.data[index];
  const plus = runWithElement(program, nodeId, value, index, x + step);
  const minus = runWithElement(program, nodeId, value, index, x - step);
  // The fed values are float32, so divide by the distance actually moved.
  const moved = Math.fround(x + step) - Math.fround(x - step);
  const plusTotal = sinkTotal(program, plus);
  const minusTotal = sinkTotal(program, minus);
  const noise = (ROUNDING_ULPS * FLOAT32_EPSILON * Math.max(Math.abs(plusTotal), Math.abs(minusTotal))) / moved;
  return { numeric: (plusTotal - minusTotal) / moved, noise, plus, minus };
}

/** Runs the program with one element of a source node's value replaced. */
function runWithElement(program: Program, nodeId: string, value: TensorData, index: number, element: number): Trace {
  const fed = tf.tensor(value.data.with(index, element), value.shape, 'float32');
  try {
    return run(program, { [nodeId]: [fed] });
  } finally {
    fed.dispose();
  }
}

/** Sum of every element of every seeded sink output: the scalar the trace's gradients are of. */
function sinkTotal(program: Program, trace: Trace): number {
  let total = 0;
  for (const sinkId of trace.sinks) {
    const node = program.nodes.get(sinkId)!;
    trace.nodes[sinkId].outputs.forEach((output, port) => {
      if (isSeeded(node, port)) total += output.data.reduce((sum, element) => sum + element, 0);
    });
  }
  return total;
}

/**
 * Tells whether, in any of the runs, a node with a kink has an input near its
 * switch point. The reach is the step, or half of how far the node's inputs
 * moved between the two perturbed runs when that is larger, because an input
 * that scales the source can cross a kink from farther than one step away.
 */
function isNearKink(program: Program, traces: Trace[], step: number): boolean {
  const [, plus, minus] = traces;
  for (const node of program.order) {
    if (!node.kind.isNearKink) continue;
    const inputsIn = (trace: Trace) => node.inputs.map((binding) => trace.edges[binding!.edge.id].value);
    const reach = Math.max(step, largestDifference(inputsIn(plus), inputsIn(minus)) / 2);
    if (traces.some((trace) => node.kind.isNearKink!(inputsIn(trace), reach, node.params))) return true;
  }
  return false;
}

function largestDifference(left: TensorData[], right: TensorData[]): number {
  let largest = 0;
  left.forEach((tensor, port) => {
    tensor.data.forEach((element, index) => {
      largest = Math.max(largest, Math.abs(element - right[port].data[index]));
    });
  });
  return largest;
}
