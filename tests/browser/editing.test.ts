import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, centerOf, connect, dragMouse, dropFromPalette, findEmptySpot, nodeElement, nodeOutput, openApp, typeValue, zoomOut } from './app';
import { appUrl, saveScreenshot, test } from './browser';
import { clickNode, focusBody, selectedIds, sortedIds } from './editing-helpers';

const ADD_MUL_IDS = ['f', 'q', 'x', 'y', 'z'];

async function edgeCount(page: Page): Promise<number> {
  return page.locator('.react-flow__edge').count();
}

/** Counts the pixels the overview has painted on its node canvas. */
function overviewPaintedPixels(page: Page): Promise<number> {
  return byTestId(page, 'overview').locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let index = 3; index < data.length; index += 4) if (data[index] > 0) count++;
    return count;
  });
}

describe('undo and redo', () => {
  test('add, undo, redo by keyboard', async ({ page }) => {
    await openApp(page);
    await byTestId(page, 'palette-exp').click();
    await expect.poll(() => sortedIds(page)).toEqual(['exp1', ...ADD_MUL_IDS].sort());

    await focusBody(page);
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => sortedIds(page)).toEqual(ADD_MUL_IDS);

    await page.keyboard.press('ControlOrMeta+Shift+z');
    await expect.poll(() => sortedIds(page)).toEqual(['exp1', ...ADD_MUL_IDS].sort());
  });

  test('toolbar undo and redo buttons', async ({ page }) => {
    await openApp(page);
    expect(await byTestId(page, 'undo').isDisabled()).toBe(true);
    await byTestId(page, 'palette-log').click();
    await expect.poll(() => sortedIds(page)).toContain('log1');

    await byTestId(page, 'undo').click();
    await expect.poll(() => sortedIds(page)).toEqual(ADD_MUL_IDS);
    await byTestId(page, 'redo').click();
    await expect.poll(() => sortedIds(page)).toContain('log1');
  });

  test('connect undoes as one step', async ({ page }) => {
    await openApp(page);
    await zoomOut(page);
    const multiply = await dropFromPalette(page, 'multiply', await findEmptySpot(page));
    await connect(page, 'x', multiply, 'a');
    await expect.poll(() => edgeCount(page)).toBe(5);

    await focusBody(page);
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => edgeCount(page)).toBe(4);
    expect(await sortedIds(page)).toContain(multiply);

    await page.keyboard.press('ControlOrMeta+y');
    await expect.poll(() => edgeCount(page)).toBe(5);
  });

  test('delete by keyboard, then undo', async ({ page }) => {
    await openApp(page);
    await clickNode(page, 'q');
    await page.keyboard.press('Delete');
    await expect.poll(() => sortedIds(page)).toEqual(['f', 'x', 'y', 'z']);
    await expect.poll(() => edgeCount(page)).toBe(1);

    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => sortedIds(page)).toEqual(ADD_MUL_IDS);
    await expect.poll(() => edgeCount(page)).toBe(4);
    await expect.poll(() => nodeOutput(page, 'f')).toBeCloseTo(-12, 3);
  });

  test('typing a value is one undo step', async ({ page }) => {
    await openApp(page);
    await typeValue(page, 'x', '-3.5');
    // q = −3.5 + 5 = 1.5 and f = 1.5 · (−4) = −6.
    await expect.poll(() => nodeOutput(page, 'f')).toBeCloseTo(-6, 3);

    await focusBody(page);
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => nodeOutput(page, 'f')).toBeCloseTo(-12, 3);
    expect(await byTestId(page, 'value-x').inputValue()).toBe('-2');
    expect(await byTestId(page, 'undo').isDisabled()).toBe(true);
  });

  test('a drag is one undo step', async ({ page }) => {
    await openApp(page);
    const header = nodeElement(page, 'x').locator('.gate-header');
    const start = await centerOf(header);
    const before = await nodeElement(page, 'x').boundingBox();

    await dragMouse(page, start, { x: start.x + 40, y: start.y + 160 });
    await expect.poll(async () => (await nodeElement(page, 'x').boundingBox())!.y).toBeGreaterThan(before!.y + 100);

    await focusBody(page);
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(async () => Math.round((await nodeElement(page, 'x').boundingBox())!.y)).toBe(Math.round(before!.y));
    expect(await byTestId(page, 'undo').isDisabled()).toBe(true);
  });
});

