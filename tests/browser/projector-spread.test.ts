import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { SMALL_WIDTHS, unrolledScalarMlp } from '../../bench/scalar-graph';
import { serializeDocument, type GraphDocument } from '../../src/engine/document';
import { storageKeys } from '../../src/editor/store/persistence';
import { GraphBuilder } from '../../src/presets/builder';
import { byTestId, centerOf, dragMouse, dropFromPalette, findEmptySpot, nodeElement, nodeIds, openApp, zoomOut, type Point } from './app';
import { appUrl, saveScreenshot, test } from './browser';
import { compareEstimatedHandles, everyKindGraph, misplacedHandles } from './estimated-handles';
import { nodeBoxes, overlappingPairs } from './node-boxes';

/**
 * Nodes 10 px apart in normal mode, where inputs are 156 × 109 px, multiply and
 * add nodes about 150 × 105 px, and exp and negate nodes 150 × 83 px. Projector
 * mode draws them up to 190 × 130, 198 × 120 and 170 × 98 px, so unspread they overlap.
 */
function packedGraph(): GraphDocument {
  const graph = new GraphBuilder('packed');
  graph.value('x1', 'input', 1.5, 0, 0);
  graph.value('x2', 'input', -2, 0, 119);
  graph.value('x3', 'input', 0.5, 0, 238);
  graph.value('x4', 'input', 3, 0, 357);
  graph.node('m1', 'multiply', { a: 'x1', b: 'x2' }, 166, 0);
  graph.node('m2', 'multiply', { a: 'x3', b: 'x4' }, 166, 115);
  graph.node('s', 'add', { a: 'm1', b: 'm2' }, 166, 230);
  graph.node('e', 'exp', { x: 's' }, 330, 0);
  graph.node('n', 'negate', { x: 'e' }, 330, 93);
  return graph.build();
}

/** Largest distance, in flow units, allowed between an estimated handle and the one React Flow measured. */
const HANDLE_TOLERANCE = 3;
/** Labels of the first nodes of the every-kind graph, which keep their normal 13 px type in projector mode. */
const LABELS = ['a label long enough to take two lines in the node', '隐藏层的输出，经过非线性激活函数之后再送入下一层'];

/** Factors the canvas multiplies document positions by in projector mode (src/editor/projector/spread.ts). */
const SPREAD = { x: 1.35, y: 1.5 };

async function readZoom(page: Page): Promise<number> {
  return page.evaluate(() => new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a);
}

/** Reads the viewport's CSS transform, which changes when the view pans or zooms. */
async function readTransform(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
}

async function savedDocument(page: Page): Promise<GraphDocument> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key)!) as GraphDocument, storageKeys.document);
}

function positionsOf(document: GraphDocument): Record<string, { x: number; y: number }> {
  return Object.fromEntries(document.nodes.map((node) => [node.id, node.position]));
}

/** Height of the tallest node on screen, divided by the zoom: projector mode's larger type shows in it. */
async function tallestNode(page: Page): Promise<number> {
  const boxes = await nodeBoxes(page);
  return Math.max(...boxes.map((box) => box.bottom - box.top)) / (await readZoom(page));
}

/** Largest distance, in screen pixels, between where a new node's middle or port lands and where the pointer was. */
const PLACE_TOLERANCE = 5;

/** Checks that the middle of `locator`'s box lies within PLACE_TOLERANCE screen pixels of `point` on both axes. */
async function expectMiddleAt(locator: Locator, point: Point, subject: string): Promise<void> {
  const middle = await centerOf(locator);
  const offset = { x: Math.round(middle.x - point.x), y: Math.round(middle.y - point.y) };
  expect(Math.max(Math.abs(offset.x), Math.abs(offset.y)), `${subject}: offset from the pointer ${JSON.stringify(offset)}`).toBeLessThanOrEqual(PLACE_TOLERANCE);
}

/** Chooses `kind` in the add-node popup and returns the id of the node it added. */
async function chooseInPopup(page: Page, kind: string): Promise<string> {
  const before = new Set(await nodeIds(page));
  await byTestId(page, 'add-node-popup').locator('input').fill(kind);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await nodeIds(page)).length).toBe(before.size + 1);
  return (await nodeIds(page)).find((id) => !before.has(id))!;
}

/** Switches projector mode from the View menu and waits until React Flow has measured the nodes again. */
async function setProjector(page: Page, on: boolean): Promise<void> {
  const before = await tallestNode(page);
  await byTestId(page, 'view-menu').click();
  await byTestId(page, 'projector-toggle').setChecked(on);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('html').getAttribute('data-projector')).toBe(on ? 'on' : 'off');
  await expect.poll(() => tallestNode(page), { timeout: 10_000 }).not.toBeCloseTo(before, 0);
  await expect.poll(() => page.locator('.react-flow__node[style*="visibility: hidden"]').count(), { timeout: 10_000 }).toBe(0);
  // Switching on also starts projector mode's 300 ms move to the active node, so wait until the view rests.
  await viewRests(page);
}

