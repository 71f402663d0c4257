import { describe, expect, test } from 'vitest';
import { serializeDocument, type GraphDocument } from '../../src/engine/document';
import { loadDocumentText, loadDocumentValue, type LoadResult } from '../../src/engine/load';
import { registry } from '../../src/nodes';
import { presets } from '../../src/presets';
import { tensor, TestGraph } from '../helpers/graph';

/** Builds q = x + y, f = q · z, small enough to break one piece at a time. */
function validDocument(): GraphDocument {
  return new TestGraph().source('x', -2).source('y', 5).source('z', -4).node('q', 'add', { a: 'x', b: 'y' }).node('f', 'multiply', { a: 'q', b: 'z' }).build();
}

/** Returns a valid document as loose JSON data, for tests that break its structure. */
function looseDocument(): Record<string, any> {
  return JSON.parse(serializeDocument(validDocument()));
}

/** Returns the loaded document, failing the test with the load errors when there are any. */
function loaded(result: LoadResult): GraphDocument {
  if (!result.ok) expect.fail(`document should load: ${result.errors.join(' ')}`);
  return result.document;
}

function errorsOf(result: LoadResult): string[] {
  expect(result.ok, 'document should be rejected').toBe(false);
  return result.ok ? [] : result.errors;
}

/** Asserts that exactly one error is reported and that it contains every fragment. */
function expectOneError(result: LoadResult, ...fragments: string[]): void {
  const errors = errorsOf(result);
  expect(errors).toHaveLength(1);
  for (const fragment of fragments) expect(errors[0]).toContain(fragment);
}

describe('document round trip', () => {
  test.each(presets.map((preset) => preset.id))('preset %s saves and loads unchanged', (id) => {
    const document = presets.find((preset) => preset.id === id)!.build();
    const result = loadDocumentText(serializeDocument(document), registry);

    expect(loaded(result)).toEqual(document);
  });

  test('numeric ids become strings', () => {
    const document = looseDocument();
    document.nodes[0].id = 7;
    document.edges[0].id = 8;
    document.edges[0].source = 7;
    const result = loaded(loadDocumentValue(document, registry));

    expect(result.nodes[0].id).toBe('7');
    expect(result.edges[0]).toMatchObject({ id: '8', source: '7' });
  });
});

describe('document rejection', () => {
  test('cycle names its nodes', () => {
    const document = new TestGraph().source('x', 1).node('a', 'add', { a: 'x', b: 'b' }).node('b', 'negate', { x: 'a' }).build();
    expectOneError(loadDocumentValue(document, registry), 'cycle', '"a"', '"b"');
  });

  test('edge to a missing node', () => {
    const document = looseDocument();
    document.edges[0].source = 'ghost';
    expectOneError(loadDocumentValue(document, registry), `Edge "${document.edges[0].id}"`, 'source node "ghost" does not exist');
  });

  test('edge to a missing port names port and node', () => {
    const document = looseDocument();
    document.edges[0].targetPort = 'c';
    expectOneError(loadDocumentValue(document, registry), 'node "q" (add) has no input port "c"', 'its inputs: a, b');
  });

  test('two wires into one input', () => {
    const document = new TestGraph().source('x', 1).source('y', 2).node('n', 'negate', { x: 'x' }).build();
    document.edges.push({ id: 'second', source: 'y', sourcePort: 'out', target: 'n', targetPort: 'x' });
    expectOneError(loadDocumentValue(document, registry), 'Edge "second"', 'input "x" of node "n" already has wire "x.out->n.x"');
  });

  test('unknown kind is named', () => {
    const document = looseDocument();
    document.nodes[3].kind = 'flux-capacitor';
    expectOneError(loadDocumentValue(document, registry), 'Node "q" has unknown kind "flux-capacitor"', 'known kinds: input');
  });

  test('wrong format name', () => {
    const document = { ...looseDocument(), format: 'graph' };
    expectOneError(loadDocumentValue(document, registry), 'Field "format"', '"backprop-studio-graph"', '"graph"');
  });

  test('newer version', () => {
    const document = { ...looseDocument(), version: 2 };
    expectOneError(loadDocumentValue(document, registry), 'version 2', 'newer');
  });

  test.each([
    { version: 0, found: '0' },
    { version: '1', found: '"1"' },
    { version: 1.5, found: '1.5' },
  ])('version $found is invalid', ({ version, found }) => {
    const document = { ...looseDocument(), version };
    expectOneError(loadDocumentValue(document, registry), 'Field "version"', `found ${found}`);
  });

  test('malformed JSON', () => {
    expectOneError(loadDocumentText('{"format": "backprop-studio-graph", ', registry), 'not valid JSON');
  });

  test('tensor data that does not fill its shape', () => {
    const document = new TestGraph().source('x', tensor([2, 3], [1, 2, 3, 4, 5])).build();
    expectOneError(loadDocumentValue(document, registry), 'Node "x" (input), parameter "value"', 'shape [2, 3] holds 6 values, found 5');
  });

  test('duplicate node id', () => {
    const document = looseDocument();
    document.nodes[1].id = 'x';
    document.edges = document.edges.filter((edge: { source: string }) => edge.source !== 'y');
    const errors = errorsOf(loadDocumentValue(document, registry));

    expect(errors).toContainEqual('Node id "x" is used by more than one node; ids must be unique.');
  });

  test.each([
    { name: 'an array', value: [] },
    { name: 'a number', value: 3 },
    { name: 'null', value: null },
    { name: 'a string', value: 'graph' },
  ])('root that is $name', ({ value }) => {
    expectOneError(loadDocumentValue(value, registry), 'must be a JSON object');
  });

  test('invalid node field names the node', () => {
    const document = looseDocument();
    document.nodes[3].position = { x: 'left', y: 0 };
    expectOneError(loadDocumentValue(document, registry), 'nodes[3].position.x', 'node "q"');
  });

  test('invalid edge field names the edge', () => {
    const document = looseDocument();
    delete document.edges[1].targetPort;
    expectOneError(loadDocumentValue(document, registry), 'edges[1].targetPort', `edge "${document.edges[1].id}"`);
  });

  test('non-finite number is rejected', () => {
    const document = new TestGraph().source('x', tensor([2], [1, NaN])).build();
    expectOneError(loadDocumentValue(document, registry), 'nodes[0].params.value', 'node "x"');
  });
});
