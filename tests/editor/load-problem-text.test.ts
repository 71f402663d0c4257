import { describe, expect, test } from 'vitest';
import { loadDocumentText, loadDocumentValue, type LoadResult } from '../../src/engine/load';
import { LOAD_PROBLEM_CODES, type LoadProblemCode } from '../../src/engine/load-problems';
import type { KindRegistry, NodeKind } from '../../src/engine/types';
import { en } from '../../src/editor/i18n/en';
import { loadErrorLines, translateLoadProblem } from '../../src/editor/i18n/load-problem-text';
import { zhCN } from '../../src/editor/i18n/zh-CN';
import { registry } from '../../src/nodes';
import { firstWithCode } from '../helpers/load-problem';

/** A small registry, so "known kinds" is short, with one kind that has a boolean parameter. */
const kinds: KindRegistry = new Map<string, NodeKind>([
  ['input', registry.get('input')!],
  ['parameter', registry.get('parameter')!],
  ['add', registry.get('add')!],
  ['negate', registry.get('negate')!],
  ['leaky-relu', registry.get('leaky-relu')!],
  ['sum', registry.get('sum')!],
  ['flagged', { ...registry.get('negate')!, params: [{ name: 'flag', type: 'boolean' }] } as NodeKind],
]);

const scalar = { shape: [], data: [1] };

function node(id: string, kind: string, params: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, kind, params, position: { x: 0, y: 0 } };
}

function wire(id: string, from: string, to: string): Record<string, unknown> {
  const [source, sourcePort] = from.split('.');
  const [target, targetPort] = to.split('.');
  return { id, source, sourcePort, target, targetPort };
}