/** Waits until the view has not moved for 400 ms. */
async function viewRests(page: Page): Promise<void> {
  let last = '';
  await expect.poll(async () => {
    const previous = last;
    await page.waitForTimeout(400);
    last = await readTransform(page);
    return last === previous;
  }, { timeout: 10_000 }).toBe(true);
}

/** Puts `document` in the autosave before the page first loads. */
async function seedDocument(page: Page, document: GraphDocument): Promise<void> {
  await page.addInitScript(([key, text]) => {
    // Only the first load: a reload keeps what the test changed.
    if (!sessionStorage.getItem('seeded')) localStorage.setItem(key, text);
    sessionStorage.setItem('seeded', 'yes');
  }, [storageKeys.document, serializeDocument(document)]);
}

/** Opens the app on `document` and waits until React Flow has measured its nodes. */
async function openDocument(page: Page, document: GraphDocument): Promise<void> {
  await seedDocument(page, document);
  await page.goto(appUrl());
  await page.locator('.react-flow__node').first().waitFor();
  await expect.poll(() => page.locator('.react-flow__node[style*="visibility: hidden"]').count(), { timeout: 10_000 }).toBe(0);
}

describe('projector spread', () => {
  test('keeps packed nodes apart and saves drags', async ({ page }) => {
    const document = packedGraph();
    await openDocument(page, document);
    expect(overlappingPairs(await nodeBoxes(page)), 'overlaps in normal mode').toEqual([]);
    await saveScreenshot(page, 'projector-spread-normal');

    await setProjector(page, true);
    expect(overlappingPairs(await nodeBoxes(page)), 'overlaps in projector mode').toEqual([]);
    await saveScreenshot(page, 'projector-spread-on');
    expect(positionsOf(await savedDocument(page)), 'document after switching on').toEqual(positionsOf(document));

    // Drag m2 by (60, 40) screen pixels from a point on its header. Projector mode zoomed in on the active node,
    // so the graph is fitted first: m2 then sits mid-pane, and React Flow does not pan while dragging.
    await page.evaluate(() => (window.document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('f');
    await viewRests(page);
    const zoom = await readZoom(page);
    const transform = await readTransform(page);
    const header = nodeElement(page, 'm2').locator('.gate-header');
    const from = await centerOf(header);
    await dragMouse(page, from, { x: from.x + 60, y: from.y + 40 });
    const before = positionsOf(document).m2;
    await expect.poll(async () => (await savedDocument(page)).nodes.find((node) => node.id === 'm2')!.position.x, { timeout: 10_000 }).not.toBe(before.x);
    expect(await readTransform(page), 'view after the drag').toBe(transform);
    // React Flow starts the drag a step after the button goes down, so the node moves a few pixels less than the mouse.
    const to = await centerOf(header);
    const moved = { x: to.x - from.x, y: to.y - from.y };
    expect(moved.x, 'screen pixels the node moved right').toBeGreaterThan(50);

    await setProjector(page, false);
    const saved = positionsOf(await savedDocument(page));
    expect(saved.m2.x).toBeCloseTo(before.x + moved.x / zoom / SPREAD.x, 1);
    expect(saved.m2.y).toBeCloseTo(before.y + moved.y / zoom / SPREAD.y, 1);
    const { m2: _moved, ...others } = saved;
    const { m2: _before, ...othersBefore } = positionsOf(document);
    expect(others, 'nodes not dragged').toEqual(othersBefore);
    await saveScreenshot(page, 'projector-spread-off-after-drag');
  });

  test('keeps packed nodes apart in Chinese', async ({ page }) => {
    await openDocument(page, packedGraph());
    await byTestId(page, 'language').selectOption('zh-CN');
    await setProjector(page, true);
    expect(overlappingPairs(await nodeBoxes(page))).toEqual([]);
    await saveScreenshot(page, 'projector-spread-on-zh');
  });

  test('puts new nodes where the pointer is, in both modes', async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await openDocument(page, packedGraph());
    for (const projector of [false, true]) {
      const mode = projector ? 'projector mode' : 'normal mode';
      if (projector) await setProjector(page, true);
      // Fitted, the graph fills the pane; zoomed out twice, it leaves room for three nodes.
      await page.keyboard.press('f');
      await viewRests(page);
      await zoomOut(page);
      await zoomOut(page);
      await viewRests(page);
      const usedSpots: Point[] = [];
      const emptySpot = async () => {
        const point = await findEmptySpot(page, usedSpots);
        usedSpots.push(point);
        return point;
      };

      const dropAt = await emptySpot();
      const dropped = await dropFromPalette(page, 'multiply', dropAt);
      await expectMiddleAt(nodeElement(page, dropped), dropAt, `${mode}: node dropped from the palette`);

      const clickAt = await emptySpot();
      await page.mouse.dblclick(clickAt.x, clickAt.y);
      const added = await chooseInPopup(page, 'negate');
      await expectMiddleAt(nodeElement(page, added), clickAt, `${mode}: node added by double-click`);

      // A wire dragged from m1's output and let go on empty canvas: the new node's input x takes it where it was let go.
      const wireEnd = await emptySpot();
      await dragMouse(page, await centerOf(nodeElement(page, 'm1').locator('.react-flow__handle.source')), wireEnd);
      const joined = await chooseInPopup(page, 'exp');
      const port = nodeElement(page, joined).locator('.react-flow__handle.target[data-handleid="x"]');
      await expectMiddleAt(port, wireEnd, `${mode}: input of the node added at a wire's end`);
      await saveScreenshot(page, `projector-spread-new-nodes-${projector ? 'on' : 'off'}`);
    }
  });

  test('keeps the view when a node is added', async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.addInitScript(() => localStorage.setItem('backprop-studio.projector', 'on'));
    await openApp(page, '#preset=add-mul');
    await expect.poll(() => page.locator('html').getAttribute('data-projector')).toBe('on');
    await viewRests(page);
    await page.keyboard.press('f');
    await viewRests(page);
    const transform = await readTransform(page);

    // A new input runs, so the trace and its last step change; the view must not move to that step's node.
    const dropAt = await findEmptySpot(page);
    const dropped = await dropFromPalette(page, 'input', dropAt);
    await page.waitForTimeout(800);
    expect(await readTransform(page), 'view after dropping an input').toBe(transform);
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const box = (await nodeElement(page, dropped).boundingBox())!;
    expect(box.x, 'new node left edge').toBeGreaterThanOrEqual(pane.x);
    expect(box.x + box.width, 'new node right edge').toBeLessThanOrEqual(pane.x + pane.width);

    // Stepping the timeline still follows the active node.
    await byTestId(page, 'step-back').click();
    await expect.poll(() => readZoom(page), { timeout: 5_000 }).toBeGreaterThanOrEqual(1.4);
  });

  test('follows the active node after a preset switch', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('backprop-studio.projector', 'on'));
    await openApp(page, '#preset=add-mul');
    await viewRests(page);
    await byTestId(page, 'preset-menu').selectOption('sigmoid-neuron');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(10);
    await viewRests(page);
    // Fitted, the 10-node graph would be drawn at about zoom 0.4; followed, its active node is shown at 1.4.
    expect(await readZoom(page)).toBeGreaterThanOrEqual(1.4);
  });

  test('estimates projector handles', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('backprop-studio.projector', 'on'));
    const document = everyKindGraph(packedGraph(), LABELS);
    await openDocument(page, document);
    await expect.poll(() => page.locator('html').getAttribute('data-projector')).toBe('on');
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 60_000 }).toBe(document.nodes.length);
    await page.waitForTimeout(500);
    await saveScreenshot(page, 'projector-spread-kinds');

    const results = await compareEstimatedHandles(page, true);
    expect(results.length).toBe(document.nodes.length);
    expect(misplacedHandles(results, HANDLE_TOLERANCE)).toEqual([]);
  });

  test('saves compact canvas drags', async ({ page }) => {
    // The 1,016-node unrolled MLP is drawn on the compact canvas when zoomed out, one 90 × 60 box per node in normal mode.
    const large = unrolledScalarMlp(SMALL_WIDTHS);
    await page.addInitScript(() => localStorage.setItem('backprop-studio.projector', 'on'));
    await seedDocument(page, large);
    await page.goto(appUrl());
    const drawnNodes = () => page.evaluate(() => Number(document.querySelector<HTMLElement>('[data-testid="compact-canvas"]')?.dataset.drawnNodes ?? -1));
    // When the first trace arrives, projector mode zooms in on its last active node. The fit command (F) shows the whole graph again.
    await expect.poll(() => readZoom(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(1.4);
    await page.keyboard.press('f');
    await expect.poll(drawnNodes, { timeout: 60_000 }).toBe(large.nodes.length);
    await page.waitForTimeout(500);

    // The node's box is drawn at its document position times the spread, and is as much larger.
    const id = 'l1n0z';
    const before = large.nodes.find((node) => node.id === id)!.position;
    const view = await page.evaluate(() => {
      const matrix = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
      const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
      return { x: matrix.e, y: matrix.f, zoom: matrix.a, left: pane.left, top: pane.top };
    });
    const centre = {
      x: view.left + view.x + (before.x + 45) * SPREAD.x * view.zoom,
      y: view.top + view.y + (before.y + 30) * SPREAD.y * view.zoom,
    };
    await page.mouse.click(centre.x, centre.y);
    await expect.poll(() => byTestId(page, 'inspector').textContent()).toContain(id);

    await dragMouse(page, centre, { x: centre.x + 60, y: centre.y + 30 });
    await expect.poll(async () => (await savedDocument(page)).nodes.find((node) => node.id === id)!.position.x, { timeout: 10_000 })
      .toBeCloseTo(before.x + 60 / view.zoom / SPREAD.x, -1);
    const moved = (await savedDocument(page)).nodes.find((node) => node.id === id)!.position;
    expect(moved.y).toBeCloseTo(before.y + 30 / view.zoom / SPREAD.y, -1);
    await saveScreenshot(page, 'projector-spread-compact');
  });
});
