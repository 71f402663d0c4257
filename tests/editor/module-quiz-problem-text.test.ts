import { describe, expect, test } from 'vitest';
import { loadDocumentValue } from '../../src/engine/load';
import { LOAD_PROBLEM_CODES, type LoadProblemCode } from '../../src/engine/load-problems';
import { MAX_MODULE_DEPTH, sigmoidModule, type ModuleDefinition } from '../../src/engine/modules';
import type { KindRegistry, NodeKind } from '../../src/engine/types';
import { loadFailureMessage, translateLoadProblem } from '../../src/editor/i18n/load-problem-text';
import { translateMessage } from '../../src/editor/i18n/translate';
import { registry } from '../../src/nodes';
import { wrapperModule } from '../helpers/graph';
import { firstWithCode } from '../helpers/load-problem';

/** The kinds of these documents, so "known kinds" is short. */
const kinds: KindRegistry = new Map<string, NodeKind>(
  ['input', 'constant', 'multiply-constant', 'exp', 'add-constant', 'reciprocal', 'sum'].map((kind) => [kind, registry.get(kind)!]),
);

const scalar = { shape: [], data: [1] };

function node(id: string, kind: string, params: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, kind, params, position: { x: 0, y: 0 } };
}

function wire(from: string, to: string): Record<string, unknown> {
  const [source, sourcePort] = from.split('.');
  const [target, targetPort] = to.split('.');
  return { id: `${from}->${to}`, source, sourcePort, target, targetPort };
}

/**
 * x → module node "m" (module `name`, read at input `input`) → sum "s" (reading
 * output `output`), with `modules` as the document's definitions.
 */
function withModule(name: string, modules: Record<string, ModuleDefinition> | undefined, input = 'x', output = 'out', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'backprop-studio-graph',
    version: 1,
    nodes: [node('x', 'input', { value: scalar }), node('m', 'module', { module: name, ...extra }), node('s', 'sum')],
    edges: [wire('x.out', `m.${input}`), wire(`m.${output}`, 's.x')],
    ...(modules ? { modules } : {}),
  };
}

/** Returns a document with the sigmoid module "sig", its definition's fields replaced by `changes`. */
function sigWith(changes: Partial<ModuleDefinition>): Record<string, unknown> {
  return withModule('sig', { sig: { ...sigmoidModule(), ...changes } });
}

const constantInside: ModuleDefinition = {
  nodes: [{ id: 'c', kind: 'constant', params: { value: scalar }, position: { x: 0, y: 0 } }],
  edges: [],
  inputs: [],
  outputs: [{ name: 'out', node: 'c', port: 'out' }],
};

const noOutputs: ModuleDefinition = { ...sigmoidModule(), outputs: [] };

/** Returns a chain of modules level0 … level`top`, each wrapping the one below, with sigmoid at the bottom. */
function nestedModules(top: number): Record<string, ModuleDefinition> {
  const modules: Record<string, ModuleDefinition> = { level0: sigmoidModule() };
  for (let level = 1; level <= top; level++) modules[`level${level}`] = wrapperModule(`level${level - 1}`);
  return modules;
}

function quizDocument(hidden: unknown[]): Record<string, unknown> {
  return { ...withModule('none', { none: noOutputs }), edges: [wire('x.out', 'm.x')], quiz: { hidden } };
}

interface Case {
  code: LoadProblemCode;
  document: () => unknown;
  en: string;
  zh: string;
}

const sigmoidPath = Array.from({ length: MAX_MODULE_DEPTH + 1 }, (_, index) => `level${MAX_MODULE_DEPTH - index}`).join(' → ');