function documentOf(nodes: unknown[], edges: unknown[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { format: 'backprop-studio-graph', version: 1, nodes, edges, ...extra };
}

/** Two inputs x and y, an add s and a negate n, for the wire checks. */
function wired(...edges: unknown[]): Record<string, unknown> {
  return documentOf([node('x', 'input', { value: scalar }), node('y', 'input', { value: scalar }), node('s', 'add'), node('n', 'negate')], edges);
}

const jsonSyntaxMessage = (() => {
  try {
    JSON.parse('{"format": ');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the JSON text should not parse');
})();

interface Case {
  code: LoadProblemCode;
  load: () => LoadResult;
  en: string;
  zh: string;
}

const cases: Case[] = [
  {
    code: 'too-long',
    load: () => loadDocumentText('x'.repeat(20_000_001), kinds),
    en: 'The document is 20000001 characters long; the limit is 20000000.',
    zh: '文档长 20000001 个字符，上限是 20000000。',
  },
  {
    code: 'invalid-json',
    load: () => loadDocumentText('{"format": ', kinds),
    en: `The document is not valid JSON: ${jsonSyntaxMessage}.`,
    zh: '文档不是有效的 JSON：内容在中途结束。',
  },
  { code: 'not-object', load: () => loadDocumentValue([1], kinds), en: 'The document must be a JSON object.', zh: '文档必须是一个 JSON 对象。' },
  {
    code: 'wrong-format',
    load: () => loadDocumentValue({ format: 'other', version: 1 }, kinds),
    en: 'Field "format": expected "backprop-studio-graph", found "other".',
    zh: '字段“format”：应为 "backprop-studio-graph"，实际为 "other"。',
  },
  {
    code: 'wrong-format',
    load: () => loadDocumentValue({ version: 1 }, kinds),
    en: 'Field "format": expected "backprop-studio-graph", found nothing.',
    zh: '字段“format”：应为 "backprop-studio-graph"，实际为 缺失的值。',
  },
  {
    code: 'invalid-version',
    load: () => loadDocumentValue({ format: 'backprop-studio-graph', version: 1.5 }, kinds),
    en: 'Field "version": expected a whole number from 1 to 1, found 1.5.',
    zh: '字段“version”：应为 1 到 1 之间的整数，实际为 1.5。',
  },
  {
    code: 'newer-version',
    load: () => loadDocumentValue({ format: 'backprop-studio-graph', version: 7 }, kinds),
    en: 'The document has version 7, made by a newer Backprop Studio; this one reads versions up to 1.',
    zh: '文档的版本是 7，由更新版本的 Backprop Studio 生成；此版本只能读取 1 及以下的版本。',
  },
  {
    code: 'schema',
    load: () => loadDocumentValue(documentOf([node('x', 'input', { value: scalar })], [{ ...wire('e1', 'x.out', 'x.x'), targetPort: 5 }]), kinds),
    en: 'Field "edges[0].targetPort" of edge "e1": Invalid input: expected string, received number.',
    zh: '字段“edges[0].targetPort”（连线“e1”）：无效输入：期望 string，实际接收 数字。',
  },
  {
    code: 'schema',
    load: () => loadDocumentValue(documentOf([{ ...node('a\nb', 'input'), kind: 3 }]), kinds),
    en: 'Field "nodes[0].kind" of node "a\\nb": Invalid input: expected string, received number.',
    zh: '字段“nodes[0].kind”（节点 "a\\nb"）：无效输入：期望 string，实际接收 数字。',
  },
  {
    code: 'schema',
    load: () => loadDocumentValue(documentOf([node('x', 'input', { value: scalar }), { ...node('y', 'input'), kind: 3 }]), kinds),
    en: 'Field "nodes[1].kind" of node "y": Invalid input: expected string, received number.',
    zh: '字段“nodes[1].kind”（节点“y”）：无效输入：期望 string，实际接收 数字。',
  },
  {
    code: 'schema',
    load: () => loadDocumentValue(documentOf([], [], { extra: true }), kinds),
    en: 'Field "(document)": Unrecognized key: "extra".',
    zh: '字段“（文档）”：出现未知的键(key): "extra"。',
  },
  {
    code: 'schema',
    load: () => loadDocumentValue(documentOf([], [], { views: { race: { learningRates: { sgd: -1 } } } }), kinds),
    en: 'Field "views.race.learningRates.sgd": must be positive.',
    zh: '字段“views.race.learningRates.sgd”：必须为正数。',
  },
  {
    code: 'duplicate-node-id',
    load: () => loadDocumentValue(documentOf([node('x', 'input', { value: scalar }), node('x', 'input', { value: scalar })]), kinds),
    en: 'Node id "x" is used by more than one node; ids must be unique.',
    zh: '节点 id“x”被多个节点使用；id 必须唯一。',
  },
  {
    code: 'unknown-kind',
    load: () => loadDocumentValue(documentOf([node('c', 'conv')]), kinds),
    en: 'Node "c" has unknown kind "conv"; known kinds: input, parameter, add, negate, leaky-relu, sum, flagged.',
    zh: '节点“c”的类型“conv”未知；已知类型：input, parameter, add, negate, leaky-relu, sum, flagged。',
  },
  {
    code: 'param-unknown',
    load: () => loadDocumentValue(documentOf([node('l', 'leaky-relu', { alpha: 0.1, beta: 1 })]), kinds),
    en: 'Node "l" (leaky-relu), parameter "beta": unknown parameter; this kind has alpha.',
    zh: '节点“l”（leaky-relu）的参数“beta”：未知参数；此类型的参数有 alpha。',
  },
  {
    code: 'param-unknown-none',
    load: () => loadDocumentValue(documentOf([node('n', 'negate', { gain: 2 })]), kinds),
    en: 'Node "n" (negate), parameter "gain": unknown parameter; this kind has no parameters.',
    zh: '节点“n”（negate）的参数“gain”：未知参数；此类型没有参数。',
  },
  {
    code: 'param-not-number',
    load: () => loadDocumentValue(documentOf([node('l', 'leaky-relu', { alpha: 'big' })]), kinds),
    en: 'Node "l" (leaky-relu), parameter "alpha": expected a number, found "big".',
    zh: '节点“l”（leaky-relu）的参数“alpha”：应为数字，实际为 "big"。',
  },
  {
    code: 'param-below-min',
    load: () => loadDocumentValue(documentOf([node('l', 'leaky-relu', { alpha: -0.5 })]), kinds),
    en: 'Node "l" (leaky-relu), parameter "alpha": expected at least 0, found -0.5.',
    zh: '节点“l”（leaky-relu）的参数“alpha”：应至少为 0，实际为 -0.5。',
  },
  {
    code: 'param-above-max',
    load: () => loadDocumentValue(documentOf([node('l', 'leaky-relu', { alpha: 2 })]), kinds),
    en: 'Node "l" (leaky-relu), parameter "alpha": expected at most 1, found 2.',
    zh: '节点“l”（leaky-relu）的参数“alpha”：应至多为 1，实际为 2。',
  },
  {
    code: 'param-not-boolean',
    load: () => loadDocumentValue(documentOf([node('f', 'flagged', { flag: 1 })]), kinds),
    en: 'Node "f" (flagged), parameter "flag": expected true or false, found 1.',
    zh: '节点“f”（flagged）的参数“flag”：应为 true 或 false，实际为 1。',
  },
  {
    code: 'param-not-choice',
    load: () => loadDocumentValue(documentOf([node('m', 'sum', { axis: '9' })]), kinds),
    en: 'Node "m" (sum), parameter "axis": expected one of all, 0, 1, 2, 3, 4, 5, 6, 7, found "9".',
    zh: '节点“m”（sum）的参数“axis”：应为 all, 0, 1, 2, 3, 4, 5, 6, 7 之一，实际为 "9"。',
  },
  {
    code: 'param-not-shape',
    load: () => loadDocumentValue(documentOf([node('w', 'parameter', { shape: 3 })]), kinds),
    en: 'Node "w" (parameter), parameter "shape": expected a shape such as [784, 10], found 3.',
    zh: '节点“w”（parameter）的参数“shape”：应为形状，例如 [784, 10]，实际为 3。',
  },
  {
    code: 'param-shape-too-large',
    load: () => loadDocumentValue(documentOf([node('w', 'parameter', { shape: [5000, 5000] })]), kinds),
    en: 'Node "w" (parameter), parameter "shape": shape [5000, 5000] has 25000000 elements; a tensor may have at most 20000000.',
    zh: '节点“w”（parameter）的参数“shape”：形状 [5000, 5000] 有 25000000 个元素；一个张量最多只能有 20000000 个元素。',
  },
  {
    code: 'param-not-tensor',
    load: () => loadDocumentValue(documentOf([node('x', 'input', { value: 5 })]), kinds),
    en: 'Node "x" (input), parameter "value": expected a tensor {shape, data}, found 5.',
    zh: '节点“x”（input）的参数“value”：应为张量 {shape, data}，实际为 5。',
  },
  {
    code: 'param-tensor-size',
    load: () => loadDocumentValue(documentOf([node('x', 'input', { value: { shape: [2], data: [1] } })]), kinds),
    en: 'Node "x" (input), parameter "value": shape [2] holds 2 values, found 1.',
    zh: '节点“x”（input）的参数“value”：形状 [2] 需要 2 个值，实际有 1 个。',
  },
  {
    code: 'too-many-elements',
    load: () => loadDocumentValue(documentOf([node('w', 'parameter', { shape: [5000, 5000] })]), kinds),
    en: "The document's tensor values and parameter shapes add up to 25000000 elements; the limit is 20000000. Use smaller tensors.",
    zh: '文档中的张量值和参数形状合计 25000000 个元素；上限是 20000000。请使用更小的张量。',
  },
  {
    code: 'duplicate-edge-id',
    load: () => loadDocumentValue(wired(wire('e1', 'x.out', 's.a'), wire('e1', 'y.out', 's.b')), kinds),
    en: 'Edge id "e1" is used by more than one edge; ids must be unique.',
    zh: '连线 id“e1”被多条连线使用；id 必须唯一。',
  },
  {
    code: 'edge-source-missing',
    load: () => loadDocumentValue(wired(wire('e', 'ghost.out', 's.a')), kinds),
    en: 'Edge "e" (ghost.out → s.a): source node "ghost" does not exist.',
    zh: '连线“e”（ghost.out → s.a）：源节点“ghost”不存在。',
  },
  {
    code: 'edge-target-missing',
    load: () => loadDocumentValue(wired(wire('e', 'x.out', 'ghost.a')), kinds),
    en: 'Edge "e" (x.out → ghost.a): target node "ghost" does not exist.',
    zh: '连线“e”（x.out → ghost.a）：目标节点“ghost”不存在。',
  },
  {
    code: 'edge-no-output-port',
    load: () => loadDocumentValue(wired(wire('e', 'x.value', 's.a')), kinds),
    en: 'Edge "e" (x.value → s.a): node "x" (input) has no output port "value"; its outputs: out.',
    zh: '连线“e”（x.value → s.a）：节点“x”（input）没有输出端口“value”；它的输出：out。',
  },
  {
    code: 'edge-no-input-port',
    load: () => loadDocumentValue(wired(wire('e', 'x.out', 's.c')), kinds),
    en: 'Edge "e" (x.out → s.c): node "s" (add) has no input port "c"; its inputs: a, b.',
    zh: '连线“e”（x.out → s.c）：节点“s”（add）没有输入端口“c”；它的输入：a, b。',
  },
  {
    code: 'edge-no-inputs',
    load: () => loadDocumentValue(wired(wire('e', 'x.out', 'y.in')), kinds),
    en: 'Edge "e" (x.out → y.in): node "y" (input) has no input port "in"; its inputs: none.',
    zh: '连线“e”（x.out → y.in）：节点“y”（input）没有输入端口“in”；它没有输入。',
  },
  {
    code: 'input-wired-twice',
    load: () => loadDocumentValue(wired(wire('e1', 'x.out', 's.a'), wire('e2', 'y.out', 's.a')), kinds),
    en: 'Edge "e2" (y.out → s.a): input "a" of node "s" already has wire "e1"; an input takes one wire.',
    zh: '连线“e2”（y.out → s.a）：节点“s”的输入“a”已经连有连线“e1”；一个输入只能接一条连线。',
  },
  {
    code: 'cycle',
    load: () => loadDocumentValue(documentOf([node('n1', 'negate'), node('n2', 'negate')], [wire('e1', 'n1.out', 'n2.x'), wire('e2', 'n2.out', 'n1.x')]), kinds),
    en: 'The graph has a cycle through 2 nodes: "n1", "n2". Remove wire "e2" (n2.out → n1.x) to break it, because a computational graph must be acyclic.',
    zh: '图中有一个经过 2 个节点的环：“n1”，“n2”。请删除连线“e2”（n2.out → n1.x）来打破这个环，因为计算图必须无环。',
  },
  {
    code: 'self-loop',
    load: () => loadDocumentValue(documentOf([node('n1', 'negate'), node('n2', 'negate')], [wire('e1', 'n1.out', 'n1.x'), wire('e2', 'n1.out', 'n2.x')]), kinds),
    en: 'Node "n1" (negate) reads its own output through wire "e1" (n1.out → n1.x). Remove that wire, because a computational graph must be acyclic. 1 other node reads from the cycle, so it cannot run either.',
    zh: '节点“n1”（negate）通过连线“e1”（n1.out → n1.x）读取自己的输出。请删除这条连线，因为计算图必须无环。另有 1 个节点读取环上的值，因此它也无法运行。',
  },
  {
    code: 'more-problems',
    load: () => loadDocumentValue(documentOf(Array.from({ length: 102 }, (_, index) => node(`c${index}`, 'conv'))), kinds),
    en: '… and 2 more problems.',
    zh: '……还有 2 个问题。',
  },
];

describe('load problem text', () => {
  test.each(cases.map((entry, index) => [`${entry.code} #${index}`, entry] as const))('%s', (_name, entry) => {
    const { english, problem } = firstWithCode(entry.load(), entry.code);

    expect(english).toBe(entry.en);
    expect(translateLoadProblem('en', problem, 'fallback')).toBe(entry.en);
    expect(translateLoadProblem('zh-CN', problem, 'fallback')).toBe(entry.zh);
  });

  test('every document code has a case', () => {
    const tested = new Set(cases.map((entry) => entry.code));
    // Link codes have their cases in link-problem-text.test.ts, module and quiz codes in module-quiz-problem-text.test.ts.
    const elsewhere = (code: string) => code.startsWith('link-') || code.startsWith('module-') || code.startsWith('quiz-');
    expect(LOAD_PROBLEM_CODES.filter((code) => !elsewhere(code) && !tested.has(code))).toEqual([]);
  });

  test('every code has English and Chinese text', () => {
    for (const code of LOAD_PROBLEM_CODES) {
      const key = `loadProblem.${code}` as keyof typeof en;
      expect(en[key], `English text of ${code}`).toBeTruthy();
      expect(zhCN[key], `Chinese text of ${code}`).toBeTruthy();
      expect(zhCN[key], `Chinese text of ${code}`).not.toBe(en[key]);
    }
  });
});

describe('load error lines', () => {
  test('line without code stays English', () => {
    const error = { fileName: 'a.json', messages: ['Module "m" is broken.', 'Node id "x" is used by more than one node; ids must be unique.'], problems: [null, { code: 'duplicate-node-id' as const, details: { node: 'x' } }] };

    expect(loadErrorLines('zh-CN', error)).toEqual(['Module "m" is broken.', '节点 id“x”被多个节点使用；id 必须唯一。']);
  });

  test('error without problems stays English', () => {
    expect(loadErrorLines('zh-CN', { fileName: 'a.json', messages: ['Something failed.'] })).toEqual(['Something failed.']);
  });

  test('message line follows the language', () => {
    const error = { fileName: 'a.json', messages: ['The file could not be read: denied'], problems: [{ key: 'loadError.readFailed' as const, params: { message: 'denied' } }] };

    expect(loadErrorLines('en', error)).toEqual(['The file could not be read: denied']);
    expect(loadErrorLines('zh-CN', error)).toEqual(['无法读取文件：denied']);
  });
});
