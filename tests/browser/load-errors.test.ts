import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, nodeIds, nodeOutput, openApp } from './app';
import { appUrl, saveScreenshot, test } from './browser';
import { focusBody } from './editing-helpers';
import { craftVersion1Link } from '../engine/link-craft';

/** Imports a file through the toolbar's Import button and the file chooser it opens, as a person does. */
async function importThroughChooser(page: Page, name: string, text: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser', { timeout: 30_000 });
  await byTestId(page, 'import').click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

function errorLines(page: Page): Promise<string[]> {
  return byTestId(page, 'load-error').locator('li').allTextContents();
}

function errorTitle(page: Page): Promise<string | null> {
  return byTestId(page, 'load-error').locator('strong').textContent();
}

const position = { x: 0, y: 0 };

/** Fails the schema: a node kind that is a number, and a key the format does not have. */
const schemaBroken = JSON.stringify({
  format: 'backprop-studio-graph',
  version: 1,
  nodes: [{ id: 'mm', kind: 3, params: {}, position }],
  edges: [],
  colour: 'red',
});

/** Passes the schema but not the semantic checks: alpha below its minimum, and a wire from a missing node. */
const semanticsBroken = JSON.stringify({
  format: 'backprop-studio-graph',
  version: 1,
  nodes: [{ id: 'l', kind: 'leaky-relu', params: { alpha: -1 }, position }],
  edges: [{ id: 'e', source: 'ghost', sourcePort: 'out', target: 'l', targetPort: 'x' }],
});

/**
 * Passes the schema but not the module and quiz checks: module "sig" binds its
 * input to a node it does not have, and the quiz hides a wire that does not exist.
 */
const modulesBroken = JSON.stringify({
  format: 'backprop-studio-graph',
  version: 1,
  nodes: [{ id: 'm', kind: 'module', params: { module: 'sig' }, position }],
  edges: [],
  modules: {
    sig: {
      nodes: [{ id: 'e', kind: 'exp', params: {}, position }],
      edges: [],
      inputs: [{ name: 'x', node: 'ghost', port: 'x' }],
      outputs: [{ name: 'out', node: 'e', port: 'out' }],
    },
  },
  quiz: { hidden: [{ edge: 'nowhere', part: 'value' }] },
});

/** Expects the default graph q = x + y, f = q · z, whose output is (−2 + 5) · (−4) = −12. */
async function expectDefaultGraph(page: Page): Promise<void> {
  expect((await nodeIds(page)).sort()).toEqual(['f', 'q', 'x', 'y', 'z']);
  await expect.poll(() => nodeOutput(page, 'f'), { timeout: 20_000 }).toBeCloseTo(-12, 3);
}

describe('load errors', () => {
  test('schema errors follow the language', async ({ page }) => {
    await openApp(page);
    await byTestId(page, 'language').selectOption('zh-CN');

    await importThroughChooser(page, 'broken.json', schemaBroken);

    await byTestId(page, 'load-error').waitFor({ timeout: 30_000 });
    expect(await errorTitle(page)).toBe('无法加载“broken.json”。当前的图没有改变。');
    expect((await errorLines(page)).sort()).toEqual(
      ['字段“nodes[0].kind”（节点“mm”）：无效输入：期望 string，实际接收 数字。', '字段“（文档）”：出现未知的键(key): "colour"。'].sort(),
    );
    await expectDefaultGraph(page);
    await saveScreenshot(page, 'load-errors-schema-zh');

    await byTestId(page, 'language').selectOption('en');
    await expect.poll(() => errorTitle(page), { timeout: 10_000 }).toBe('Could not load "broken.json". The current graph is unchanged.');
    expect((await errorLines(page)).sort()).toEqual(
      ['Field "nodes[0].kind" of node "mm": Invalid input: expected string, received number.', 'Field "(document)": Unrecognized key: "colour".'].sort(),
    );
    await expectDefaultGraph(page);
  });

  test('semantic errors follow the language', async ({ page }) => {
    await openApp(page);

    await importThroughChooser(page, 'wires.json', semanticsBroken);

    await byTestId(page, 'load-error').waitFor({ timeout: 30_000 });
    expect(await errorLines(page)).toEqual([
      'Node "l" (leaky-relu), parameter "alpha": expected at least 0, found -1.',
      'Edge "e" (ghost.out → l.x): source node "ghost" does not exist.',
    ]);

    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => errorLines(page), { timeout: 10_000 }).toEqual([
      '节点“l”（leaky-relu）的参数“alpha”：应至少为 0，实际为 -1。',
      '连线“e”（ghost.out → l.x）：源节点“ghost”不存在。',
    ]);
    expect(await errorTitle(page)).toBe('无法加载“wires.json”。当前的图没有改变。');
    await expectDefaultGraph(page);
    await saveScreenshot(page, 'load-errors-semantics-zh');
  });
});

