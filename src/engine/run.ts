import * as tf from '@tensorflow/tfjs-core';
import type { CompiledNode, Program } from './compile';
import type { Diagnostic } from './diagnostics';
import { describeNode } from './diagnostics';
import { isFloat32Overflow } from './health/non-finite';
import { summarizeModules } from './modules/summary';
import { checkFeeds, computeOutputs, feedOf, isSeeded, type Feeds } from './pass';
import { readTensor, type TensorData } from './tensor';
import type { Trace } from './trace';
import { traceOf, TraceStore } from './trace-store';
import { NO_RECORDS, seedRecord } from './trace-records';
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
 * way tfjs's CPU backend rounds them. The run keeps scalars in typed arrays
 * (see TraceStore), and the trace builds a record when it is first read.
 * Readers must never write into a trace's records.
 */
export function run(program: Program, feeds?: Feeds): Trace {
  if (feeds) checkFeeds(program, feeds);
  const store = new TraceStore(program, program.slots);
  const diagnostics = [...program.diagnostics];
  // The records are plain data, so the scope returns nothing and keeps no tensor alive.
  tf.tidy(() => {
    const tensors = runForward(store, feeds, diagnostics);
    runBackward(store, feeds, tensors, diagnostics);
  });
  const trace = traceOf(store, diagnostics);
  if (program.modules?.length) summarizeModules(program, trace);
  return trace;
}

/** A node's output tensors by position, or null where its scalar rule computed numbers. */
type ForwardTensors = (tf.Tensor[] | null)[];

/** Returns the node's scalar rule, or null when the node is fed for this run. */
function scalarRuleOf(node: CompiledNode, feeds: Feeds | undefined): ScalarRule | null {
  return feedOf(feeds, node.id) ? null : node.scalarRule;
}

/**
 * Lists that a scalar rule reads, by role and then by length, reused from
 * node to node. Rules read these lists and write their results into the
 * store's arrays, so a scalar node's results need no list of their own, and
 * the garbage collector runs less often while the new program is still young.
 */
const scratchLists: Record<'inputs' | 'outputs' | 'upstream', number[][]> = { inputs: [], outputs: [], upstream: [] };

/** Returns the reused list of `length` numbers for `role`. Its numbers are those of the last node that used it. */
function scratch(role: keyof typeof scratchLists, length: number): number[] {
  const lists = scratchLists[role];
  lists[length] ??= new Array<number>(length).fill(0);
  return lists[length];
}

/** Returns the numbers a scalar node reads, in input port order, in a reused list. */
function readNumbers(store: TraceStore, position: number): number[] {
  const { inputStart, inputSource } = store.slots;
  const start = inputStart[position];
  const numbers = scratch('inputs', inputStart[position + 1] - start);
  for (let index = 0; index < numbers.length; index++) numbers[index] = store.values[inputSource[start + index]];
  return numbers;
}

/** Returns the numbers of a scalar node's outputs in a reused list. */
function outputNumbers(store: TraceStore, position: number): number[] {
  const { outputStart } = store.slots;
  const start = outputStart[position];
  const numbers = scratch('outputs', outputStart[position + 1] - start);
  for (let index = 0; index < numbers.length; index++) numbers[index] = store.values[start + index];
  return numbers;
}

/** Returns the tensors a node reads, in input port order. A value that a scalar rule computed becomes a new scalar tensor. */
function readTensors(store: TraceStore, position: number, tensors: ForwardTensors): tf.Tensor[] {
  const node = store.program.order[position];
  const start = store.slots.inputStart[position];
  const read: tf.Tensor[] = new Array(node.inputs.length);
  for (let index = 0; index < read.length; index++) {
    const binding = node.inputs[index]!;
    const source = tensors[binding.sourcePosition];
    read[index] = source ? source[binding.sourceIndex] : tf.scalar(store.values[store.slots.inputSource[start + index]], 'float32');
  }
  return read;
}

/** Tells whether every value a node reads is finite. */
function readsFinite(store: TraceStore, position: number): boolean {
  const { inputStart, inputSource } = store.slots;
  for (let slot = inputStart[position]; slot < inputStart[position + 1]; slot++) {
    if (!recordFinite(store.outputRecordIfTensor(inputSource[slot]), store.values[inputSource[slot]])) return false;
  }
  return true;
}

/** Tells whether a tensor record, or the scalar `value` where there is none, is finite. */
function recordFinite(record: TensorData | null, value: number): boolean {
  return record ? allFinite([record]) : Number.isFinite(value);
}