const cases: Case[] = [
  {
    code: 'module-node-param',
    document: () => withModule('sig', { sig: sigmoidModule() }, 'x', 'out', { size: 3 }),
    en: 'Node "m" (module): unknown parameter "size"; a module node has only "module".',
    zh: '节点“m”（module）：未知参数“size”；模块节点只有参数“module”。',
  },
  {
    code: 'module-node-undefined',
    document: () => withModule('missing', { sig: sigmoidModule(), relu: wrapperModule('sig') }),
    en: 'Node "m" (module), parameter "module": expected the name of a defined module (sig, relu), found "missing".',
    zh: '节点“m”（module）的参数“module”：应为已定义模块的名称（sig, relu），实际为 "missing"。',
  },
  {
    code: 'module-node-undefined-none',
    document: () => withModule('missing', undefined),
    en: 'Node "m" (module), parameter "module": expected the name of a defined module (none defined), found "missing".',
    zh: '节点“m”（module）的参数“module”：应为已定义模块的名称（当前没有已定义的模块），实际为 "missing"。',
  },
  {
    code: 'module-node-no-input',
    document: () => withModule('sig', { sig: sigmoidModule() }, 'y'),
    en: 'Node "m" (module): edge "x.out->m.y" reads into input "y", but module "sig" has inputs x.',
    zh: '节点“m”（module）：连线“x.out->m.y”接入输入“y”，但模块“sig”的输入是 x。',
  },
  {
    code: 'module-node-no-inputs',
    document: () => withModule('const', { const: constantInside }),
    en: 'Node "m" (module): edge "x.out->m.x" reads into input "x", but module "const" has no inputs.',
    zh: '节点“m”（module）：连线“x.out->m.x”接入输入“x”，但模块“const”没有输入。',
  },
  {
    code: 'module-node-no-output',
    document: () => withModule('sig', { sig: sigmoidModule() }, 'x', 'p'),
    en: 'Node "m" (module): edge "m.p->s.x" reads output "p", but module "sig" has outputs out.',
    zh: '节点“m”（module）：连线“m.p->s.x”读取输出“p”，但模块“sig”的输出是 out。',
  },
  {
    code: 'module-node-no-outputs',
    document: () => withModule('none', { none: noOutputs }),
    en: 'Node "m" (module): edge "m.out->s.x" reads output "out", but module "none" has no outputs.',
    zh: '节点“m”（module）：连线“m.out->s.x”读取输出“out”，但模块“none”没有输出。',
  },
  {
    code: 'module-input-node-missing',
    document: () => sigWith({ inputs: [{ name: 'x', node: 'ghost', port: 'x' }] }),
    en: 'Module "sig": input "x" (ghost.x): node "ghost" does not exist in the module.',
    zh: '模块“sig”：输入“x”（ghost.x）：模块中不存在节点“ghost”。',
  },
  {
    code: 'module-input-no-port',
    document: () => sigWith({ inputs: [{ name: 'x', node: 'neg', port: 'y' }] }),
    en: 'Module "sig": input "x" (neg.y): node "neg" has no input port "y"; its inputs: x.',
    zh: '模块“sig”：输入“x”（neg.y）：节点“neg”没有输入端口“y”；它的输入：x。',
  },
  {
    code: 'module-input-no-ports',
    document: () => withModule('const', { const: { ...constantInside, inputs: [{ name: 'x', node: 'c', port: 'x' }] } }),
    en: 'Module "const": input "x" (c.x): node "c" has no input port "x"; its inputs: none.',
    zh: '模块“const”：输入“x”（c.x）：节点“c”没有输入端口“x”；它没有输入。',
  },
  {
    code: 'module-input-bound-twice',
    document: () => sigWith({ inputs: [{ name: 'x', node: 'neg', port: 'x' }, { name: 'y', node: 'neg', port: 'x' }] }),
    en: 'Module "sig": input "y" (neg.x): neg.x is bound to more than one module input.',
    zh: '模块“sig”：输入“y”（neg.x）：neg.x 绑定到了多个模块输入。',
  },
  {
    code: 'module-input-wired-inside',
    document: () => sigWith({ inputs: [{ name: 'x', node: 'e', port: 'x' }] }),
    en: 'Module "sig": input "x" (e.x): e.x also has a wire inside the module; an input takes one wire.',
    zh: '模块“sig”：输入“x”（e.x）：e.x 在模块内部也接有连线；一个输入只能接一条连线。',
  },
  {
    code: 'module-output-name-taken',
    document: () => sigWith({ outputs: [{ name: 'out', node: 'f', port: 'out' }, { name: 'out', node: 'e', port: 'out' }] }),
    en: 'Module "sig": output "out" (e.out): the name is used by more than one output.',
    zh: '模块“sig”：输出“out”（e.out）：这个名称被多个输出使用。',
  },
  {
    code: 'module-output-node-missing',
    document: () => sigWith({ outputs: [{ name: 'out', node: 'ghost', port: 'out' }] }),
    en: 'Module "sig": output "out" (ghost.out): node "ghost" does not exist in the module.',
    zh: '模块“sig”：输出“out”（ghost.out）：模块中不存在节点“ghost”。',
  },
  {
    code: 'module-output-no-port',
    document: () => sigWith({ outputs: [{ name: 'out', node: 'f', port: 'result' }] }),
    en: 'Module "sig": output "out" (f.result): node "f" has no output port "result"; its outputs: out.',
    zh: '模块“sig”：输出“out”（f.result）：节点“f”没有输出端口“result”；它的输出：out。',
  },
  {
    code: 'module-output-no-ports',
    document: () => withModule('outer', { none: noOutputs, outer: wrapperModule('none') }),
    en: 'Module "outer": output "out" (n.out): node "n" has no output port "out"; its outputs: none.',
    zh: '模块“outer”：输出“out”（n.out）：节点“n”没有输出端口“out”；它没有输出。',
  },
  {
    code: 'module-contains-itself',
    document: () => withModule('a', { a: wrapperModule('b'), b: wrapperModule('a') }),
    en: 'Module "a" contains itself (a → b → a); a module cannot be part of its own definition.',
    zh: '模块“a”包含它自己（a → b → a）；模块不能成为自身定义的一部分。',
  },
  {
    code: 'module-too-deep',
    document: () => withModule(`level${MAX_MODULE_DEPTH}`, nestedModules(MAX_MODULE_DEPTH)),
    en: `Module "level${MAX_MODULE_DEPTH}" nests modules ${MAX_MODULE_DEPTH + 1} deep (${sigmoidPath}); the limit is ${MAX_MODULE_DEPTH}.`,
    zh: `模块“level${MAX_MODULE_DEPTH}”的模块嵌套深度为 ${MAX_MODULE_DEPTH + 1} 层（${sigmoidPath}）；上限是 ${MAX_MODULE_DEPTH} 层。`,
  },
  {
    code: 'unknown-kind',
    document: () => sigWith({ nodes: [...sigmoidModule().nodes, { id: 'q', kind: 'conv', params: {}, position: { x: 0, y: 0 } }] }),
    en: 'Module "sig": Node "q" has unknown kind "conv"; known kinds: input, constant, multiply-constant, exp, add-constant, reciprocal, sum.',
    zh: '模块“sig”：节点“q”的类型“conv”未知；已知类型：input, constant, multiply-constant, exp, add-constant, reciprocal, sum。',
  },
  {
    code: 'quiz-edge-listed-twice',
    document: () => quizDocument([{ edge: 'x.out->m.x', part: 'value' }, { edge: 'x.out->m.x', part: 'gradient' }]),
    en: 'Field "quiz.hidden[1]": wire "x.out->m.x" is listed more than once; list each wire or port once with part "both" to hide value and gradient.',
    zh: '字段“quiz.hidden[1]”：连线“x.out->m.x”被列出了多次；每条连线或端口只列一次，用 part "both" 同时隐藏值和梯度。',
  },
  {
    code: 'quiz-port-listed-twice',
    document: () => quizDocument([{ node: 'x', port: 'out', part: 'value' }, { node: 'x', port: 'out', part: 'both' }]),
    en: 'Field "quiz.hidden[1]": port "out" of node "x" is listed more than once; list each wire or port once with part "both" to hide value and gradient.',
    zh: '字段“quiz.hidden[1]”：节点“x”的端口“out”被列出了多次；每条连线或端口只列一次，用 part "both" 同时隐藏值和梯度。',
  },
  {
    code: 'quiz-edge-missing',
    document: () => quizDocument([{ edge: 'ghost', part: 'value' }]),
    en: 'Field "quiz.hidden[0]": wire "ghost" does not exist. Remove it from the quiz or use an existing wire id.',
    zh: '字段“quiz.hidden[0]”：连线“ghost”不存在。请把它从测验中删除，或使用已有的连线 id。',
  },
  {
    code: 'quiz-node-missing',
    document: () => quizDocument([{ node: 'ghost', port: 'out', part: 'value' }]),
    en: 'Field "quiz.hidden[0]": node "ghost" does not exist. Remove it from the quiz or use an existing node id.',
    zh: '字段“quiz.hidden[0]”：节点“ghost”不存在。请把它从测验中删除，或使用已有的节点 id。',
  },
  {
    code: 'quiz-no-port',
    document: () => quizDocument([{ node: 'x', port: 'value', part: 'gradient' }]),
    en: 'Field "quiz.hidden[0]": node "x" (input) has no output port "value"; its outputs: out.',
    zh: '字段“quiz.hidden[0]”：节点“x”（input）没有输出端口“value”；它的输出：out。',
  },
  {
    code: 'quiz-no-ports',
    document: () => quizDocument([{ node: 'm', port: 'out', part: 'value' }]),
    en: 'Field "quiz.hidden[0]": node "m" (module) has no output port "out"; its outputs: none.',
    zh: '字段“quiz.hidden[0]”：节点“m”（module）没有输出端口“out”；它没有输出。',
  },
];

