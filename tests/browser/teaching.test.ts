import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, connect, expectNumber, nodeElement, nodeIds, openApp, typeValue } from './app';
import { saveScreenshot, test } from './browser';

const C06_DOCUMENT = {
  format: 'backprop-studio-graph',
  version: 1,
  title: 'L = Σ ReLU(x) at x = (−1, 0, 1)',
  nodes: [
    { id: 'x', kind: 'input', params: { value: { shape: [3], data: [-1, 0, 1] } }, position: { x: 0, y: 0 } },
    { id: 'r', kind: 'relu', params: {}, position: { x: 260, y: 0 } },
    { id: 'L', kind: 'sum', params: { axis: 'all' }, position: { x: 520, y: 0 } },
  ],
  edges: [
    { id: 'x.out->r.x', source: 'x', sourcePort: 'out', target: 'r', targetPort: 'x' },
    { id: 'r.out->L.x', source: 'r', sourcePort: 'out', target: 'L', targetPort: 'x' },
  ],
};

describe('gradient check panel', () => {
  test('add-mul rows are all ok', async ({ page }) => {
    await openApp(page, '#preset=add-mul');

    await byTestId(page, 'gradcheck').click();

    const table = byTestId(page, 'gradcheck-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(3);
    expect(await table.locator('tbody tr.verdict-ok').count()).toBe(3);
    expect(await byTestId(page, 'gradcheck-summary').textContent()).toContain('3 elements checked: 3 ok, 0 kink, 0 wrong.');
    expect(await byTestId(page, 'gradcheck-stale').count()).toBe(0);
  });

  test('edit marks the table stale', async ({ page }) => {
    await openApp(page, '#preset=add-mul');
    await byTestId(page, 'gradcheck').click();
    await byTestId(page, 'gradcheck-table').waitFor();

    await typeValue(page, 'z', '2');

    await byTestId(page, 'gradcheck-stale').waitFor();
    await byTestId(page, 'gradcheck-rerun').click();
    await expect.poll(() => byTestId(page, 'gradcheck-stale').count()).toBe(0);
    expect(await byTestId(page, 'gradcheck-row-x-0').textContent()).toContain('2');
  });

  test('relu at zero is an explained kink', async ({ page }) => {
    await openApp(page);
    await byTestId(page, 'import-file').setInputFiles({ name: 'c06.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(C06_DOCUMENT)) });
    await nodeElement(page, 'r').waitFor();

    await byTestId(page, 'gradcheck').click();

    const kinkRow = byTestId(page, 'gradcheck-row-x-1');
    await kinkRow.waitFor();
    expect(await kinkRow.getAttribute('class')).toContain('verdict-kink');
    expect(await kinkRow.textContent()).toContain('ReLU or max near its switch point: central differences average the two sides.');
    expect(await byTestId(page, 'gradcheck-row-x-0').getAttribute('class')).toContain('verdict-ok');
    await saveScreenshot(page, 'gradcheck-kink');
  });
});

describe('formula tools', () => {
  test('formula builds the sigmoid gates', async ({ page }) => {
    await openApp(page);

    await byTestId(page, 'formula-open').click();
    await byTestId(page, 'formula-input').fill('1/(1+exp(-(w0*x0+w1*x1+w2)))');
    await byTestId(page, 'formula-build').click();

    await nodeElement(page, 'reciprocal1').waitFor();
    expect((await nodeIds(page)).sort()).toEqual(['add-constant1', 'add1', 'add2', 'exp1', 'multiply1', 'multiply2', 'negate1', 'reciprocal1', 'w0', 'w1', 'w2', 'x0', 'x1'].sort());
  });

  test('unknown function shows an error', async ({ page }) => {
    await openApp(page);

    await byTestId(page, 'formula-open').click();
    await byTestId(page, 'formula-input').fill('sin(x)');
    await byTestId(page, 'formula-build').click();

    await expect.poll(() => byTestId(page, 'formula-error').textContent()).toContain('sin has no node kind');
  });

  test('inspector typesets formula and derivative', async ({ page }) => {
    await openApp(page, '#preset=add-mul');

    await nodeElement(page, 'f').click();

    const expression = byTestId(page, 'inspector-expression');
    await expression.locator('.katex').waitFor();
    // KaTeX keeps the TeX source in a MathML annotation next to the HTML.
    expect(await expression.locator('annotation').textContent()).toContain('\\left({x}+{y}\\right)');
    await byTestId(page, 'derivative-variable').selectOption('z');
    await expect.poll(() => byTestId(page, 'inspector-derivative').locator('annotation').textContent()).toBe('{x}+{y}');
    await saveScreenshot(page, 'inspector-formula');
  });

  test('sigmoid neuron formula uses sigma', async ({ page }) => {
    await openApp(page, '#preset=sigmoid-neuron');

    await nodeElement(page, 'f').click();

    await expect.poll(() => byTestId(page, 'inspector-expression').locator('annotation').textContent()).toContain('\\sigma');
    expect(await byTestId(page, 'derivative-variable').inputValue()).toBe('w0');
  });
});

describe('modules in the editor', () => {
  const GATES = ['neg', 'e', 'plus1', 'f'];

  async function groupSigmoidGates(page: Page): Promise<void> {
    await openApp(page, '#preset=sigmoid-gates');
    await nodeElement(page, GATES[0]).locator('.gate-header').click();
    for (const id of GATES.slice(1)) await nodeElement(page, id).locator('.gate-header').click({ modifiers: ['Shift'] });
    await byTestId(page, 'group-module').click();
    await byTestId(page, 'module-name').fill('sig');
    await byTestId(page, 'module-group-confirm').click();
    await nodeElement(page, 'sig').waitFor();
  }

  test('group as module keeps the values', async ({ page }) => {
    await groupSigmoidGates(page);

    const ids = await nodeIds(page);
    expect(ids).toContain('sig');
    for (const id of GATES) expect(ids).not.toContain(id);
    await expectNumber(byTestId(page, 'node-value-sig'), 0.7311);
    // The wire from dot keeps its id when it is moved onto the module node.
    await expectNumber(byTestId(page, 'edge-value-dot.out->neg.x'), 1);
    // σ'(1) = σ(1)(1 − σ(1)) ≈ 0.1966 is the module's local gradient and its gradient at dot.
    await expectNumber(byTestId(page, 'node-grad-dot'), 0.1966);
    await expect.poll(() => byTestId(page, 'inspector-chain-x').textContent()).toContain('0.196');
    await saveScreenshot(page, 'module-collapsed');
  });

  test('expand then collapse toggles the module', async ({ page }) => {
    await groupSigmoidGates(page);

    await byTestId(page, 'expand-module').click();
    await nodeElement(page, 'neg').waitFor();
    expect(await nodeIds(page)).not.toContain('sig');

    await nodeElement(page, 'neg').locator('.gate-header').click();
    await byTestId(page, 'collapse-module').click();
    await nodeElement(page, 'sig').waitFor();
    expect(await nodeIds(page)).not.toContain('neg');
    await expectNumber(byTestId(page, 'node-value-sig'), 0.7311);
  });

  test('built-in sigmoid module computes sigma', async ({ page }) => {
    await openApp(page, '#preset=sigmoid-gates');

    await byTestId(page, 'group-module').click();
    await byTestId(page, 'builtin-module').selectOption('sigmoid');
    await byTestId(page, 'builtin-module-insert').click();
    await nodeElement(page, 'sigmoid').waitFor();
    await connect(page, 'dot', 'sigmoid', 'x');

    await expectNumber(byTestId(page, 'node-value-sigmoid'), 0.7311);
  });

  test('rename changes the module name', async ({ page }) => {
    await groupSigmoidGates(page);

    await byTestId(page, 'module-rename').fill('sigmoid');
    await byTestId(page, 'module-rename').press('Enter');

    await expect.poll(() => byTestId(page, 'inspector-formula').textContent()).toContain('sigmoid:');
    expect(await byTestId(page, 'module-error').count()).toBe(0);
  });
});
