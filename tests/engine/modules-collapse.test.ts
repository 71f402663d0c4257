import { describe, expect, test } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import { gradientCheck } from '../../src/engine/gradcheck';
import { collapseToModule, expandModule, renameModule } from '../../src/engine/modules';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { gradientOf, runDocument, TestGraph, valueOf } from '../helpers/graph';
import { expectClose } from '../helpers/numeric';

function collapse(document: GraphDocument, nodeIds: string[], name: string): { document: GraphDocument; moduleNodeId: string } {
  const result = collapseToModule(document, nodeIds, name, registry);
  if (!result.ok) throw new Error(`collapseToModule failed: ${result.error}`);
  return result;
}

/** Wires as "source.port->target.port", ignoring ids, sorted. */
function wiring(document: GraphDocument): string[] {
  return document.edges.map((edge) => `${edge.source}.${edge.sourcePort}->${edge.target}.${edge.targetPort}`).sort();
}

const sigmoidGates = () => findPreset('sigmoid-gates')!.build();
const SIGMOID_GATES = ['neg', 'e', 'plus1', 'f'];
const NEURON_SOURCES = ['w0', 'x0', 'w1', 'x1', 'w2'];

describe('collapse to module', () => {
  test('run equals the flat graph', () => {
    const flat = runDocument(sigmoidGates()).trace;
    const { document } = collapse(sigmoidGates(), SIGMOID_GATES, 'sig');
    const { trace } = runDocument(document);

    for (const id of [...NEURON_SOURCES, 'dot']) {
      expectClose(valueOf(trace, id), valueOf(flat, id), { abs: 1e-6 }, `value of ${id}`);
      expectClose(gradientOf(trace, id), gradientOf(flat, id), { abs: 1e-6 }, `gradient of ${id}`);
    }
  });

  test('module node shows upstream, local and downstream', () => {
    const { document, moduleNodeId } = collapse(sigmoidGates(), SIGMOID_GATES, 'sig');
    const { trace } = runDocument(document);
    const record = trace.nodes[moduleNodeId];
    // The neuron's dot product is 1 at its preset values, so the module computes σ(1).
    const sigma = 1 / (1 + Math.exp(-1));

    expectClose(record.outputs[0], [sigma], { abs: 1e-6 }, 'output');
    expectClose(record.upstream![0], [1], { abs: 0 }, 'upstream (sink seed)');
    expectClose(record.local![0], [sigma * (1 - sigma)], { abs: 1e-6 }, 'local');
    expectClose(record.downstream![0], [sigma * (1 - sigma)], { abs: 1e-6 }, 'downstream');
    expectClose(trace.edges['dot.out->neg.x'].gradient!, [sigma * (1 - sigma)], { abs: 1e-6 }, 'gradient on the wire into the module');
  });

  test('steps name the module node once per phase', () => {
    const { document, moduleNodeId } = collapse(sigmoidGates(), SIGMOID_GATES, 'sig');
    const { trace } = runDocument(document);
    const steps = trace.steps.map((step) => `${step.phase} ${step.nodeId}`);

    expect(steps.filter((step) => step.endsWith(` ${moduleNodeId}`))).toEqual([`forward ${moduleNodeId}`, `backward ${moduleNodeId}`]);
    expect(steps.some((step) => step.includes('/'))).toBe(false);
    expect(steps.indexOf(`forward ${moduleNodeId}`)).toBeGreaterThan(steps.indexOf('forward dot'));
    expect(steps.indexOf(`backward ${moduleNodeId}`)).toBeLessThan(steps.indexOf('backward dot'));
  });

  test('expand gives back the computation', () => {
    const original = sigmoidGates();
    const collapsed = collapse(original, SIGMOID_GATES, 'sig');
    const expanded = expandModule(collapsed.document, collapsed.moduleNodeId);
    if (!expanded.ok) throw new Error(expanded.error);

    const summarize = (document: GraphDocument) => document.nodes.map((node) => `${node.id} ${node.kind} ${JSON.stringify(node.params)}`).sort();
    expect(summarize(expanded.document)).toEqual(summarize(original));
    expect(wiring(expanded.document)).toEqual(wiring(original));
    expect(expanded.document.modules).toBeUndefined();
    expect(valueOf(runDocument(expanded.document).trace, 'f')).toEqual(valueOf(runDocument(original).trace, 'f'));
  });

  test('outside source feeding two inner ports', () => {
    const document = new TestGraph().source('x', 3).node('sq', 'multiply', { a: 'x', b: 'x' }).node('f', 'add-constant', { x: 'sq' }, { c: 1 }).build();
    const collapsed = collapse(document, ['sq', 'f'], 'square-plus-one');
    const { trace } = runDocument(collapsed.document);

    expect(collapsed.document.modules!['square-plus-one'].inputs.map((input) => input.name)).toEqual(['a', 'a']);
    expect(collapsed.document.edges.filter((edge) => edge.target === collapsed.moduleNodeId)).toHaveLength(1);
    expect(valueOf(trace, collapsed.moduleNodeId).data).toEqual([10]);
    expect(gradientOf(trace, 'x').data).toEqual([6]);
    expect(trace.edges['x.out->sq.a'].gradient!.data).toEqual([6]);
    expect(trace.nodes[collapsed.moduleNodeId].local![0].data).toEqual([6]);
  });

  test('nested modules run like the flat graph', () => {
    const inner = collapse(sigmoidGates(), ['e', 'plus1'], 'exp-plus-one');
    const outer = collapse(inner.document, ['neg', inner.moduleNodeId, 'f'], 'sig');
    const flat = runDocument(sigmoidGates()).trace;
    const { trace } = runDocument(outer.document);

    expectClose(valueOf(trace, outer.moduleNodeId), valueOf(flat, 'f'), { abs: 1e-6 }, 'output');
    for (const id of NEURON_SOURCES) expectClose(gradientOf(trace, id), gradientOf(flat, id), { abs: 1e-6 }, `gradient of ${id}`);
  });

  test('gradient check sees through modules', () => {
    const { document } = collapse(sigmoidGates(), SIGMOID_GATES, 'sig');
    const result = gradientCheck(document, registry);

    expect(result.entries.map((entry) => entry.nodeId)).toEqual(NEURON_SOURCES);
    expect(result.ok).toBe(true);
  });

  test('selection that a path leaves and re-enters is rejected', () => {
    const result = collapseToModule(findPreset('add-mul')!.build(), ['x', 'f'], 'bad');

    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain('comes back into it');
  });

  test('empty selection and taken name are rejected', () => {
    const { document } = collapse(sigmoidGates(), SIGMOID_GATES, 'sig');
    const empty = collapseToModule(document, [], 'other');
    const taken = collapseToModule(document, ['dot'], 'sig');

    expect(empty.ok ? '' : empty.error).toContain('at least one node');
    expect(taken.ok ? '' : taken.error).toContain('already exists');
  });

  test('expanding a plain node is rejected', () => {
    const result = expandModule(sigmoidGates(), 'dot');

    expect(result.ok ? '' : result.error).toBe('Node "dot" is not a module node.');
  });
});

