import { describe, expect, test } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import { decodeLink, encodeLink, withTrainedWeights, type DecodeLinkResult } from '../../src/engine/link';
import { sigmoidModule, type ModuleDefinition } from '../../src/engine/modules';
import { registry } from '../../src/nodes';
import { findPreset, presets } from '../../src/presets';
import { tensor, TestGraph } from '../helpers/graph';
import { openVersion1Link } from './link-craft';

function decoded(result: DecodeLinkResult): Extract<DecodeLinkResult, { ok: true }> {
  if (!result.ok) expect.fail(`link should decode: ${result.code}: ${result.message}`);
  return result;
}

function buildPreset(id: string): GraphDocument {
  return findPreset(id)!.build();
}

/** Returns deterministic float32 values in (-1, 1), spread like trained weights. */
function float32Values(count: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.fround(state / 1073741824 - 1);
  });
}

describe('link round trip', () => {
  test.each(presets.map((preset) => preset.id))('preset %s decodes to the same document', (id) => {
    const document = buildPreset(id);
    const result = decoded(decodeLink(encodeLink(document), registry));
    expect(result.document).toStrictEqual(document);
    expect(result.view).toBeUndefined();
    expect(result.lecture).toBeUndefined();
  });

  test('preset links stay short', () => {
    const addMul = encodeLink(buildPreset('add-mul'));
    const mlp2 = encodeLink(buildPreset('mlp2'));
    // Printed on purpose: the lengths are the figures this format is judged by.
    console.log(`link lengths: add-mul ${addMul.length} characters, mlp2 ${mlp2.length} characters`);
    expect(addMul.length).toBeLessThan(400);
    expect(mlp2.length).toBeLessThan(2000);
  });

  test('view and lecture options travel with the graph', () => {
    const document = buildPreset('sigmoid-neuron');
    const lecture = { hidePalette: true, hideInspector: false, hidePanels: true, lockEditing: true, autoplay: true, startStep: 7 };
    const result = decoded(decodeLink(encodeLink(document, { view: { cursor: 12 }, lecture }), registry));
    expect(result.document).toStrictEqual(document);
    expect(result.view).toStrictEqual({ cursor: 12 });
    expect(result.lecture).toStrictEqual(lecture);
  });

  test('trained weights decode bit for bit', () => {
    const document = buildPreset('mlp2');
    const weights = {
      W1: tensor([2, 100], float32Values(200, 1)),
      b1: tensor([100], float32Values(100, 2)),
      W2: tensor([100, 3], [1 / 3, -0, 1e308, 5e-324, ...float32Values(296, 3)]),
      b2: tensor([3], [0.1, -0.2, 0.30000000000000004]),
    };
    const trained = withTrainedWeights(document, weights);
    const result = decoded(decodeLink(encodeLink(trained), registry));

    expect(result.document).toStrictEqual(trained);
    const w2 = result.document.nodes.find((node) => node.id === 'W2')!.params.value as { data: number[] };
    expect(Object.is(w2.data[1], -0)).toBe(true);
    expect(w2.data[3]).toBe(5e-324);
  });

  test('float32 weights are stored as 4 bytes each', () => {
    const values = float32Values(200, 4);
    const trained = withTrainedWeights(buildPreset('mlp2'), { W1: tensor([2, 100], values) });
    const opened = openVersion1Link(encodeLink(trained));

    expect(opened.binary.length).toBe(800);
    values.forEach((value, index) => expect(opened.binary.readFloatLE(index * 4)).toBe(value));
    const nodes = (opened.json as unknown[][])[0][2] as unknown[][];
    const w1 = nodes.find((node) => node[0] === 'W1')!;
    expect((w1[4] as Record<string, unknown>).value).toEqual([[2, 100], 'f32', 200]);
  });

  test('withTrainedWeights replaces parameter values only', () => {
    const document = buildPreset('matmul-example');
    const trained = withTrainedWeights(document, { W: tensor([2, 3], [6, 5, 4, 3, 2, 1]), x: tensor([3, 1], [9, 9, 9]), constructor: tensor([], [1]) });

    expect(trained.nodes.find((node) => node.id === 'W')!.params).toStrictEqual({ value: tensor([2, 3], [6, 5, 4, 3, 2, 1]), init: 'value' });
    expect(trained.nodes.find((node) => node.id === 'x')).toStrictEqual(document.nodes.find((node) => node.id === 'x'));
    expect(document.nodes.find((node) => node.id === 'W')!.params.value).toStrictEqual(tensor([2, 3], [1, 2, 3, 4, 5, 6]));
  });

  test('unusual but valid documents decode exactly', () => {
    const document = new TestGraph().source('0', 1.5).source('1', -0).node('sum', 'add', { a: '0', b: '1' }).build();
    delete document.title;
    document.nodes[0].label = '<b>not HTML</b> & "quotes" 😀 \ud800 lone surrogate';
    document.nodes[1].group = 'inputs';
    document.nodes[1].position = { x: -0, y: 1e-7 };
    document.nodes[2].params = {};
    document.edges[0].id = 'custom edge id';
    document.edges[1].id = '7';
    document.training = {
      dataset: { name: 'xor', noise: 0.25, extraPoints: [[0.5, -0, 1]] },
      optimizer: { name: 'momentum', learningRate: 0.05, momentum: 0.9 },
      batchSize: 4, epochs: 3, seed: -12, init: 'document', split: { train: 0.5, validation: 0.25 },
    };

    const result = decoded(decodeLink(encodeLink(document), registry));
    expect(result.document).toStrictEqual(document);
    expect(Object.is(result.document.nodes[1].position.x, -0)).toBe(true);
    expect(Object.is(result.document.training!.dataset.extraPoints![0][1], -0)).toBe(true);
  });

  test('modules decode exactly', () => {
    const document = new TestGraph()
      .source('x', tensor([20], float32Values(20, 5)))
      .node('s', 'module', { x: 'x' }, { module: 'sigmoid' })
      .node('scaled', 'module', { x: 's' }, { module: 'scale' })
      .node('L', 'sum', { x: 'scaled' })
      .build();
    const scale: ModuleDefinition = {
      nodes: [
        { id: 'weights', kind: 'constant', params: { value: tensor([20], float32Values(20, 6)) }, position: { x: 0, y: 0 } },
        { id: 'product', kind: 'multiply', params: {}, position: { x: 200, y: 0 } },
      ],
      edges: [{ id: 'w', source: 'weights', sourcePort: 'out', target: 'product', targetPort: 'b' }],
      inputs: [{ name: 'x', node: 'product', port: 'a' }],
      outputs: [{ name: 'out', node: 'product', port: 'out' }],
    };
    document.modules = { sigmoid: sigmoidModule(), scale };

    const link = encodeLink(document);
    const result = decoded(decodeLink(link, registry));
    expect(result.document).toStrictEqual(document);
    expect(openVersion1Link(link).binary.length).toBe(160);
  });

  test('whole URLs, # and whitespace accepted', () => {
    const document = buildPreset('add-mul');
    const fragment = encodeLink(document);
    for (const text of [`http://127.0.0.1:5173/#${fragment}`, `#${fragment}`, `  ${fragment}\n`]) {
      expect(decoded(decodeLink(text, registry)).document).toStrictEqual(document);
    }
  });

  test('edges use node indices and derived ids are left out', () => {
    const opened = openVersion1Link(encodeLink(buildPreset('add-mul')));
    expect(opened.version).toBe(1);
    expect(opened.storedChecksum).toBe(opened.computedChecksum);

    const [documentPart] = opened.json as unknown[][];
    expect(documentPart[0]).toBe(1);
    expect(documentPart[1]).toBe('f = (x + y) · z');
    expect(documentPart[2]).toStrictEqual([
      ['x', 'input', 0, 0, { value: [[], -2] }],
      ['y', 'input', 0, 160, { value: [[], 5] }],
      ['z', 'input', 0, 320, { value: [[], -4] }],
      ['q', 'add', 300, 80],
      ['f', 'multiply', 600, 200],
    ]);
    expect(documentPart[3]).toStrictEqual([[0, 'out', 3, 'a'], [1, 'out', 3, 'b'], [3, 'out', 4, 'a'], [2, 'out', 4, 'b']]);
  });
});

describe('encodeLink', () => {
  test('rejects a payload that fails the schema', () => {
    const document = buildPreset('add-mul');
    expect(() => encodeLink(document, { lecture: { startStep: -1 } })).toThrow(/lecture\.startStep/);
    expect(() => encodeLink({ ...document, nodes: [{ ...document.nodes[0], position: { x: Number.NaN, y: 0 } }] })).toThrow(/position\.x/);
  });
});