function runForward(store: TraceStore, feeds: Feeds | undefined, diagnostics: Diagnostic[]): ForwardTensors {
  const { order } = store.program;
  const { outputStart } = store.slots;
  const tensors: ForwardTensors = new Array(order.length);
  let reported = false;
  for (let position = 0; position < order.length; position++) {
    const node = order[position];
    const rule = scalarRuleOf(node, feeds);
    const start = outputStart[position];
    let produced: boolean;
    if (rule) {
      rule.forward(readNumbers(store, position), node.params, store.values, start);
      tensors[position] = null;
      produced = finiteBetween(store.values, start, outputStart[position + 1]);
    } else {
      const computed = computeOutputs(node, readTensors(store, position, tensors), feeds);
      const outputs = computed.map(readTensor);
      // Scalar nodes read a scalar output's number from `values`, and they never read the other outputs.
      outputs.forEach((record, index) => (store.values[start + index] = record.shape.length === 0 ? record.data[0] : 0));
      store.tensorRecords[position] = { outputs, upstream: null, local: null, downstream: null };
      tensors[position] = computed;
      produced = allFinite(outputs);
    }
    if (!reported && !produced && readsFinite(store, position)) {
      diagnostics.push(nonFinite(node, 'forward', overflowed(store, position, 'forward')));
      reported = true;
    }
  }
  return tensors;
}

function runBackward(store: TraceStore, feeds: Feeds | undefined, tensors: ForwardTensors, diagnostics: Diagnostic[]): void {
  const { order } = store.program;
  // Gradient tensors sent back along wires by nodes that ran on tensors, by
  // input slot. A scalar rule's gradients are only in the store's arrays.
  const sent = new Map<number, tf.Tensor>();
  let reported = false;

  for (let position = order.length - 1; position >= 0; position--) {
    if (!receivedAny(store, position)) continue;
    store.ranBackward[position] = 1;
    const rule = scalarRuleOf(order[position], feeds);
    const finite = rule ? scalarBackward(store, position, rule) : tensorBackward(store, position, tensors, sent);
    if (!reported && !finite) {
      diagnostics.push(nonFinite(order[position], 'backward', overflowed(store, position, 'backward')));
      reported = true;
    }
  }
}

/** Tells whether any output of the node received a gradient from a consumer or a sink's seed, so the node has a backward step. */
function receivedAny(store: TraceStore, position: number): boolean {
  const { outputStart, consumerStart, consumerInput, sink } = store.slots;
  const node = store.program.order[position];
  for (let slot = outputStart[position]; slot < outputStart[position + 1]; slot++) {
    if (sink[position] && isSeeded(node, slot - outputStart[position])) return true;
    for (let index = consumerStart[slot]; index < consumerStart[slot + 1]; index++) {
      if (store.hasGradient[consumerInput[index]]) return true;
    }
  }
  return false;
}

/**
 * Runs a scalar node's rule backward and stores its gradients. Returns false
 * when a gradient it sends back is not finite although its upstream gradients are.
 */
function scalarBackward(store: TraceStore, position: number, rule: ScalarRule): boolean {
  const { outputStart, inputStart, consumerStart, consumerInput, sink } = store.slots;
  const node = store.program.order[position];
  const upstream = scratch('upstream', outputStart[position + 1] - outputStart[position]);
  let upstreamFinite = true;
  for (let index = 0; index < upstream.length; index++) {
    const slot = outputStart[position] + index;
    // An output read by several wires is an implicit copy: its gradient is the sum, accumulated in float32 as tf.addN does.
    let total = 0;
    let parts = 0;
    let last = 0;
    for (let consumer = consumerStart[slot]; consumer < consumerStart[slot + 1]; consumer++) {
      const input = consumerInput[consumer];
      if (!store.hasGradient[input]) continue;
      last = store.gradient[input];
      total = Math.fround(total + last);
      parts++;
    }
    if (sink[position] && isSeeded(node, index)) {
      last = 1;
      total = Math.fround(total + 1);
      parts++;
    }
    upstream[index] = total;
    // A single part is the whole upstream gradient, -0 included.
    store.upstream[slot] = parts === 1 ? last : total;
    upstreamFinite &&= Number.isFinite(store.upstream[slot]);
  }

  const inputs = readNumbers(store, position);
  const outputs = outputNumbers(store, position);
  const start = inputStart[position];
  const end = inputStart[position + 1];
  if (rule.local) {
    rule.local(inputs, outputs, node.params, store.local, start);
    store.hasLocal[position] = 1;
  }
  if (rule.backward) rule.backward(inputs, outputs, upstream, node.params, store.gradient, start);
  else {
    // Each input's gradient is its local gradient times the one output's upstream gradient, as numberOps.mul rounds it.
    const outputUpstream = Math.fround(upstream[0]);
    for (let slot = start; slot < end; slot++) store.gradient[slot] = Math.fround(store.local[slot] * outputUpstream);
  }
  store.hasGradient.fill(1, start, end);
  return !upstreamFinite || finiteBetween(store.gradient, start, end);
}

/** Tells whether every number of `numbers` from index `start` up to, not including, `end` is finite. */
function finiteBetween(numbers: Float64Array, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    if (!Number.isFinite(numbers[index])) return false;
  }
  return true;
}

/**
 * Runs a tensor node's backward and stores its records. Returns false when a
 * gradient it sends back is not finite although its upstream gradients are.
 */