describe('module and quiz problem text', () => {
  test.each(cases.map((entry, index) => [`${entry.code} #${index}`, entry] as const))('%s', (_name, entry) => {
    const { english, problem } = firstWithCode(loadDocumentValue(entry.document(), kinds), entry.code);

    expect(english).toBe(entry.en);
    expect(translateLoadProblem('en', problem, 'fallback')).toBe(entry.en);
    expect(translateLoadProblem('zh-CN', problem, 'fallback')).toBe(entry.zh);
  });

  test('every module and quiz code has a case', () => {
    const tested = new Set(cases.map((entry) => entry.code));
    const codes = LOAD_PROBLEM_CODES.filter((code) => code.startsWith('module-') || code.startsWith('quiz-'));

    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((code) => !tested.has(code))).toEqual([]);
  });

  test('every module and quiz error has a code', () => {
    for (const entry of cases) {
      const result = loadDocumentValue(entry.document(), kinds);
      if (result.ok) expect.fail(`${entry.code}: the document should be rejected`);

      expect(result.problems.filter((problem) => problem === null), result.errors.join(' | ')).toEqual([]);
    }
  });

  test('notice message follows the language', () => {
    const result = loadDocumentValue(sigWith({ inputs: [{ name: 'x', node: 'ghost', port: 'x' }] }), kinds);
    if (result.ok) expect.fail('the document should be rejected');
    const message = loadFailureMessage(result.errors, result.problems);

    expect(translateMessage('en', message)).toBe(result.errors.join(' '));
    expect(translateMessage('zh-CN', message)).toBe('模块“sig”：输入“x”（ghost.x）：模块中不存在节点“ghost”。');
  });
});