describe('rename module', () => {
  test('renames definition and nodes', () => {
    const { document, moduleNodeId } = collapse(sigmoidGates(), SIGMOID_GATES, 'sig');
    const result = renameModule(document, 'sig', 'sigmoid as gates');
    if (!result.ok) throw new Error(result.error);

    expect(Object.keys(result.document.modules!)).toEqual(['sigmoid as gates']);
    expect(result.document.nodes.find((node) => node.id === moduleNodeId)!.params.module).toBe('sigmoid as gates');
    expect(valueOf(runDocument(result.document).trace, moduleNodeId)).toEqual(valueOf(runDocument(document).trace, moduleNodeId));
  });

  test('taken or unknown name is rejected', () => {
    const inner = collapse(sigmoidGates(), ['e', 'plus1'], 'exp-plus-one');
    const { document } = collapse(inner.document, ['neg', inner.moduleNodeId, 'f'], 'sig');
    const taken = renameModule(document, 'sig', 'exp-plus-one');
    const unknown = renameModule(document, 'missing', 'other');

    expect(taken.ok ? '' : taken.error).toContain('already exists');
    expect(unknown.ok ? '' : unknown.error).toBe('Module "missing" is not defined.');
  });

  test('rename reaches nested module nodes', () => {
    const inner = collapse(sigmoidGates(), ['e', 'plus1'], 'exp-plus-one');
    const { document } = collapse(inner.document, ['neg', inner.moduleNodeId, 'f'], 'sig');
    const result = renameModule(document, 'exp-plus-one', 'e+1');
    if (!result.ok) throw new Error(result.error);

    expect(result.document.modules!.sig.nodes.find((node) => node.kind === 'module')!.params.module).toBe('e+1');
    expect(runDocument(result.document).trace.diagnostics).toEqual([]);
  });
});