describe('shortcuts and typing', () => {
  test('Delete in a field edits the field', async ({ page }) => {
    await openApp(page);
    await clickNode(page, 'q');
    const field = byTestId(page, 'value-y');
    await field.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Delete');

    // The field lost its last character, and no node was deleted.
    expect(await field.inputValue()).toBe('');
    expect(await sortedIds(page)).toEqual(ADD_MUL_IDS);
  });

  test('Ctrl+A in a field selects its text only', async ({ page }) => {
    await openApp(page);
    await byTestId(page, 'value-x').click();
    await page.keyboard.press('ControlOrMeta+a');
    // Clicking the field selected its node; the other nodes stay unselected.
    expect(await selectedIds(page)).toEqual(['x']);

    await focusBody(page);
    await page.keyboard.press('ControlOrMeta+a');
    await expect.poll(() => selectedIds(page)).toEqual(ADD_MUL_IDS);
  });

  test('emptied canvas is a custom graph', async ({ page }) => {
    await openApp(page);
    const presetMenu = byTestId(page, 'preset-menu');
    await focusBody(page);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
    await expect.poll(() => presetMenu.locator('option:checked').textContent()).toBe('(custom graph)');
    expect(await byTestId(page, 'explanation').count(), 'explanation paragraphs').toBe(0);
    // The overview no longer draws the deleted nodes.
    await expect.poll(() => overviewPaintedPixels(page)).toBe(0);

    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => presetMenu.inputValue()).toBe('add-mul');
    await byTestId(page, 'explanation').waitFor();
  });

  test('help dialog lists the shortcuts', async ({ page }) => {
    await openApp(page);
    await focusBody(page);
    await page.keyboard.press('Shift+?');

    const dialog = byTestId(page, 'help-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/Ctrl\+Z|⌘Z/);
    expect(await dialog.locator('tbody tr').count()).toBeGreaterThanOrEqual(15);
    expect(await byTestId(page, 'help-zoomed-out').textContent()).toContain('Enter on a selected node zooms to it');
    await saveScreenshot(page, 'help-dialog');

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  test('help dialog in Chinese', async ({ page }) => {
    await openApp(page);
    await byTestId(page, 'language').selectOption('zh-CN');
    await byTestId(page, 'help').click();

    const dialog = byTestId(page, 'help-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('撤销');
    expect(await dialog.textContent()).toContain('键盘快捷键');
    expect(await byTestId(page, 'help-zoomed-out').textContent()).toContain('放大到该节点');
  });
});

describe('selection and clipboard', () => {
  test('Shift+click and box select', async ({ page }) => {
    await openApp(page);
    await clickNode(page, 'x');
    await clickNode(page, 'y', ['Shift']);
    expect(await selectedIds(page)).toEqual(['x', 'y']);

    // A Shift+drag on empty canvas selects the nodes inside the box: here the whole graph.
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    // Zoom out once so every node lies well inside the box, away from the overview and the pane's edges.
    await page.locator('.react-flow__controls-zoomout').click();
    await page.waitForTimeout(400);
    await page.keyboard.down('Shift');
    await dragMouse(page, { x: pane.x + 5, y: pane.y + 5 }, { x: pane.x + pane.width - 5, y: pane.y + pane.height - 5 });
    await page.keyboard.up('Shift');
    await expect.poll(() => selectedIds(page)).toEqual(ADD_MUL_IDS);
  });

  test('copy and paste in one page is one undo step', async ({ page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl()).origin });
    await openApp(page);
    await clickNode(page, 'x');
    await clickNode(page, 'y', ['Shift']);
    await clickNode(page, 'q', ['Shift']);
    await page.keyboard.press('ControlOrMeta+c');
    await page.keyboard.press('ControlOrMeta+v');

    await expect.poll(() => sortedIds(page)).toEqual(['f', 'q', 'q1', 'x', 'x1', 'y', 'y1', 'z']);
    // The pasted add gate computes −2 + 5 from the pasted inputs.
    await expect.poll(() => nodeOutput(page, 'q1')).toBeCloseTo(3, 3);
    expect(await selectedIds(page)).toEqual(['q1', 'x1', 'y1']);
    await saveScreenshot(page, 'pasted');

    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => sortedIds(page)).toEqual(ADD_MUL_IDS);
  });

  test('copy in one tab, paste in another', async ({ page }) => {
    const context = page.context();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl()).origin });
    await openApp(page, '#preset=sigmoid-neuron');
    await clickNode(page, 'w0');
    await clickNode(page, 'x0', ['Shift']);
    await clickNode(page, 'm0', ['Shift']);
    await page.keyboard.press('ControlOrMeta+c');

    const second = await context.newPage();
    await openApp(second, '#preset=add-mul');
    await focusBody(second);
    await second.keyboard.press('ControlOrMeta+v');

    await expect.poll(() => sortedIds(second)).toEqual([...ADD_MUL_IDS, 'm0', 'w0', 'x0'].sort());
    // m0 = w0 · x0 = 2 · (−1) in the sigmoid-neuron preset.
    await expect.poll(() => nodeOutput(second, 'm0')).toBeCloseTo(-2, 3);
    await second.close();
  });

  test('duplicate and cut', async ({ page }) => {
    await openApp(page);
    await clickNode(page, 'z');
    await page.keyboard.press('ControlOrMeta+d');
    await expect.poll(() => sortedIds(page)).toContain('z1');

    await page.keyboard.press('ControlOrMeta+x');
    await expect.poll(() => sortedIds(page)).toEqual(ADD_MUL_IDS);
  });
});

