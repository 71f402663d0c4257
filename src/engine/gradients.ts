import * as tf from '@tensorflow/tfjs-core';
import type { CompiledNode, Program } from './compile';
import { describeNode } from './diagnostics';
import { checkFeeds, computeOutputs, findSinks, isSeeded, readInputs, type Feeds } from './pass';
import { formatShape, shapesEqual } from './tensor';

export interface GradientResult {
  /** The graph's output: the sum of every element of every seeded sink output, as in a trace. */
  loss: tf.Scalar;
  /** Gradient of `loss` with respect to each variable, keyed by the parameter node id. */
  grads: Map<string, tf.Tensor>;
}

/**
 * Runs the program forward and backward, node by node with each kind's own
 * backward, for one training step. Each node id in `variables` uses that
 * variable as its output, and `feeds` replaces the outputs of source nodes.
 * Nothing is read back to the CPU and no trace is recorded. Intermediate
 * tensors are disposed; the caller owns `loss` and `grads` and should call
 * this inside tf.tidy. Throws when a feed or a variable does not fit the program.
 */
export function computeGradients(program: Program, feeds: Feeds, variables: ReadonlyMap<string, tf.Variable>): GradientResult {
  checkFeeds(program, feeds);
  checkVariables(program, variables);
  const plan = planFor(program, variables);

  const result = tf.tidy(() => {
    const outputs = runForward(program, feeds, variables);
    const loss = sumSinks(plan.sinks, outputs);
    const upstream = runBackward(plan, outputs, variables);
    const grads = [...variables.entries()].map(([id, variable]) => upstream.get(id) ?? tf.zerosLike(variable));
    return { loss, grads };
  });
  const ids = [...variables.keys()];
  return { loss: result.loss, grads: new Map(ids.map((id, index) => [id, result.grads[index]])) };
}

/** Facts about a program and its variables that every training step needs, worked out once per program. */
interface StepPlan {
  /** Variable node ids joined by NUL, to tell whether the plan fits a call's variables. */
  variableKey: string;
  sinks: CompiledNode[];
  /**
   * Nodes whose backward runs, in reverse topological order: the variables and
   * every node that reads from one, directly or not, because no other
   * gradient reaches a variable.
   */
  backwardOrder: CompiledNode[];
  /** Per node of backwardOrder, which inputs lead back to a variable; data inputs such as X do not. */
  wanted: Map<string, boolean[]>;
}

// NOTE: a plan assumes a program is not changed after compile, as compile's callers do.
const plans = new WeakMap<Program, StepPlan>();

function planFor(program: Program, variables: ReadonlyMap<string, tf.Variable>): StepPlan {
  const variableKey = [...variables.keys()].join('\u0000');
  const cached = plans.get(program);
  if (cached?.variableKey === variableKey) return cached;

  const dependent = new Set<string>();
  for (const node of program.order) {
    if (variables.has(node.id) || node.inputs.some((binding) => dependent.has(binding!.edge.source))) dependent.add(node.id);
  }
  const backwardOrder = program.order.filter((node) => dependent.has(node.id)).reverse();
  const wanted = new Map(backwardOrder.map((node) => [node.id, node.inputs.map((binding) => dependent.has(binding!.edge.source))]));
  const sinks = findSinks(program).map((id) => program.nodes.get(id)!);
  const plan: StepPlan = { variableKey, sinks, backwardOrder, wanted };
  plans.set(program, plan);
  return plan;
}

function checkVariables(program: Program, variables: ReadonlyMap<string, tf.Variable>): void {
  for (const [nodeId, variable] of variables) {
    const node = program.nodes.get(nodeId);
    if (!node) throw new Error(`variable for node "${nodeId}": the program has no runnable node with this id`);
    const where = `variable for ${describeNode(nodeId, node.kind.kind)}`;
    if (node.kind.inputs.length > 0 || node.kind.outputs.length !== 1) {
      throw new Error(`${where}: expected a source node with one output, such as a parameter`);
    }
    if (!shapesEqual(variable.shape, node.outputShapes[0])) {
      throw new Error(`${where}: expected shape ${formatShape(node.outputShapes[0])}, found ${formatShape(variable.shape)}`);
    }
  }
}

function runForward(program: Program, feeds: Feeds, variables: ReadonlyMap<string, tf.Variable>): Map<string, tf.Tensor[]> {
  const outputs = new Map<string, tf.Tensor[]>();
  for (const node of program.order) {
    const variable = variables.get(node.id);
    outputs.set(node.id, variable ? [variable] : computeOutputs(node, readInputs(node, outputs), feeds));
  }
  return outputs;
}

function sumSinks(sinks: CompiledNode[], outputs: ReadonlyMap<string, tf.Tensor[]>): tf.Scalar {
  const seeded = sinks.flatMap((node) => outputs.get(node.id)!.filter((_value, index) => isSeeded(node, index)));
  // A scalar sink, such as a total loss L, is its own sum, and tf.sum or tf.addN would only copy it.
  const terms = seeded.map((value) => (value.rank === 0 ? value : tf.sum(value)));
  if (terms.length === 0) return tf.scalar(0);
  return (terms.length === 1 ? terms[0] : tf.addN(terms)) as tf.Scalar;
}

/** Sends gradients back from the sinks and returns the upstream gradient of each variable node. */
function runBackward(plan: StepPlan, outputs: ReadonlyMap<string, tf.Tensor[]>, variables: ReadonlyMap<string, tf.Variable>): Map<string, tf.Tensor> {
  const sinks = new Set(plan.sinks);
  // Gradients sent back along each wire, keyed by edge id.
  const sent = new Map<string, tf.Tensor>();
  const variableGrads = new Map<string, tf.Tensor>();

  for (const node of plan.backwardOrder) {
    const values = outputs.get(node.id)!;
    const upstream = values.map((value, index) => {
      const received = node.consumers[index].filter((edge) => sent.has(edge.id)).map((edge) => sent.get(edge.id)!);
      if (sinks.has(node) && isSeeded(node, index)) received.push(tf.onesLike(value));
      return received;
    });
    if (upstream.every((received) => received.length === 0)) continue;

    // An output read by several wires is an implicit copy: its gradient is the sum.
    // A single gradient is used as it is, because tf.addN of one tensor copies it.
    const summed = upstream.map((received, index) => {
      if (received.length === 0) return tf.zerosLike(values[index]);
      return received.length === 1 ? received[0] : tf.addN(received);
    });
    if (variables.has(node.id)) {
      variableGrads.set(node.id, summed[0]);
      continue;
    }
    const wanted = plan.wanted.get(node.id)!;
    const received = upstream.map((parts) => parts.length > 0);
    const context = { inputs: readInputs(node, outputs), params: node.params, outputs: values, upstream: summed, wanted, received };
    const downstream = node.kind.backward(context);
    node.inputs.forEach((binding, index) => {
      if (wanted[index]) sent.set(binding!.edge.id, downstream[index]);
    });
  }
  return variableGrads;
}
