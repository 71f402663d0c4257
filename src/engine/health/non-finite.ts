import type { CompiledNode, Program } from '../compile';
import { describeNode } from '../diagnostics';
import type { TensorData } from '../tensor';
import type { Trace } from '../trace';

/** Cause of the first NaN or infinity of a pass, as found from the node's kind and inputs. */
export type NonFiniteCause =
  | 'log-of-zero'
  | 'log-of-negative'
  | 'division-by-zero'
  | 'exp-overflow'
  | 'diverged-parameter'
  | 'overflow'
  | 'invalid-operation';

/** Largest x for which exp(x) is finite in float32: ln(3.4028235e38). */
export const EXP_LIMIT = 88.7228;
/** Largest finite float32 value. */
export const FLOAT32_MAX = 3.4028234663852886e38;
/**
 * Weight magnitude beyond which training blames the learning rate. Initial
 * weights are below 1 and weights trained at a sound learning rate stay in
 * the tens or hundreds on the toy datasets; 1e4 means the updates diverged.
 */
export const DIVERGED_WEIGHT = 1e4;

export interface TrainingContext {
  optimizer: string;
  learningRate: number;
}

export interface NonFiniteExplanation {
  nodeId: string;
  kind: string;
  /** Whether the node's value (forward) or the gradient it sent back (backward) was the first non-finite one. */
  phase: 'forward' | 'backward';
  cause: NonFiniteCause;
  /** Input port whose value explains the cause, such as x of a log holding 0. */
  port: string | null;
  /** The offending input value: the 0, the negative number, or the largest exponent. */
  value: number | null;
  /** Largest finite magnitude among the node's inputs, or among its own value for a parameter. */
  largestInput: number;
  /** Training only: largest magnitude among all parameter values, infinite when one is not finite. */
  largestWeight: number | null;
  /** True when training made the weights so large that the learning rate is the likely reason. */
  learningRateSuspected: boolean;
  /** The optimizer and learning rate the trace was taken under, or null outside training. */
  training: TrainingContext | null;
  /** English explanation for the CLI and logs; the editor translates by cause and fields. */
  message: string;
}

/**
 * Explains the first NaN or infinity of a traced pass: finds the node the
 * run's non-finite diagnostic names and picks the cause from its kind and the
 * values it read. Pass `training` for a trace taken during training, so
 * diverged weights are put down to the learning rate. Returns null when the
 * trace has no non-finite value or gradient.
 */
export function explainNonFinite(program: Program, trace: Trace, training?: TrainingContext): NonFiniteExplanation | null {
  const diagnostic = trace.diagnostics.find((entry) => entry.code === 'non-finite-value')
    ?? trace.diagnostics.find((entry) => entry.code === 'non-finite-gradient');
  const node = diagnostic ? program.nodes.get(diagnostic.nodeId) : undefined;
  if (!diagnostic || !node) return null;

  const phase = diagnostic.code === 'non-finite-value' ? 'forward' : 'backward';
  const inputs = node.inputs.map((binding) => (binding ? trace.edges[binding.edge.id]?.value ?? null : null));
  const produced = phase === 'forward' ? trace.nodes[node.id].outputs : trace.nodes[node.id].downstream ?? [];
  const found = findCause(node, inputs, produced);
  const largestInput = node.kind.trainable ? largestFinite(trace.nodes[node.id].outputs) : largestFinite(inputs.filter((value) => value !== null));
  const largestWeight = training ? largestParameter(program, trace) : null;
  const learningRateSuspected = training !== undefined && (found.cause === 'diverged-parameter' || largestWeight! >= DIVERGED_WEIGHT);

  const explanation = { nodeId: node.id, kind: node.kind.kind, phase, ...found, largestInput, largestWeight, learningRateSuspected, training: training ?? null } as const;
  return { ...explanation, message: describeExplanation(explanation, training) };
}

type Found = Pick<NonFiniteExplanation, 'cause' | 'port' | 'value'>;

/**
 * Tells whether a node whose inputs are finite produced an infinity because a
 * result exceeds the float32 maximum. An input at a pole of the node's kind,
 * such as a log of 0 or a division by 0, is not an overflow.
 */
export function isFloat32Overflow(node: CompiledNode, inputs: (TensorData | null)[], produced: TensorData[]): boolean {
  const { cause } = findCause(node, inputs, produced);
  return cause === 'overflow' || cause === 'exp-overflow';
}

