import { describe, expect, test } from 'vitest';
import { collapseToModule, expandModule, MODULE_PROBLEM_CODES, renameModule, type ModuleFailure } from '../../src/engine/modules';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { translatorFor } from '../../src/editor/i18n/translate';
import { describeModuleProblem } from '../../src/editor/teaching/module-messages';
import { nestedGroups } from '../helpers/nested-groups';

const en = translatorFor('en');
const zh = translatorFor('zh-CN');
const addMul = () => findPreset('add-mul')!.build();
const sigmoidGates = () => findPreset('sigmoid-gates')!.build();

function failure(result: { ok: true } | ModuleFailure): ModuleFailure {
  if (result.ok) return expect.fail('the module operation should fail');
  return result;
}

/** A document where module "sig" contains the sigmoid gates, so its name is taken. */
function withSigModule() {
  const result = collapseToModule(sigmoidGates(), ['neg', 'e', 'plus1', 'f'], 'sig');
  if (!result.ok) throw new Error(`collapseToModule failed: ${result.error}`);
  return result;
}

/** Returns a module node of module "sig" in a document that no longer defines "sig". */
function withUndefinedModule() {
  const { document, moduleNodeId } = withSigModule();
  return { document: { ...document, modules: {} }, moduleNodeId };
}

describe('module operation errors', () => {
  const cases: [string, () => ModuleFailure, string][] = [
    ['empty selection', () => failure(collapseToModule(addMul(), [], 'm')), '请至少选择一个节点'],
    ['missing node', () => failure(collapseToModule(addMul(), ['nope'], 'm')), '节点“nope”不存在'],
    ['blank name', () => failure(collapseToModule(addMul(), ['f'], '   ')), '不是有效的模块名'],
    ['taken name', () => failure(collapseToModule(withSigModule().document, ['dot'], 'sig')), '名为“sig”的模块已存在'],
    ['path re-enters selection', () => failure(collapseToModule(addMul(), ['x', 'f'], 'bad')), '请把这条路径上的节点也选上'],
    ['expand a plain node', () => failure(expandModule(addMul(), 'f')), '节点“f”不是模块节点'],
    ['rename unknown module', () => failure(renameModule(addMul(), 'missing', 'other')), '模块“missing”未定义'],
    ['rename to long name', () => failure(renameModule(withSigModule().document, 'sig', 'x'.repeat(101))), '请使用 1 到 100 个字符'],
    ['ninth nested group', () => failure(collapseToModule(nestedGroups(8).document, [nestedGroups(8).nodeId], 'g9', registry)), '最多只能嵌套 8 层'],
    ['expand an undefined module', () => failure(expandModule(withUndefinedModule().document, withUndefinedModule().moduleNodeId)), '未定义'],
  ];

  test('every code has a case', () => {
    const tested = new Set(cases.map(([, run]) => run().problem.code));

    expect(MODULE_PROBLEM_CODES.filter((code) => !tested.has(code))).toEqual([]);
  });

  test.each(cases)('%s in Chinese', (_name, run, chinese) => {
    const message = describeModuleProblem(zh, run().problem);

    expect(message).toContain(chinese);
    expect(message).not.toMatch(/[{}]/);
  });

  test.each(cases)('%s in English matches the engine error', (_name, run) => {
    const result = run();

    expect(describeModuleProblem(en, result.problem)).toBe(result.error);
  });

  test('expanding a module with no definition names the module', () => {
    const { document, moduleNodeId } = withUndefinedModule();
    const result = failure(expandModule(document, moduleNodeId));

    expect(describeModuleProblem(en, result.problem)).toBe(result.error);
    expect(describeModuleProblem(zh, result.problem)).toBe(`节点“${moduleNodeId}”（module）引用的模块 "sig" 未定义。`);
  });
});