describe('module and quiz errors', () => {
  test('module and quiz errors follow the language', async ({ page }) => {
    await openApp(page);
    await byTestId(page, 'language').selectOption('zh-CN');

    await importThroughChooser(page, 'modules.json', modulesBroken);

    await byTestId(page, 'load-error').waitFor({ timeout: 30_000 });
    expect(await errorLines(page)).toEqual([
      '模块“sig”：输入“x”（ghost.x）：模块中不存在节点“ghost”。',
      '字段“quiz.hidden[0]”：连线“nowhere”不存在。请把它从测验中删除，或使用已有的连线 id。',
    ]);
    await expectDefaultGraph(page);
    await saveScreenshot(page, 'load-errors-modules-zh');

    await byTestId(page, 'language').selectOption('en');
    await expect.poll(() => errorLines(page), { timeout: 10_000 }).toEqual([
      'Module "sig": input "x" (ghost.x): node "ghost" does not exist in the module.',
      'Field "quiz.hidden[0]": wire "nowhere" does not exist. Remove it from the quiz or use an existing wire id.',
    ]);
  });
});

describe('link errors', () => {
  test('link layout problem follows the language', async ({ page }) => {
    await page.goto(appUrl(`#${craftVersion1Link('[[1,null,[["x","input",0,0,[1]]],[]]]')}`));
    await byTestId(page, 'load-error').waitFor({ timeout: 30_000 });
    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => errorLines(page), { timeout: 10_000 }).toEqual(['链接内容不符合链接格式 1 的布局：索引为 0 的节点的参数必须是对象，实际为列表。']);
    await saveScreenshot(page, 'load-errors-link-layout-zh');

    await byTestId(page, 'language').selectOption('en');
    await expect.poll(() => errorLines(page), { timeout: 10_000 }).toEqual([
      "The link's content does not have the layout of link format 1: the parameters of node 0 must be an object, found a list.",
    ]);
  });

  test('cut-off link follows the language', async ({ page }) => {
    await page.goto(appUrl('#graph='));
    await byTestId(page, 'load-error').waitFor({ timeout: 30_000 });
    await byTestId(page, 'language').selectOption('en');
    await expect.poll(() => errorLines(page), { timeout: 10_000 }).toEqual(['The link is incomplete: nothing follows "graph=". Copy the whole link again.']);
    expect(await errorTitle(page)).toBe('Could not load "shared link". The current graph is unchanged.');

    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => errorLines(page), { timeout: 10_000 }).toEqual(['链接不完整："graph=" 之后没有内容。请重新复制完整的链接。']);
    expect(await errorTitle(page)).toBe('无法加载“分享链接”。当前的图没有改变。');
    await saveScreenshot(page, 'load-errors-link-zh');
  });
});

describe('paste errors', () => {
  test('bad copied nodes notice follows the language', async ({ page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl()).origin });
    await openApp(page);
    await byTestId(page, 'language').selectOption('zh-CN');
    // Another program put copied nodes whose parameter breaks the leaky-relu range on the clipboard.
    const copied = JSON.stringify({
      format: 'backprop-studio-clipboard',
      version: 1,
      nodes: [{ id: 'l', kind: 'leaky-relu', params: { alpha: 5 }, position }],
      edges: [],
    });
    await page.evaluate((text) => navigator.clipboard.writeText(text), copied);

    await focusBody(page);
    await page.keyboard.press('ControlOrMeta+v');

    const notice = byTestId(page, 'notice');
    await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toContain('未粘贴任何内容：节点“l”（leaky-relu）的参数“alpha”：应至多为 1，实际为 5。');
    await saveScreenshot(page, 'load-errors-paste-zh');
    await byTestId(page, 'language').selectOption('en');
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain(
      'Nothing was pasted: Node "l" (leaky-relu), parameter "alpha": expected at most 1, found 5.',
    );
    await expectDefaultGraph(page);
  });

  test('JSON error without a position gets one', async ({ page }) => {
    await openApp(page);
    // Chromium's message for a trailing comma in an array names no position of its own.
    const text = '{\n  "format": "backprop-studio-graph",\n  "nodes": [1,]\n}';

    await importThroughChooser(page, 'comma.json', text);
    await byTestId(page, 'load-error').waitFor({ timeout: 30_000 });
    const [english] = await errorLines(page);
    expect(english).toMatch(/^The document is not valid JSON: Unexpected token ']'/);
    expect(english).toContain('(line 3 column 15)');

    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => errorLines(page)).toEqual(['文档不是有效的 JSON：第 3 行第 15 列有语法错误。']);
    await saveScreenshot(page, 'load-errors-json-place-zh');
    await expectDefaultGraph(page);
  });
});