/** Picks the cause from the node's kind first, then from the values its result contains. */
function findCause(node: CompiledNode, inputs: (TensorData | null)[], produced: TensorData[]): Found {
  const portNamed = (name: string) => node.kind.inputs.findIndex((port) => port.name === name);
  const input = (name: string) => inputs[portNamed(name)] ?? null;

  switch (node.kind.kind) {
    case 'log': {
      const x = input('x');
      if (x && contains(x, (value) => value === 0)) return { cause: 'log-of-zero', port: 'x', value: 0 };
      const negative = x ? minimum(x) : 0;
      if (negative < 0) return { cause: 'log-of-negative', port: 'x', value: negative };
      break;
    }
    case 'divide': {
      const b = input('b');
      if (b && contains(b, (value) => value === 0)) return { cause: 'division-by-zero', port: 'b', value: 0 };
      break;
    }
    case 'reciprocal': {
      const x = input('x');
      if (x && contains(x, (value) => value === 0)) return { cause: 'division-by-zero', port: 'x', value: 0 };
      break;
    }
    case 'exp': {
      const x = input('x');
      const largest = x ? maximum(x) : -Infinity;
      if (largest > EXP_LIMIT) return { cause: 'exp-overflow', port: 'x', value: largest };
      break;
    }
  }
  if (node.kind.trainable) return { cause: 'diverged-parameter', port: null, value: null };
  const infinite = produced.some((tensor) => contains(tensor, (value) => value === Infinity || value === -Infinity));
  return { cause: infinite ? 'overflow' : 'invalid-operation', port: null, value: null };
}

function describeExplanation(explanation: Omit<NonFiniteExplanation, 'message'>, training?: TrainingContext): string {
  const where = describeNode(explanation.nodeId, explanation.kind);
  const quantity = explanation.phase === 'forward' ? 'value' : 'gradient';
  const lead = `${where} produced the first NaN or infinite ${quantity}: `;
  const cause = {
    'log-of-zero': `input x holds 0, and ln 0 = −∞ (its gradient 1/x is infinite there too). Keep the log's input above 0, for example by adding a small ε.`,
    'log-of-negative': `input x holds ${formatNumber(explanation.value!)}, and the log of a negative number is NaN. Keep the log's input above 0.`,
    'division-by-zero': `input ${explanation.port} holds 0, and dividing by 0 gives an infinity (0/0 gives NaN). Keep the divisor away from 0.`,
    'exp-overflow': `input x reaches ${formatNumber(explanation.value!)}, and exp(x) exceeds the float32 maximum (about 3.4e38) once x > ${EXP_LIMIT.toFixed(1)}.`,
    'diverged-parameter': `an optimizer update made the parameter's values NaN or infinite.`,
    'overflow': `its result exceeds the float32 maximum (about 3.4e38); the largest input magnitude is ${formatNumber(explanation.largestInput)}.`,
    'invalid-operation': `it computed NaN from finite inputs, as ∞ − ∞ or 0 · ∞ do inside a formula; the largest input magnitude is ${formatNumber(explanation.largestInput)}.`,
  }[explanation.cause];
  if (!explanation.learningRateSuspected || !training) return lead + cause;
  const growth = Number.isFinite(explanation.largestWeight) ? `grew to ${formatNumber(explanation.largestWeight!)}` : 'became NaN or infinite';
  const blame = ` The weights ${growth}, so the learning rate ${training.learningRate} (${training.optimizer}) is too large: lower it and reset the weights.`;
  return lead + cause + blame;
}

/** Returns the largest magnitude among all parameter values, or Infinity when one contains a NaN or an infinity. */
function largestParameter(program: Program, trace: Trace): number {
  let largest = 0;
  for (const node of program.order) {
    if (!node.kind.trainable || !trace.nodes[node.id]) continue;
    const value = trace.nodes[node.id].outputs[0];
    if (contains(value, (element) => !Number.isFinite(element))) return Infinity;
    largest = Math.max(largest, largestFinite([value]));
  }
  return largest;
}

function largestFinite(tensors: readonly TensorData[]): number {
  let largest = 0;
  for (const tensor of tensors) {
    for (let i = 0; i < tensor.data.length; i++) {
      const magnitude = Math.abs(tensor.data[i]);
      if (Number.isFinite(magnitude) && magnitude > largest) largest = magnitude;
    }
  }
  return largest;
}

function contains(tensor: TensorData, test: (value: number) => boolean): boolean {
  for (let i = 0; i < tensor.data.length; i++) if (test(tensor.data[i])) return true;
  return false;
}

function minimum(tensor: TensorData): number {
  let result = Infinity;
  for (let i = 0; i < tensor.data.length; i++) result = Math.min(result, tensor.data[i]);
  return result;
}

function maximum(tensor: TensorData): number {
  let result = -Infinity;
  for (let i = 0; i < tensor.data.length; i++) result = Math.max(result, tensor.data[i]);
  return result;
}

/** Formats a magnitude compactly: 4 significant digits, exponent form beyond 1e5. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 1e5 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(2) : String(Number(value.toPrecision(4)));
}
