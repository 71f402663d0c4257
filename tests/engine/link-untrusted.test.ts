import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import { DOCUMENT_FORMAT, type GraphDocument } from '../../src/engine/document';
import { decodeLink, encodeLink, type DecodeLinkResult } from '../../src/engine/link';
import { loadDocumentText, loadDocumentValue, type LoadResult } from '../../src/engine/load';
import { run } from '../../src/engine/run';
import { registry } from '../../src/nodes';
import { TestGraph } from '../helpers/graph';
import { craftVersion1Link } from './link-craft';

const DEPTH = 100_000;
const deepList = () => JSON.parse(`${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`) as unknown;

function errorsOf(result: LoadResult): string[] {
  if (result.ok) expect.fail('document should be rejected');
  expect(result.errors.length).toBeGreaterThan(0);
  return result.errors;
}

function loaded(result: LoadResult): GraphDocument {
  if (!result.ok) expect.fail(`document should load: ${result.errors.join(' ')}`);
  return result.document;
}

function decodedDocument(result: DecodeLinkResult): GraphDocument {
  if (!result.ok) expect.fail(`link should decode: ${result.message}`);
  return result.document;
}

function rejectionOf(result: DecodeLinkResult): string {
  if (result.ok) expect.fail('link should be rejected');
  return result.message;
}

function documentWith(nodes: unknown[], edges: unknown[] = []): Record<string, unknown> {
  return { format: DOCUMENT_FORMAT, version: 1, nodes, edges };
}

function node(id: string, kind: string, params: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, kind, params, position: { x: 0, y: 0 } };
}

