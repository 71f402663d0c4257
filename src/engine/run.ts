import * as tf from '@tensorflow/tfjs-core';
import type { CompiledNode, Program } from './compile';
import type { Diagnostic } from './diagnostics';
import { describeNode } from './diagnostics';
import { summarizeModules } from './modules/summary';
import { checkFeeds, computeOutputs, findSinks, isSeeded, readInputs, type Feeds } from './pass';
import { isFiniteData, readTensor } from './tensor';
import type { NodeTrace, Trace, TraceStep } from './trace';

/**
 * Runs the program forward in topological order, then backward in reverse
 * order with each kind's own backward, and records every value and gradient.
 * `feeds` replaces the outputs of source nodes for this run only, and the run
 * throws when a feed does not fit the program. Every tensor the run creates
 * is disposed before it returns, and fed tensors stay with the caller.
 */
export function run(program: Program, feeds?: Feeds): Trace {
  if (feeds) checkFeeds(program, feeds);
  const trace: Trace = { steps: [], nodes: {}, edges: {}, sinks: findSinks(program), diagnostics: [...program.diagnostics] };
  // The trace is plain data, so the scope returns nothing and keeps no tensor alive.
  tf.tidy(() => {
    const outputs = new Map<string, tf.Tensor[]>();
    for (const node of program.order) {
      const inputs = readInputs(node, outputs);
      const values = computeOutputs(node, inputs, feeds);
      outputs.set(node.id, values);
      trace.steps.push({ phase: 'forward', nodeId: node.id });
      trace.nodes[node.id] = { outputs: values.map(readTensor), upstream: null, upstreamParts: [], local: null, downstream: null };
    }
    recordEdgeValues(program, trace);
    reportFirstNonFinite(program, trace, 'forward');

    runBackward(program, outputs, trace);
    reportFirstNonFinite(program, trace, 'backward');
  });
  if (program.modules?.length) summarizeModules(program, trace);
  return trace;
}

function recordEdgeValues(program: Program, trace: Trace): void {
  for (const node of program.order) {
    for (const binding of node.inputs) {
      const value = trace.nodes[binding!.edge.source].outputs[binding!.sourceIndex];
      trace.edges[binding!.edge.id] = { value, gradient: null };
    }
  }
}

function runBackward(program: Program, outputs: Map<string, tf.Tensor[]>, trace: Trace): void {
  const sinks = new Set(trace.sinks);
  // Gradients sent back along each wire, keyed by edge id.
  const sent = new Map<string, tf.Tensor>();

  for (const node of [...program.order].reverse()) {
    const values = outputs.get(node.id)!;
    const parts = node.consumers.map((edges, index) => {
      const received = edges.filter((edge) => sent.has(edge.id)).map((edge) => ({ edgeId: edge.id as string | null, gradient: sent.get(edge.id)! }));
      if (sinks.has(node.id) && isSeeded(node, index)) received.push({ edgeId: null, gradient: tf.onesLike(values[index]) });
      return received;
    });
    if (parts.every((received) => received.length === 0)) continue;

    // An output read by several wires is an implicit copy: its gradient is the sum.
    const upstream = parts.map((received, index) => {
      if (received.length === 0) return tf.zerosLike(values[index]);
      if (received.length === 1) return received[0].gradient;
      return tf.addN(received.map((part) => part.gradient));
    });
    const context = { inputs: readInputs(node, outputs), params: node.params, outputs: values, upstream };
    const downstream = node.kind.backward(context);
    const local = node.kind.local?.(context) ?? null;
    node.inputs.forEach((binding, index) => sent.set(binding!.edge.id, downstream[index]));

    trace.steps.push({ phase: 'backward', nodeId: node.id } satisfies TraceStep);
    const record: NodeTrace = trace.nodes[node.id];
    record.upstream = upstream.map(readTensor);
    record.upstreamParts = parts.map((received) => received.map((part) => ({ edgeId: part.edgeId, gradient: readTensor(part.gradient) })));
    record.local = local?.map(readTensor) ?? null;
    record.downstream = downstream.map(readTensor);
    node.inputs.forEach((binding, index) => (trace.edges[binding!.edge.id].gradient = record.downstream![index]));
  }
}

/** Names the first node whose result is NaN or infinite although everything it read was finite. */
function reportFirstNonFinite(program: Program, trace: Trace, phase: 'forward' | 'backward'): void {
  const steps = trace.steps.filter((step) => step.phase === phase);
  for (const { nodeId } of steps) {
    const record = trace.nodes[nodeId];
    const node = program.nodes.get(nodeId)!;
    const read = phase === 'forward' ? node.inputs.map((binding) => trace.edges[binding!.edge.id].value) : record.upstream!;
    const produced = phase === 'forward' ? record.outputs : record.downstream!;
    if (!read.every(isFiniteData) || produced.every(isFiniteData)) continue;
    trace.diagnostics.push(nonFinite(node, phase));
    return;
  }
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
