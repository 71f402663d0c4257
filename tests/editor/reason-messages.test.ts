import { describe, expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import type { Diagnostic } from '../../src/engine/diagnostics';
import type { GraphDocument } from '../../src/engine/document';
import type { ModuleDefinition } from '../../src/engine/modules';
import { REASON_CODES, type ReasonCode } from '../../src/engine/reasons';
import { Trainer } from '../../src/engine/training/trainer';
import type { ShapeResult } from '../../src/engine/types';
import { en, type MessageKey } from '../../src/editor/i18n/en';
import { reasonMessage } from '../../src/editor/i18n/reason-message';
import { translateDiagnostic, translateMessage, translatorFor } from '../../src/editor/i18n/translate';
import { failureMessage, sessionErrorText } from '../../src/editor/training/setup-error';
import { zhCN } from '../../src/editor/i18n/zh-CN';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { tensor, TestGraph, wrapperModule } from '../helpers/graph';

/** A graph whose node `node` cannot run for reason `code`, and that node's diagnostic in both languages. */
interface GraphCase {
  code: ReasonCode;
  graph: () => GraphDocument;
  node: string;
  en: string;
  zh: string;
}

/** x → module node "m" with the given params → sum, with `modules` as the document's definitions. */
function moduleGraph(params: Record<string, string>, modules: Record<string, ModuleDefinition> = {}): GraphDocument {
  const document = new TestGraph().source('x', 2).node('m', 'module', { x: 'x' }, params).node('L', 'sum', { x: 'm' }).build();
  return { ...document, modules };
}

/** scores → svm-loss "loss" ← labels y. */
function lossGraph(scores: { shape: number[]; data: number[] }, labels: { shape: number[]; data: number[] }): GraphDocument {
  return new TestGraph().source('S', scores).source('y', labels, 'labels').node('loss', 'svm-loss', { scores: 'S', labels: 'y' }).build();
}

const zeros = (count: number) => new Array<number>(count).fill(0);

const graphCases: GraphCase[] = [
  {
    code: 'matmul-rank',
    graph: () => new TestGraph().source('x', tensor([3], [1, 2, 3])).source('W', tensor([3, 2], zeros(6))).node('mm', 'matmul', { a: 'x', b: 'W' }).build(),
    node: 'mm',
    en: 'Node "mm" (matmul): matmul takes rank-2 operands, but a is [3] (rank 1); reshape it to [n, k] (a from "x" [3], b from "W" [3, 2])',
    zh: '节点“mm”（matmul）：matmul 的操作数必须是秩为 2 的张量，但 a 为 [3]（秩为 1）；请把它变形为 [n, k]（a 来自“x” [3]，b 来自“W” [3, 2]）',
  },
  {
    code: 'matmul-inner',
    graph: () => new TestGraph().source('x', tensor([2, 3], zeros(6))).source('W', tensor([4, 1], zeros(4))).node('mm', 'matmul', { a: 'x', b: 'W' }).build(),
    node: 'mm',
    en: 'Node "mm" (matmul): inner dimensions differ: a is [2, 3] and b is [4, 1], but the columns of a (3) must equal the rows of b (4) (a from "x" [2, 3], b from "W" [4, 1])',
    zh: '节点“mm”（matmul）：内维度不一致：a 为 [2, 3]，b 为 [4, 1]，但 a 的列数（3）必须等于 b 的行数（4）（a 来自“x” [2, 3]，b 来自“W” [4, 1]）',
  },
  {
    code: 'no-broadcast',
    graph: () => new TestGraph().source('p', tensor([2, 3], zeros(6))).source('q', tensor([4], zeros(4))).node('s', 'add', { a: 'p', b: 'q' }).build(),
    node: 's',
    en: 'Node "s" (add): shapes [2, 3] and [4] do not broadcast: each trailing dimension pair must be equal or contain a 1. (a from "p" [2, 3], b from "q" [4])',
    zh: '节点“s”（add）：形状 [2, 3] 与 [4] 无法广播：从末尾对齐的每一对维度必须相等，或其中一个为 1。（a 来自“p” [2, 3]，b 来自“q” [4]）',
  },
  {
    code: 'bias-rank',
    graph: () => new TestGraph().source('h', tensor([3], zeros(3))).source('c', tensor([2, 3], zeros(6))).node('ba', 'bias-add', { x: 'h', b: 'c' }).build(),
    node: 'ba',
    en: 'Node "ba" (bias-add): b is [2, 3] (rank 2) but x is [3] (rank 1); b must have at most the rank of x (x from "h" [3], b from "c" [2, 3])',
    zh: '节点“ba”（bias-add）：b 为 [2, 3]（秩为 2），而 x 为 [3]（秩为 1）；b 的秩不能大于 x 的秩（x 来自“h” [3]，b 来自“c” [2, 3]）',
  },
  {
    code: 'bias-trailing',
    graph: () => new TestGraph().source('h', tensor([2, 3], zeros(6))).source('c', tensor([4], zeros(4))).node('ba', 'bias-add', { x: 'h', b: 'c' }).build(),
    node: 'ba',
    en: 'Node "ba" (bias-add): b must equal the trailing dimensions of x: x is [2, 3], b is [4], and dimension 0 of b is 4 where dimension 1 of x is 3 (x from "h" [2, 3], b from "c" [4])',
    zh: '节点“ba”（bias-add）：b 必须等于 x 末尾的几个维度：x 为 [2, 3]，b 为 [4]，b 的第 0 维是 4，而 x 的第 1 维是 3（x 来自“h” [2, 3]，b 来自“c” [4]）',
  },
  {
    code: 'axis-out-of-range',
    graph: () => new TestGraph().source('v', tensor([3], zeros(3))).node('m', 'mean', { x: 'v' }, { axis: '2' }).build(),
    node: 'm',
    en: 'Node "m" (mean): axis 2 does not exist in a tensor of rank 1; choose an axis below 1 or "all" (x from "v" [3])',
    zh: '节点“m”（mean）：秩为 1 的张量没有轴 2；请选择小于 1 的轴，或选择“all”（x 来自“v” [3]）',
  },
  {
    code: 'softmax-empty',
    graph: () => new TestGraph().source('v', 5).node('p', 'softmax', { x: 'v' }).build(),
    node: 'p',
    en: 'Node "p" (softmax): softmax needs a last axis with at least one element, but x is [] (x from "v" [])',
    zh: '节点“p”（softmax）：softmax 要求最后一个轴至少有一个元素，但 x 为 []（x 来自“v” []）',
  },
  {
    code: 'transpose-rank',
    graph: () => new TestGraph().source('v', tensor([3], zeros(3))).node('t', 'transpose', { x: 'v' }).build(),
    node: 't',
    en: 'Node "t" (transpose): transpose takes a rank-2 tensor, but x is [3] (rank 1); reshape it to [n, m] (x from "v" [3])',
    zh: '节点“t”（transpose）：transpose 要求秩为 2 的张量，但 x 为 [3]（秩为 1）；请把它变形为 [n, m]（x 来自“v” [3]）',
  },
  {
    code: 'scores-rank',
    graph: () => lossGraph(tensor([2, 2, 2], zeros(8)), tensor([2], [0, 1])),
    node: 'loss',
    en: 'Node "loss" (svm-loss): scores must be [N, C] with one row per example, or [C] for one example, but scores is [2, 2, 2] (rank 3) (scores from "S" [2, 2, 2], labels from "y" [2])',
    zh: '节点“loss”（svm-loss）：scores 必须是 [N, C]（每行一个样本）或 [C]（一个样本），但 scores 为 [2, 2, 2]（秩为 3）（scores 来自“S” [2, 2, 2]，labels 来自“y” [2]）',
  },
  {
    code: 'scores-too-small',
    graph: () => lossGraph(tensor([2, 1], [1, 2]), tensor([2], [0, 0])),
    node: 'loss',
    en: 'Node "loss" (svm-loss): scores is [2, 1], but the loss needs at least one example and two classes (scores from "S" [2, 1], labels from "y" [2])',
    zh: '节点“loss”（svm-loss）：scores 为 [2, 1]，但损失至少需要一个样本和两个类别（scores 来自“S” [2, 1]，labels 来自“y” [2]）',
  },
  {
    code: 'labels-per-row',
    graph: () => lossGraph(tensor([2, 3], zeros(6)), tensor([3], [0, 1, 2])),
    node: 'loss',
    en: 'Node "loss" (svm-loss): labels must be [2] (one label per row) for scores [2, 3], but labels is [3] (scores from "S" [2, 3], labels from "y" [3])',
    zh: '节点“loss”（svm-loss）：对于 scores [2, 3]，labels 必须是 [2]（每行一个标签），但 labels 为 [3]（scores 来自“S” [2, 3]，labels 来自“y” [3]）',
  },
  {
    code: 'labels-single',
    graph: () => lossGraph(tensor([3], zeros(3)), tensor([2], [0, 1])),
    node: 'loss',
    en: 'Node "loss" (svm-loss): labels must be [] (one label for one example) for scores [3], but labels is [2] (scores from "S" [3], labels from "y" [2])',
    zh: '节点“loss”（svm-loss）：对于 scores [3]，labels 必须是 []（一个样本一个标签），但 labels 为 [2]（scores 来自“S” [3]，labels 来自“y” [2]）',
  },
  {
    code: 'label-range',
    graph: () => lossGraph(tensor([2, 3], zeros(6)), tensor([2], [0, 5])),
    node: 'loss',
    en: 'Node "loss" (svm-loss): label 5 at position 1 is out of range for 3 classes; labels must be integers from 0 to 2 (scores from "S" [2, 3], labels from "y" [2])',
    zh: '节点“loss”（svm-loss）：位置 1 的标签 5 超出了 3 个类别的范围；标签必须是 0 到 2 的整数（scores 来自“S” [2, 3]，labels 来自“y” [2]）',
  },
  {
    code: 'value-count',
    graph: () => new TestGraph().source('v', tensor([2, 2], [1, 2, 3])).build(),
    node: 'v',
    en: 'Node "v" (input): value of shape [2, 2] needs 4 numbers, found 3',
    zh: '节点“v”（input）：形状为 [2, 2] 的 value 需要 4 个数，实际有 3 个',
  },
  {
    code: 'labels-not-indices',
    graph: () => new TestGraph().source('y', tensor([2], [0, 1.5]), 'labels').build(),
    node: 'y',
    en: 'Node "y" (labels): invalid parameter. value must hold class indices (integers 0, 1, 2, …), found 1.5 at position 1',
    zh: '节点“y”（labels）：参数无效。value 必须是类别索引（整数 0、1、2、…），但位置 1 的值是 1.5',
  },
  {
    code: 'whole-count',
    graph: () => new TestGraph().node('data', 'batch', {}, { batchSize: 0 }).build(),
    node: 'data',
    en: 'Node "data" (batch): invalid parameter. batchSize must be a whole number of at least 1, found 0',
    zh: '节点“data”（batch）：参数无效。batchSize 必须是不小于 1 的整数，实际为 0',
  },
  {
    code: 'batch-x-shape',
    graph: () => new TestGraph().node('data', 'batch', {}, { batchSize: 4, features: 2, X: tensor([3, 2], zeros(6)) }).build(),
    node: 'data',
    en: 'Node "data" (batch): invalid parameter. X must be [batchSize, features] = [4, 2], found [3, 2]',
    zh: '节点“data”（batch）：参数无效。X 必须是 [batchSize, features] = [4, 2]，实际为 [3, 2]',
  },
  {
    code: 'batch-y-shape',
    graph: () => new TestGraph().node('data', 'batch', {}, { batchSize: 4, features: 2, y: tensor([3], [0, 1, 0]) }).build(),
    node: 'data',
    en: 'Node "data" (batch): invalid parameter. y must be [batchSize] = [4], found [3]',
    zh: '节点“data”（batch）：参数无效。y 必须是 [batchSize] = [4]，实际为 [3]',
  },
  {
    code: 'init-needs-shape',
    graph: () => new TestGraph().node('W', 'parameter', {}, { init: 'xavier', shape: [] }).build(),
    node: 'W',
    en: 'Node "W" (parameter): invalid parameter. init "xavier" needs a shape such as [2, 3], found [].',
    zh: '节点“W”（parameter）：参数无效。init“xavier”需要一个形状，例如 [2, 3]，实际为 []。',
  },
  {
    code: 'output-empty',
    graph: () => new TestGraph().source('v', tensor([0, 3], [])).build(),
    node: 'v',
    en: 'Node "v" (input): invalid parameter. output out would be empty, with shape [0, 3]; every dimension must be at least 1.',
    zh: '节点“v”（input）：参数无效。输出 out 将为空，形状为 [0, 3]；每个维度都必须至少为 1。',
  },
  {
    code: 'output-too-large',
    graph: () => new TestGraph().node('W', 'parameter', {}, { init: 'zeros', shape: [5000, 5000] }).build(),
    node: 'W',
    en: 'Node "W" (parameter): invalid parameter. output out would have shape [5000, 5000], 25000000 elements; a tensor may have at most 20000000. Make the shape smaller.',
    zh: '节点“W”（parameter）：参数无效。输出 out 的形状将是 [5000, 5000]，共 25000000 个元素；一个张量最多只能有 20000000 个元素。请减小形状。',
  },
  {
    code: 'graph-too-large',
    graph: () => new TestGraph()
      .node('W1', 'parameter', {}, { init: 'zeros', shape: [4000, 4000] })
      .node('W2', 'parameter', {}, { init: 'zeros', shape: [4000, 4000] })
      .node('W3', 'parameter', {}, { init: 'zeros', shape: [4000, 4000] })
      .build(),
    node: 'W3',
    en: 'Node "W3" (parameter): invalid parameter. its outputs bring the graph\'s values to 48000000 elements; a graph may have at most 40000000. Make tensors smaller.',
    zh: '节点“W3”（parameter）：参数无效。它的输出使图中的值达到 48000000 个元素；一个图最多只能有 40000000 个元素。请减小张量。',
  },
  {
    code: 'module-unnamed',
    graph: () => moduleGraph({}),
    node: 'm',
    en: 'Node "m" (module): invalid parameter. its "module" parameter must name a module',
    zh: '节点“m”（module）：参数无效。它的 module 参数必须给出模块名',
  },
  {
    code: 'module-undefined',
    graph: () => moduleGraph({ module: 'missing' }, { twice: wrapperModule('missing') }),
    node: 'm',
    en: 'Node "m" (module): invalid parameter. module "missing" is not defined; defined modules: twice',
    zh: '节点“m”（module）：参数无效。模块“missing”未定义；已定义的模块：twice',
  },
  {
    code: 'module-library-empty',
    graph: () => moduleGraph({ module: 'missing' }),
    node: 'm',
    en: 'Node "m" (module): invalid parameter. module "missing" is not defined; defined modules: none',
    zh: '节点“m”（module）：参数无效。模块“missing”未定义；当前没有已定义的模块',
  },
  {
    code: 'module-recursive',
    // The module node inside "loop" is the one that cannot expand.
    graph: () => moduleGraph({ module: 'loop' }, { loop: wrapperModule('loop') }),
    node: 'm/n',
    en: 'Node "m/n" (module): invalid parameter. module "loop" contains itself (loop → loop)',
    zh: '节点“m/n”（module）：参数无效。模块“loop”包含它自己（loop → loop）',
  },
  {
    code: 'module-too-deep',
    // d0 wraps d1, …, d8 wraps d9. Node "m" is d0, and the module node of d8, eight levels in, is too deep.
    graph: () => moduleGraph({ module: 'd0' }, Object.fromEntries(Array.from({ length: 10 }, (_unused, depth) => [`d${depth}`, wrapperModule(`d${depth + 1}`)]))),
    node: 'm/n/n/n/n/n/n/n/n',
    en: 'Node "m/n/n/n/n/n/n/n/n" (module): invalid parameter. modules are nested more than 8 deep (d0 → d1 → d2 → d3 → d4 → d5 → d6 → d7 → d8)',
    zh: '节点“m/n/n/n/n/n/n/n/n”（module）：参数无效。模块嵌套超过 8 层（d0 → d1 → d2 → d3 → d4 → d5 → d6 → d7 → d8）',
  },
];

/** A reason that compile cannot reach, because every source rejects an empty value first; the kind's rule is called directly. */
interface RuleCase {
  code: ReasonCode;
  result: () => ShapeResult;
  en: string;
  zh: string;
}

const ruleCases: RuleCase[] = [
  {
    code: 'mean-empty',
    result: () => registry.get('mean')!.inferShapes([[0, 2]], { axis: 'all' }, [null]),
    en: 'x is empty (shape [0, 2]), and the mean of no elements is undefined',
    zh: 'x 为空（形状为 [0, 2]），没有元素时均值无定义',
  },
  {
    code: 'mean-axis-empty',
    result: () => registry.get('mean')!.inferShapes([[3, 0]], { axis: '1' }, [null]),
    en: 'axis 1 of x has length 0, and the mean of no elements is undefined',
    zh: 'x 的轴 1 长度为 0，没有元素时均值无定义',
  },
];

/** Returns the one diagnostic of `node` in the compiled graph. */
function diagnosticOf(graph: GraphDocument, node: string): Diagnostic {
  const found = compile(graph, registry).diagnostics.filter((diagnostic) => diagnostic.nodeId === node);
  expect(found, `diagnostics of ${node}`).toHaveLength(1);
  return found[0];
}

/** Removes the periods that end some engine reasons but not their translated English, the only difference between the two. */
function withoutPeriods(text: string): string {
  return text.replace(/\.( \(|$)/g, '$1');
}

describe('reason messages', () => {
  test.each(graphCases)('$code in English and Chinese', ({ code, graph, node, en: english, zh }) => {
    const diagnostic = diagnosticOf(graph(), node);

    expect(diagnostic.reason?.code).toBe(code);
    expect(translateDiagnostic('en', diagnostic)).toBe(english);
    expect(translateDiagnostic('zh-CN', diagnostic)).toBe(zh);
  });

  test.each(graphCases)('$code English matches engine text', ({ graph, node }) => {
    const diagnostic = diagnosticOf(graph(), node);
    const translated = translateMessage('en', reasonMessage(diagnostic)!);

    expect(withoutPeriods(translated)).toBe(withoutPeriods(String(diagnostic.details.reason)));
  });

  test.each(ruleCases)('$code from the shape rule', ({ code, result, en: english, zh }) => {
    const shapeResult = result();
    if (!('error' in shapeResult)) throw new Error(`expected ${code}, got shapes ${JSON.stringify(shapeResult.shapes)}`);
    const message = { key: `reason.${shapeResult.reason.code}` as MessageKey, params: shapeResult.reason.details };

    expect(shapeResult.reason.code).toBe(code);
    expect(translateMessage('en', message)).toBe(english);
    expect(translateMessage('zh-CN', message)).toBe(zh);
    expect(shapeResult.error).toBe(english);
  });

  test('every code has a tested case', () => {
    const tested = [...graphCases, ...ruleCases].map((testCase) => testCase.code).sort();

    expect(tested).toEqual([...REASON_CODES].sort());
  });

  test('every code has both texts', () => {
    const english: Record<string, string> = en;
    const chinese: Record<string, string> = zhCN;
    for (const code of REASON_CODES) {
      expect(english[`reason.${code}`], `English text of ${code}`).toEqual(expect.any(String));
      expect(chinese[`reason.${code}`], `Chinese text of ${code}`).toEqual(expect.any(String));
      expect(chinese[`reason.${code}`], `Chinese text of ${code}`).not.toBe(english[`reason.${code}`]);
    }
  });

  test('reason follows a language switch', () => {
    const diagnostic = diagnosticOf(graphCases[1].graph(), 'mm');

    expect(translateDiagnostic('zh-CN', diagnostic)).toBe(graphCases[1].zh);
    expect(translateDiagnostic('en', diagnostic)).toBe(graphCases[1].en);
  });

  test('training setup error follows the language', () => {
    const document = findPreset('linear-softmax')!.build();
    // W of shape [3, 3] cannot multiply a batch of examples with 2 features.
    const nodes = document.nodes.map((node) => (node.id === 'W' ? { ...node, params: { ...node.params, shape: [3, 3] } } : node));
    const data = { features: 2, classes: 3, x: new Float32Array(8), y: Int32Array.from([0, 1, 2, 0]) };
    const config = { optimizer: { name: 'sgd' as const, learningRate: 0.1 }, batchSize: 4, seed: 1, init: 'document' as const };
    const result = Trainer.create({ ...document, nodes }, registry, { train: data, validation: data, test: data }, config);
    if (!('error' in result)) {
      result.dispose();
      throw new Error('Trainer.create accepted W of shape [3, 3] for 2 features.');
    }
    const message = failureMessage(result);

    expect(sessionErrorText(translatorFor('zh-CN'), message)).toBe(
      '节点“h”（matmul）：内维度不一致：a 为 [4, 2]，b 为 [3, 3]，但 a 的列数（2）必须等于 b 的行数（3）（a 来自“data” [4, 2]，b 来自“W” [3, 3]）',
    );
    expect(sessionErrorText(translatorFor('en'), message)).toBe(
      'Node "h" (matmul): inner dimensions differ: a is [4, 2] and b is [3, 3], but the columns of a (2) must equal the rows of b (3) (a from "data" [4, 2], b from "W" [3, 3])',
    );
  });

  test('reason without a code keeps English text', () => {
    const diagnostic: Diagnostic = {
      code: 'shape-mismatch', severity: 'error', nodeId: 'k', details: { kind: 'custom', reason: 'x must be square' }, message: 'English message',
    };

    expect(translateDiagnostic('zh-CN', diagnostic)).toBe('节点“k”（custom）：x must be square');
  });

  test('unfillable reason falls back to English text', () => {
    const diagnostic: Diagnostic = {
      code: 'shape-mismatch', severity: 'error', nodeId: 'mm', message: 'English message',
      details: { kind: 'matmul', reason: 'inner dimensions differ (engine text)' },
      reason: { code: 'matmul-inner', details: { a: '[2, 3]' } },
    };

    expect(translateDiagnostic('zh-CN', diagnostic)).toBe('节点“mm”（matmul）：inner dimensions differ (engine text)');
  });
});
