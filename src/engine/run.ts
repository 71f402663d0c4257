import * as tf from '@tensorflow/tfjs-core';
import type { CompiledNode, Program } from './compile';
import type { Diagnostic } from './diagnostics';
import { describeNode } from './diagnostics';
import { summarizeModules } from './modules/summary';
import { checkFeeds, computeOutputs, findSinks, isSeeded, type Feeds } from './pass';
import { readTensor, type TensorData } from './tensor';
import type { NodeTrace, Trace, UpstreamPart } from './trace';
import { allFinite, NO_PARTS, NO_RECORDS, numbersOf, scalarRecord, seedRecord, shareScalars } from './trace-records';
import type { ScalarRule } from './types';

/**
 * Runs the program forward in topological order, then backward in reverse
 * order with each kind's own backward, and records every value and gradient.
 * `feeds` replaces the outputs of source nodes for this run only, and the run
 * throws when a feed does not fit the program. Every tensor the run creates
 * is disposed before it returns, and fed tensors stay with the caller.
 *
 * A node whose kind has a scalar rule and whose inputs and outputs are all
 * scalars computes on plain numbers instead of tensors, so a graph of scalar
 * gates allocates no tensor per value. Its results are rounded to float32 the
 * way tfjs's CPU backend rounds them.
 *
 * Scalar trace records are shared wherever two of them contain the same number.
 * A wire's value is its source's output record, and an add gate's local
 * gradients are one shared record of 1. A gradient equal to a value already
 * recorded reuses that record. Readers must therefore never write into a
 * trace's records.
 */
export function run(program: Program, feeds?: Feeds): Trace {
  if (feeds) checkFeeds(program, feeds);
  const trace: Trace = { steps: [], nodes: {}, edges: {}, sinks: findSinks(program), diagnostics: [...program.diagnostics] };
  // The trace is plain data, so the scope returns nothing and keeps no tensor alive.
  tf.tidy(() => {
    const state = runForward(program, feeds, trace);
    runBackward(program, state, feeds, trace);
  });
  if (program.modules?.length) summarizeModules(program, trace);
  return trace;
}

/** Output tensors and trace records of the forward pass, by position in `program.order`. */
interface ForwardState {
  /** A node's output tensors, or null where its scalar rule computed numbers, which only its records keep. */
  tensors: (tf.Tensor[] | null)[];
  records: NodeTrace[];
}

/** Returns the node's scalar rule, or null when the node is fed for this run. */
function scalarRuleOf(node: CompiledNode, feeds: Feeds | undefined): ScalarRule | null {
  return feeds?.[node.id] ? null : node.scalarRule;
}

/** Returns the tensors a node reads, in input port order. A value that a scalar rule computed becomes a new scalar tensor. */
function readTensors(node: CompiledNode, state: ForwardState): tf.Tensor[] {
  const read: tf.Tensor[] = new Array(node.inputs.length);
  for (let index = 0; index < read.length; index++) {
    const binding = node.inputs[index]!;
    const tensors = state.tensors[binding.sourcePosition];
    read[index] = tensors ? tensors[binding.sourceIndex] : tf.scalar(state.records[binding.sourcePosition].outputs[binding.sourceIndex].data[0], 'float32');
  }
  return read;
}

/** Returns the trace records of the values a node reads, in input port order. */
function readRecords(node: CompiledNode, records: readonly NodeTrace[]): TensorData[] {
  const read: TensorData[] = new Array(node.inputs.length);
  for (let index = 0; index < read.length; index++) {
    const binding = node.inputs[index]!;
    read[index] = records[binding.sourcePosition].outputs[binding.sourceIndex];
  }
  return read;
}

function scalarRecords(values: readonly number[]): TensorData[] {
  const records: TensorData[] = new Array(values.length);
  for (let index = 0; index < values.length; index++) records[index] = scalarRecord(values[index]);
  return records;
}

function runForward(program: Program, feeds: Feeds | undefined, trace: Trace): ForwardState {
  const count = program.order.length;
  const state: ForwardState = { tensors: new Array(count), records: new Array(count) };
  let reported = false;
  for (let position = 0; position < count; position++) {
    const node = program.order[position];
    const read = readRecords(node, state.records);
    const rule = scalarRuleOf(node, feeds);
    let outputs: TensorData[];
    if (rule) {
      // A scalar node reads its inputs' numbers from their records, which
      // contain exactly the float32 value a scalar tensor would return.
      outputs = scalarRecords(rule.forward(numbersOf(read), node.params));
      state.tensors[position] = null;
    } else {
      const tensors = computeOutputs(node, readTensors(node, state), feeds);
      outputs = tensors.map(readTensor);
      state.tensors[position] = tensors;
    }
    const record: NodeTrace = { outputs, upstream: null, upstreamParts: NO_PARTS, local: null, downstream: null };
    state.records[position] = record;
    trace.steps.push({ phase: 'forward', nodeId: node.id });
    trace.nodes[node.id] = record;
    for (let index = 0; index < read.length; index++) trace.edges[node.inputs[index]!.edge.id] = { value: read[index], gradient: null };

    if (!reported && isFirstNonFinite(read, outputs)) {
      trace.diagnostics.push(nonFinite(node, 'forward'));
      reported = true;
    }
  }
  return state;
}

/** Tells whether a node produced a NaN or infinity although everything it read was finite. */
function isFirstNonFinite(read: readonly TensorData[], produced: readonly TensorData[]): boolean {
  return !allFinite(produced) && allFinite(read);
}