function tensorBackward(store: TraceStore, position: number, tensors: ForwardTensors, sent: Map<number, tf.Tensor>): boolean {
  const { outputStart, inputStart, consumerStart, consumerInput, sink } = store.slots;
  const node = store.program.order[position];
  const outputs = tensors[position]!;
  const records = store.tensorRecords[position]!;
  const upstream: tf.Tensor[] = [];
  const upstreamRecords: TensorData[] = [];
  for (let index = 0; index < outputs.length; index++) {
    const slot = outputStart[position] + index;
    const gradients: tf.Tensor[] = [];
    let single: TensorData | null = null;
    for (let consumer = consumerStart[slot]; consumer < consumerStart[slot + 1]; consumer++) {
      const input = consumerInput[consumer];
      if (!store.hasGradient[input]) continue;
      gradients.push(sent.get(input) ?? tf.scalar(store.gradient[input], 'float32'));
      single = store.gradientRecord(input);
    }
    if (sink[position] && isSeeded(node, index)) {
      gradients.push(tf.onesLike(outputs[index]));
      single = seedRecord(store.outputRecord(slot));
    }
    // An output read by several wires is an implicit copy: its gradient is the sum.
    let summed: tf.Tensor;
    if (gradients.length === 0) summed = tf.zerosLike(outputs[index]);
    else if (gradients.length === 1) summed = gradients[0];
    else summed = tf.addN(gradients);
    upstream.push(summed);
    // A single part is the whole upstream gradient, so the record shares its data.
    upstreamRecords.push(gradients.length === 1 ? single! : readTensor(summed));
  }

  const context = { inputs: readTensors(store, position, tensors), params: node.params, outputs, upstream };
  const local = node.kind.local?.(context) ?? null;
  const downstream = node.kind.backward(context);
  records.upstream = upstreamRecords;
  records.local = local ? local.map(readTensor) : null;
  records.downstream = downstream.length === 0 ? NO_RECORDS : downstream.map(readTensor);
  const start = inputStart[position];
  records.downstream.forEach((record, index) => {
    sent.set(start + index, downstream[index]);
    store.hasGradient[start + index] = 1;
    // A scalar source reads a scalar gradient from `gradient`, and a tensor source reads the sent tensor.
    store.gradient[start + index] = record.shape.length === 0 ? record.data[0] : 0;
  });
  return !allFinite(upstreamRecords) || allFinite(records.downstream);
}

/** Tells whether every number of every record is finite. */
function allFinite(records: readonly TensorData[]): boolean {
  for (const record of records) {
    for (let index = 0; index < record.data.length; index++) {
      if (!Number.isFinite(record.data[index])) return false;
    }
  }
  return true;
}

/**
 * Tells whether the node read only finite values and its first non-finite
 * value (forward) or gradient (backward) is an infinity too large for float32,
 * not a result at a pole of its kind such as log 0.
 */
function overflowed(store: TraceStore, position: number, phase: 'forward' | 'backward'): boolean {
  if (!readsFinite(store, position)) return false;
  const { inputStart, inputSource, outputStart } = store.slots;
  const inputs: TensorData[] = [];
  const produced: TensorData[] = [];
  for (let slot = inputStart[position]; slot < inputStart[position + 1]; slot++) {
    inputs.push(store.outputRecord(inputSource[slot]));
    if (phase === 'backward' && store.hasGradient[slot]) produced.push(store.gradientRecord(slot));
  }
  if (phase === 'forward') {
    for (let slot = outputStart[position]; slot < outputStart[position + 1]; slot++) produced.push(store.outputRecord(slot));
  }
  return isFloat32Overflow(store.program.order[position], inputs, produced);
}

function nonFinite(node: CompiledNode, phase: 'forward' | 'backward', overflow: boolean): Diagnostic {
  const what = phase === 'forward' ? 'value' : 'gradient';
  // A node without inputs, such as a parameter that training drove to infinity, is itself the cause.
  if (phase === 'forward' && node.inputs.length === 0) {
    return {
      code: 'non-finite-value',
      severity: 'error',
      nodeId: node.id,
      details: { kind: node.kind.kind, source: 'yes' },
      message: `${describeNode(node.id, node.kind.kind)} has no inputs, and its own value is NaN or infinite. Set a finite value, or, while training, lower the learning rate and reset the weights.`,
    };
  }
  const code = phase === 'forward' ? 'non-finite-value' : 'non-finite-gradient';
  const read = phase === 'forward' ? 'its inputs are' : 'its inputs and upstream gradient are';
  if (overflow) {
    return {
      code,
      severity: 'error',
      nodeId: node.id,
      details: { kind: node.kind.kind, cause: 'overflow' },
      message: `${describeNode(node.id, node.kind.kind)} is the first node whose ${what} is infinite although ${read} finite: the ${what} overflows float32, whose largest value is about 3.4e38. Make its inputs smaller, or, while training, lower the learning rate.`,
    };
  }
  return {
    code,
    severity: 'error',
    nodeId: node.id,
    details: { kind: node.kind.kind },
    message: `${describeNode(node.id, node.kind.kind)} is the first node whose ${what} is NaN or infinite although its inputs are finite; check its inputs against the kind's domain.`,
  };
}