describe('tensor size caps', () => {
  test('parameter of shape [1e6, 1e6] rejected at load', () => {
    const errors = errorsOf(loadDocumentValue(documentWith([node('W', 'parameter', { init: 'he', shape: [1_000_000, 1_000_000] })]), registry));
    expect(errors).toContain('Node "W" (parameter), parameter "shape": shape [1000000, 1000000] has 1000000000000 elements; a tensor may have at most 20000000.');
  });

  test('stored elements capped over all nodes', () => {
    const nodes = [node('A', 'parameter', { init: 'he', shape: [5000, 4000] }), node('B', 'parameter', { init: 'he', shape: [5000, 4000] })];
    const errors = errorsOf(loadDocumentValue(documentWith(nodes), registry));
    expect(errors).toStrictEqual(["The document's tensor values and parameter shapes add up to 40000000 elements; the limit is 20000000. Use smaller tensors."]);
  });

  test('huge batch is a diagnostic', () => {
    const document = new TestGraph().node('data', 'batch', {}, { features: 1_000_000, batchSize: 1_000_000 }).build();
    const program = compile(document, registry);
    expect(program.diagnostics.map((diagnostic) => [diagnostic.nodeId, diagnostic.code])).toStrictEqual([['data', 'invalid-param']]);
    expect(program.diagnostics[0].message).toContain('shape [1000000, 1000000]');
    expect(run(program).nodes).toStrictEqual({});
  });

  test('huge broadcast output is a diagnostic', () => {
    const document = new TestGraph()
      .node('column', 'parameter', {}, { init: 'zeros', shape: [5000, 1] })
      .node('row', 'parameter', {}, { init: 'zeros', shape: [1, 5000] })
      .node('sum', 'add', { a: 'column', b: 'row' })
      .build();
    expect(loadDocumentValue(document, registry).ok).toBe(true);
    const program = compile(document, registry);
    expect(program.diagnostics.map((diagnostic) => [diagnostic.nodeId, diagnostic.code])).toStrictEqual([['sum', 'shape-mismatch']]);
    expect(program.order.map((entry) => entry.id)).toStrictEqual(['column', 'row']);
  });

  test('outputs capped over all nodes', () => {
    const graph = new TestGraph();
    for (const id of ['a', 'b', 'c']) graph.node(id, 'batch', {}, { features: 4000, batchSize: 4000 });
    const program = compile(graph.build(), registry);
    expect(program.order.map((entry) => entry.id)).toStrictEqual(['a', 'b']);
    expect(program.diagnostics[0].nodeId).toBe('c');
    expect(program.diagnostics[0].message).toContain('48012000 elements');
  });

  test('compile of 30,000-node chain is fast', () => {
    const nodes = [{ id: 'n0', kind: 'input', params: {}, position: { x: 0, y: 0 } }];
    const edges = [];
    for (let index = 1; index < 30_000; index++) {
      nodes.push({ id: `n${index}`, kind: 'negate', params: {}, position: { x: index, y: 0 } });
      edges.push({ id: `e${index}`, source: `n${index - 1}`, sourcePort: 'out', target: `n${index}`, targetPort: 'x' });
    }
    const started = performance.now();
    const program = compile({ format: DOCUMENT_FORMAT, version: 1, nodes, edges }, registry);
    expect(program.order).toHaveLength(30_000);
    // Scanning every edge for every port took 17 s for this chain on a 2-core machine.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('hostile values', () => {
  test('numeric ids become strings', () => {
    const text = JSON.stringify(documentWith([node(1 as unknown as string, 'input'), node('n', 'negate')], [{ id: 7, source: 1, sourcePort: 'out', target: 'n', targetPort: 'x' }]));
    const document = loaded(loadDocumentText(text, registry));
    expect(document.nodes[0].id).toBe('1');
    expect(document.edges[0]).toStrictEqual({ id: '7', source: '1', sourcePort: 'out', target: 'n', targetPort: 'x' });
  });

  test('labels stay plain text', () => {
    const document = new TestGraph().source('x', 1).build();
    const markup = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    document.nodes[0].label = markup;
    expect(decodedDocument(decodeLink(encodeLink(document), registry)).nodes[0].label).toBe(markup);
  });

  test.each(['format', 'version', 'title', 'nodes', 'edges', 'training'])('100,000 nested lists as %s rejected', (field) => {
    const value = { ...documentWith([]), [field]: deepList() };
    const errors = errorsOf(loadDocumentValue(value, registry));
    expect(errors.join(' ').length).toBeLessThan(2000);
  });

  test.each([
    ['parameter', (deep: unknown) => documentWith([node('x', 'input', { value: deep })])],
    ['shape', (deep: unknown) => documentWith([node('x', 'input', { value: { shape: deep, data: [1] } })])],
    ['position', (deep: unknown) => documentWith([{ ...node('x', 'input'), position: deep }])],
    ['id', (deep: unknown) => documentWith([node(deep as string, 'input')])],
    ['edge port', (deep: unknown) => documentWith([node('x', 'input')], [{ id: 'e', source: 'x', sourcePort: deep, target: 'x', targetPort: 'a' }])],
  ])('100,000 nested lists in %s rejected', (_name, build) => {
    errorsOf(loadDocumentValue(build(deepList()), registry));
  });

  test.each([
    ['node id', '[[1,null,[[DEEP,"input",0,0]],[]]]'],
    ['parameter', '[[1,null,[["x","input",0,0,{"value":DEEP}]],[]]]'],
    ['tensor shape', '[[1,null,[["x","input",0,0,{"value":[DEEP,1]}]],[]]]'],
    ['edge port', '[[1,null,[["x","input",0,0]],[[0,DEEP,0,"a"]]]]'],
    ['lecture options', '[[1,null,[],[]],null,DEEP]'],
    ['document', 'DEEP'],
  ])('100,000 nested lists as link %s rejected', (_name, template) => {
    const json = template.replace('DEEP', `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`);
    expect(rejectionOf(decodeLink(craftVersion1Link(json), registry)).length).toBeLessThan(3000);
  });

  test('huge format string quoted briefly', () => {
    const errors = errorsOf(loadDocumentValue({ ...documentWith([]), format: 'x'.repeat(1_000_000) }, registry));
    expect(errors[0].length).toBeLessThan(200);
    expect(errors[0]).toContain('…');
  });

  test('huge unknown key quoted briefly', () => {
    const errors = errorsOf(loadDocumentValue({ ...documentWith([]), ['k'.repeat(1_000_000)]: 1 }, registry));
    expect(errors.join(' ').length).toBeLessThan(1000);
  });

  test('thousands of problems summarised', () => {
    const nodes = Array.from({ length: 1000 }, (_, index) => node(`n${index}`, 'no-such-kind'));
    const errors = errorsOf(loadDocumentValue(documentWith(nodes), registry));
    expect(errors).toHaveLength(101);
    expect(errors[100]).toBe('… and 900 more problems.');
  });

  test('__proto__ parameter pollutes nothing', () => {
    const json = '[[1,null,[["x","input",0,0,{"__proto__":{"polluted":true}}]],[]]]';
    const document = decodedDocument(decodeLink(craftVersion1Link(json), registry));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(document.nodes[0].params)).toBe(Object.prototype);
    const text = '{"format":"backprop-studio-graph","version":1,"nodes":[{"id":"x","kind":"input","params":{"__proto__":{"polluted":true}},"position":{"x":0,"y":0}}],"edges":[]}';
    loadDocumentText(text, registry);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('over 100,000 nodes rejected', () => {
    const nodes = Array.from({ length: 100_001 }, (_, index) => node(`n${index}`, 'input'));
    const errors = errorsOf(loadDocumentValue(documentWith(nodes), registry));
    expect(errors.some((error) => error.startsWith('Field "nodes"'))).toBe(true);
  });
});