describe('add-node popup', () => {
  test('double-click, type 乘, Enter adds multiply', async ({ page }) => {
    await openApp(page);
    const spot = await findEmptySpot(page);
    await page.mouse.dblclick(spot.x, spot.y);

    await byTestId(page, 'add-node-popup').waitFor();
    await page.keyboard.type('乘');
    await expect.poll(() => page.locator('[data-testid^="add-node-choice-"]').first().getAttribute('data-testid')).toBe('add-node-choice-multiply');
    await saveScreenshot(page, 'add-node-popup');
    await page.keyboard.press('Enter');

    await expect.poll(() => sortedIds(page)).toContain('mul1');
    expect(await byTestId(page, 'add-node-popup').count()).toBe(0);
    // The new node sits where the double-click was.
    const box = (await nodeElement(page, 'mul1').boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - spot.x)).toBeLessThan(box.width);
  });

  test('near the window bottom it stays in view', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openApp(page);
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const spot = { x: pane.x + pane.width / 2, y: pane.y + pane.height - 30 };
    const inWindow = async (testId: string) => {
      const box = (await byTestId(page, testId).boundingBox())!;
      return box.y >= 0 && box.x >= 0 && box.y + box.height <= 768 && box.x + box.width <= 1366;
    };

    await page.mouse.dblclick(spot.x, spot.y);
    await byTestId(page, 'add-node-popup').waitFor();
    await expect.poll(() => inWindow('add-node-popup')).toBe(true);
    // The last choice of the full list can be reached and chosen.
    const last = page.locator('[data-testid^="add-node-choice-"]').last();
    await last.scrollIntoViewIfNeeded();
    const lastBox = (await last.boundingBox())!;
    expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(768);
    await saveScreenshot(page, 'add-node-popup-bottom');
    // Opened above the pointer, the popup keeps its bottom there while typing shortens the list.
    const opened = (await byTestId(page, 'add-node-popup').boundingBox())!;
    await byTestId(page, 'add-node-search').fill('rel');
    await expect.poll(() => page.locator('[data-testid^="add-node-choice-"]').count()).toBeLessThan(5);
    await expect.poll(async () => {
      const box = (await byTestId(page, 'add-node-popup').boundingBox())!;
      return Math.round(box.y + box.height);
    }).toBe(Math.round(opened.y + opened.height));
    await page.keyboard.press('Escape');

    await page.mouse.click(spot.x, spot.y, { button: 'right' });
    await byTestId(page, 'context-menu-pane').waitFor();
    await expect.poll(() => inWindow('context-menu-pane')).toBe(true);
  });

  test('slash opens it, relu finds ReLU, Esc closes', async ({ page }) => {
    await openApp(page);
    await focusBody(page);
    await page.keyboard.press('/');
    await byTestId(page, 'add-node-search').waitFor();
    await page.keyboard.type('relu');
    expect(await page.locator('[data-testid^="add-node-choice-"]').first().getAttribute('data-testid')).toBe('add-node-choice-relu');

    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId(page, 'add-node-popup').count()).toBe(0);
    expect(await sortedIds(page)).toEqual(ADD_MUL_IDS);
  });

  test('a wire that closes a cycle is refused with a note', async ({ page }) => {
    await openApp(page);
    const wires = await edgeCount(page);
    await connect(page, 'f', 'q', 'a');

    await expect.poll(() => byTestId(page, 'notice').first().textContent()).toContain('No wire was added from "f" to "q": it would close a cycle');
    expect(await edgeCount(page)).toBe(wires);
    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => byTestId(page, 'notice').first().textContent()).toContain('没有添加从“f”到“q”的连线：它会形成环');
    await saveScreenshot(page, 'wire-cycle-refused');
  });

  test('wire dropped on empty canvas adds a connected node', async ({ page }) => {
    await openApp(page);
    await zoomOut(page);
    const spot = await findEmptySpot(page);
    const output = nodeElement(page, 'f').locator('.react-flow__handle.source').first();
    await dragMouse(page, await centerOf(output), spot);

    await byTestId(page, 'add-node-popup').waitFor();
    // A wire from an output can go only into kinds with an input, so sources are not offered.
    expect(await byTestId(page, 'add-node-choice-input').count()).toBe(0);
    await page.keyboard.type('sigmoid');
    await page.keyboard.press('Enter');

    await expect.poll(() => sortedIds(page)).toContain('sigmoid1');
    await expect.poll(() => byTestId(page, 'edge-value-f.out->sigmoid1.x').count()).toBe(1);
    // σ(−12) = 1 / (1 + e^12) ≈ 6.1e-6.
    await expect.poll(() => nodeOutput(page, 'sigmoid1')).toBeCloseTo(1 / (1 + Math.exp(12)), 5);
  });
});