function runBackward(program: Program, state: ForwardState, feeds: Feeds | undefined, trace: Trace): void {
  const sinks = new Set(trace.sinks);
  // Gradient tensors sent back along wires by nodes that ran on tensors, keyed
  // by edge id. A scalar rule's gradients are only in the trace's records.
  const sent = new Map<string, tf.Tensor>();
  let reported = false;

  for (let position = program.order.length - 1; position >= 0; position--) {
    const node = program.order[position];
    const record = state.records[position];
    const parts = receivedParts(node, record.outputs, sinks.has(node.id), trace);
    if (!parts) continue;

    const rule = scalarRuleOf(node, feeds);
    const step = rule
      ? scalarBackward(rule, node, readRecords(node, state.records), record.outputs, parts)
      : tensorBackward(node, readTensors(node, state), state.tensors[position]!, parts, sent);

    trace.steps.push({ phase: 'backward', nodeId: node.id });
    record.upstream = step.upstream;
    record.upstreamParts = parts;
    record.local = step.local;
    record.downstream = step.downstream;
    for (let index = 0; index < node.inputs.length; index++) {
      const edgeId = node.inputs[index]!.edge.id;
      if (step.downstreamTensors) sent.set(edgeId, step.downstreamTensors[index]);
      trace.edges[edgeId].gradient = step.downstream[index];
    }

    if (!reported && isFirstNonFinite(step.upstream, step.downstream)) {
      trace.diagnostics.push(nonFinite(node, 'backward'));
      reported = true;
    }
  }
}

/**
 * Collects, per output of `node`, the gradients its consumers sent back and a
 * sink's seed of 1, as trace parts. Returns null when no output received any,
 * so the node has no backward step.
 */
function receivedParts(node: CompiledNode, outputs: readonly TensorData[], isSink: boolean, trace: Trace): UpstreamPart[][] | null {
  let any = false;
  const parts: UpstreamPart[][] = new Array(node.consumers.length);
  for (let index = 0; index < parts.length; index++) {
    const received: UpstreamPart[] = [];
    for (const edge of node.consumers[index]) {
      // Only a consumer that ran backward has set the wire's gradient.
      const gradient = trace.edges[edge.id]?.gradient;
      if (gradient) received.push({ edgeId: edge.id, gradient });
    }
    if (isSink && isSeeded(node, index)) received.push({ edgeId: null, gradient: seedRecord(outputs[index]) });
    any ||= received.length > 0;
    parts[index] = received;
  }
  return any ? parts : null;
}

interface BackwardStep {
  /** Gradient with respect to each output: the sum of its parts. */
  upstream: TensorData[];
  local: TensorData[] | null;
  /** Gradient with respect to each input. */
  downstream: TensorData[];
  /** The same gradients as tensors, for a node that ran on tensors. */
  downstreamTensors?: tf.Tensor[];
}

function scalarBackward(rule: ScalarRule, node: CompiledNode, read: TensorData[], outputs: readonly TensorData[], parts: UpstreamPart[][]): BackwardStep {
  const upstreamNumbers: number[] = new Array(parts.length);
  const upstream: TensorData[] = new Array(parts.length);
  for (let index = 0; index < parts.length; index++) {
    const received = parts[index];
    // An output read by several wires is an implicit copy: its gradient is the sum, accumulated in float32 as tf.addN does.
    let total = 0;
    for (const part of received) total = Math.fround(total + part.gradient.data[0]);
    upstreamNumbers[index] = total;
    // A single part is the whole upstream gradient, so the record shares its data.
    upstream[index] = received.length === 1 ? received[0].gradient : scalarRecord(total);
  }

  const inputs = numbersOf(read);
  const outputNumbers = numbersOf(outputs);
  // A multiply gate's local gradients are its inputs, and an add gate passes its upstream gradient on.
  const local = rule.local ? shareScalars(rule.local(inputs, outputNumbers, node.params), read) : null;
  const downstream = shareScalars(rule.backward(inputs, outputNumbers, upstreamNumbers, node.params), upstream, local);
  return { upstream, local, downstream };
}

function tensorBackward(node: CompiledNode, inputs: tf.Tensor[], outputs: tf.Tensor[], parts: UpstreamPart[][], sent: ReadonlyMap<string, tf.Tensor>): BackwardStep {
  // An output read by several wires is an implicit copy: its gradient is the sum.
  const upstream = parts.map((received, index) => {
    const gradients = received.map((part) => {
      if (part.edgeId === null) return tf.onesLike(outputs[index]);
      return sent.get(part.edgeId) ?? tf.scalar(part.gradient.data[0], 'float32');
    });
    if (gradients.length === 0) return tf.zerosLike(outputs[index]);
    if (gradients.length === 1) return gradients[0];
    return tf.addN(gradients);
  });
  const context = { inputs, params: node.params, outputs, upstream };
  const local = node.kind.local?.(context) ?? null;
  const downstream = node.kind.backward(context);
  return {
    // A single part is the whole upstream gradient, so the record shares its data.
    upstream: upstream.map((value, index) => (parts[index].length === 1 ? parts[index][0].gradient : readTensor(value))),
    local: local ? local.map(readTensor) : null,
    downstream: downstream.length === 0 ? NO_RECORDS : downstream.map(readTensor),
    downstreamTensors: downstream,
  };
}

function nonFinite(node: CompiledNode, phase: 'forward' | 'backward'): Diagnostic {
  const what = phase === 'forward' ? 'value' : 'gradient';
  return {
    code: phase === 'forward' ? 'non-finite-value' : 'non-finite-gradient',
    severity: 'error',
    nodeId: node.id,
    details: { kind: node.kind.kind },
    message: `${describeNode(node.id, node.kind.kind)} is the first node whose ${what} is NaN or infinite although its inputs are finite; check its inputs against the kind's domain.`,
  };
}