describe('context menus and layout', () => {
  test('node menu deletes the node', async ({ page }) => {
    await openApp(page);
    await nodeElement(page, 'z').locator('.gate-header').click({ button: 'right' });
    await byTestId(page, 'context-menu-node').waitFor();
    await saveScreenshot(page, 'context-menu-node');
    await byTestId(page, 'menu-delete').click();

    await expect.poll(() => sortedIds(page)).toEqual(['f', 'q', 'x', 'y']);
  });

  test('canvas menu adds a node here', async ({ page }) => {
    await openApp(page);
    const spot = await findEmptySpot(page);
    await page.mouse.click(spot.x, spot.y, { button: 'right' });
    await byTestId(page, 'context-menu-pane').waitFor();
    await byTestId(page, 'menu-addNode').click();

    await byTestId(page, 'add-node-popup').waitFor();
    await page.keyboard.type('tanh');
    await page.keyboard.press('Enter');
    await expect.poll(() => sortedIds(page)).toContain('tanh1');
  });

  test('F fits all of mlp6 beside the training panel', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await openApp(page, '#preset=mlp6');
    // Loaded, the graph is fitted no smaller than zoom 0.2, so its first nodes stay readable.
    const zoom = () => page.locator('.react-flow__viewport').evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).a);
    await expect.poll(zoom).toBeCloseTo(0.2, 3);
    await focusBody(page);
    await page.keyboard.press('f');

    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    await expect.poll(async () => {
      const boxes = await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON()));
      return boxes.filter((box) => box.left < pane.x - 1 || box.right > pane.x + pane.width + 1 || box.top < pane.y - 1 || box.bottom > pane.y + pane.height + 1).length;
    }, { timeout: 10_000 }).toBe(0);
    expect(await page.locator('.react-flow__node').count()).toBe(43);
    await saveScreenshot(page, 'mlp6-fitted');
  });

  test('tidy layout is one undo step', async ({ page }) => {
    await openApp(page);
    const positions = () => page.locator('.react-flow__node').evaluateAll((elements) => elements.map((element) => (element as HTMLElement).style.transform).join('|'));
    const before = await positions();
    await focusBody(page);
    await page.keyboard.press('Shift+L');
    await expect.poll(positions).not.toBe(before);
    await saveScreenshot(page, 'tidied');

    // Left to right: every wire's source is left of its target.
    const x = async (id: string) => (await nodeElement(page, id).boundingBox())!.x;
    expect(await x('x')).toBeLessThan(await x('q'));
    expect(await x('q')).toBeLessThan(await x('f'));

    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(positions).toBe(before);
  });

  test('overview draws and moves the view', async ({ page }) => {
    await openApp(page);
    const overview = byTestId(page, 'overview');
    await overview.waitFor();
    expect(await overview.getAttribute('data-drawn-nodes')).toBe('5');
    // Some pixels of the node canvas are painted: the five nodes.
    expect(await overviewPaintedPixels(page)).toBeGreaterThan(50);

    const viewport = () => page.locator('.react-flow__viewport').evaluate((element) => getComputedStyle(element).transform);
    const before = await viewport();
    const box = (await overview.boundingBox())!;
    await page.mouse.click(box.x + 8, box.y + 8);
    await expect.poll(viewport).not.toBe(before);
    await saveScreenshot(page, 'overview-clicked');
  });

  test('overview redraws sparingly during drags', async ({ page }) => {
    await openApp(page);
    const overview = byTestId(page, 'overview');
    await overview.waitFor();
    // Counts the drawings of the overview's node canvas: each starts by clearing it.
    await overview.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      const clear = context.clearRect.bind(context);
      const counter = window as unknown as { overviewDrawings: number };
      counter.overviewDrawings = 0;
      context.clearRect = (...box) => {
        counter.overviewDrawings++;
        clear(...box);
      };
    });
    const drawings = () => page.evaluate(() => (window as unknown as { overviewDrawings: number }).overviewDrawings);
    const overviewPixels = () => overview.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data).join());

    const start = await centerOf(nodeElement(page, 'x').locator('.gate-header'));
    const pixelsBefore = await overviewPixels();
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    const started = Date.now();
    for (let move = 1; move <= 60; move++) {
      await page.mouse.move(start.x + move * 2, start.y + move * 3);
      await page.waitForTimeout(16);
    }
    const elapsed = Date.now() - started;
    const duringDrag = await drawings();
    // 60 moves: one drawing per 200 ms at most, and at least one, so the overview does follow.
    expect(duringDrag).toBeGreaterThanOrEqual(1);
    expect(duringDrag).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 1);

    // At the release the overview draws the node at its new place.
    await page.mouse.up();
    await expect.poll(drawings).toBeGreaterThan(duringDrag);
    expect(await overviewPixels()).not.toBe(pixelsBefore);
  });

  test('Escape cancels a node drag', async ({ page }) => {
    await openApp(page);
    const node = nodeElement(page, 'x');
    const left = async () => (await node.boundingBox())!.x;
    const before = await left();
    const start = await centerOf(node.locator('.gate-header'));
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let move = 1; move <= 6; move++) await page.mouse.move(start.x + move * 15, start.y + move * 10);
    expect(await left()).toBeGreaterThan(before + 50);

    await page.keyboard.press('Escape');
    await expect.poll(left).toBeCloseTo(before, 0);
    // Moves until the release leave the node where it started, and the release records no edit.
    await page.mouse.move(start.x + 140, start.y + 90, { steps: 4 });
    await page.mouse.up();
    await page.waitForTimeout(200);
    expect(await left()).toBeCloseTo(before, 0);
    expect(await byTestId(page, 'undo').isDisabled()).toBe(true);

    // The next drag moves the node again.
    await dragMouse(page, start, { x: start.x + 80, y: start.y + 40 });
    await expect.poll(left).toBeGreaterThan(before + 50);
    await expect.poll(() => byTestId(page, 'undo').isEnabled()).toBe(true);
  });

  test('click right after a pan selects', async ({ page }) => {
    await openApp(page);
    const empty = await findEmptySpot(page);
    const target = await centerOf(nodeElement(page, 'q').locator('.gate-header'));
    const viewport = () => page.locator('.react-flow__viewport').evaluate((element) => {
      const matrix = new DOMMatrixReadOnly(getComputedStyle(element).transform);
      return { x: matrix.e, y: matrix.f };
    });
    const before = await viewport();
    // A pan and then a click on node q run in one task of the page. The click then comes while the
    // timer that ends the pan's click suppression is still pending, as when the page is busy after a pan.
    await page.evaluate(({ from, to }) => {
      const mouse = (type: string, at: { x: number; y: number }, buttons: number) =>
        new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: at.x, clientY: at.y, button: 0, buttons });
      const pointer = (type: string, at: { x: number; y: number }, buttons: number) =>
        new PointerEvent(type, { bubbles: true, cancelable: true, view: window, clientX: at.x, clientY: at.y, button: 0, buttons, pointerType: 'mouse', isPrimary: true });
      const pane = document.elementFromPoint(from.x, from.y)!;
      pane.dispatchEvent(mouse('mousedown', from, 1));
      for (let step = 1; step <= 5; step++) window.dispatchEvent(mouse('mousemove', { x: from.x + step * 12, y: from.y + step * 6 }, 1));
      window.dispatchEvent(mouse('mouseup', { x: from.x + 60, y: from.y + 30 }, 0));
      const header = document.elementFromPoint(to.x + 60, to.y + 30)!;
      header.dispatchEvent(pointer('pointerdown', { x: to.x + 60, y: to.y + 30 }, 1));
      header.dispatchEvent(mouse('mousedown', { x: to.x + 60, y: to.y + 30 }, 1));
      header.dispatchEvent(pointer('pointerup', { x: to.x + 60, y: to.y + 30 }, 0));
      header.dispatchEvent(mouse('mouseup', { x: to.x + 60, y: to.y + 30 }, 0));
      header.dispatchEvent(mouse('click', { x: to.x + 60, y: to.y + 30 }, 0));
    }, { from: empty, to: target });

    // The pan moved the graph by (60, 30), where the click found node q.
    const after = await viewport();
    expect(after.x - before.x).toBeCloseTo(60, 3);
    expect(after.y - before.y).toBeCloseTo(30, 3);
    await expect.poll(() => selectedIds(page)).toEqual(['q']);
  });

  test('nodes composite only during drags', async ({ page }) => {
    await openApp(page);
    const willChange = () => page.locator('.react-flow__nodes').evaluate((element) => getComputedStyle(element).willChange);
    expect(await willChange()).toBe('auto');

    const start = await centerOf(nodeElement(page, 'x').locator('.gate-header'));
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let move = 1; move <= 5; move++) await page.mouse.move(start.x + move * 6, start.y + move * 4);
    // A composited layer: moving wires repaint under the nodes without repainting them.
    expect(await willChange()).toBe('transform');
    // The backdrop that keeps a large graph's nodes one layer is left out on a small graph.
    expect(await page.locator('.react-flow__nodes').evaluate((element) => getComputedStyle(element, '::before').content)).toBe('none');

    await page.mouse.up();
    await expect.poll(willChange).toBe('auto');
  });
});

describe('panning', () => {
  /** Reads whether the graph's layer is composited (`will-change: transform`) and the view's translation. */
  function viewport(page: Page): Promise<{ willChange: string; x: number }> {
    return page.evaluate(() => {
      const element = document.querySelector('.react-flow__viewport')!;
      const style = getComputedStyle(element);
      return { willChange: style.willChange, x: new DOMMatrixReadOnly(style.transform).e };
    });
  }

  test('pan right after wheel zoom stays one layer', async ({ page }) => {
    await openApp(page);
    const start = await findEmptySpot(page);
    await page.mouse.move(start.x, start.y);
    await page.mouse.wheel(0, -100);
    // The press comes within the wheel gesture's 150 ms; that gesture ends while the pan goes on.
    await page.mouse.down();
    await page.mouse.move(start.x + 10, start.y + 5, { steps: 2 });
    await page.waitForTimeout(500);
    const before = await viewport(page);
    await page.mouse.move(start.x + 60, start.y + 20, { steps: 5 });
    const during = await viewport(page);
    expect(during.willChange).toBe('transform');
    expect(during.x).toBeGreaterThan(before.x + 40);
    await page.mouse.up();
    await expect.poll(async () => (await viewport(page)).willChange).toBe('auto');
  });
});
