import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { SMALL_WIDTHS, unrolledScalarMlp } from '../../bench/scalar-graph';
import { serializeDocument, type GraphDocument } from '../../src/engine/document';
import { registry } from '../../src/nodes';
import { storageKeys } from '../../src/editor/store/persistence';
import { byTestId, dragMouse, type Point } from './app';
import { appUrl, saveScreenshot, test } from './browser';
import { compareEstimatedHandles, everyKindGraph, misplacedHandles } from './estimated-handles';

/** The 1,016-node unrolled MLP of the canvas benchmark, laid out in columns of 30 nodes 220 units apart. */
const graph = unrolledScalarMlp(SMALL_WIDTHS);
const BOX = { width: 90, height: 60 };
/**
 * Labels of the first nodes of the every-kind graph: lines broken between words, where a
 * word that does not fit starts a new line, so a label can take more lines than its width
 * divided by the line's width.
 */
const NODE_LABELS = [
  'a label long enough to take two lines in the node',
  'backpropagation backpropagation backpropagation',
  'gradient flows back through every gate of the network, summed at each copy',
  '隐藏层的输出，经过非线性激活函数之后再送入下一层',
  'supercalifragilisticexpialidociousness_of_the_gradient_flow',
  'the supercalifragilisticexpialidociousness_of_every_gradient_through_the_gates',
  'elastic-net-penalty-of-the-weights-and-the-biases-of-every-layer',
  '全连接层 hidden layer 的输出经过激活函数 ReLU 之后送入 softmax 交叉熵损失',
];
/** Largest distance, in flow units, allowed between an estimated handle and the one React Flow measured. */
const HANDLE_TOLERANCE = 3;

/** Opens `document` from saved storage, and records the maximum number of `.react-flow__node` elements on the page in `window.maxNodes`. */
async function openDocument(page: Page, document: GraphDocument): Promise<void> {
  await page.addInitScript(([key, text]) => localStorage.setItem(key, text), [storageKeys.document, serializeDocument(document)]);
  // A string, so the bundler adds no helper the page lacks.
  await page.addInitScript({
    content: `window.maxNodes = 0; new MutationObserver(() => {
      const count = document.querySelectorAll('.react-flow__node').length;
      if (count > window.maxNodes) window.maxNodes = count;
    }).observe(document, { childList: true, subtree: true });`,
  });
  await page.goto(appUrl());
}

async function readTransform(page: Page): Promise<{ x: number; y: number; zoom: number; left: number; top: number; width: number; height: number }> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport')!;
    const matrix = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return { x: matrix.e, y: matrix.f, zoom: matrix.a, left: pane.left, top: pane.top, width: pane.width, height: pane.height };
  });
}

async function flowToScreen(page: Page, point: Point): Promise<Point> {
  const view = await readTransform(page);
  return { x: view.left + view.x + point.x * view.zoom, y: view.top + view.y + point.y * view.zoom };
}

function nodeCentre(id: string): Point {
  const { position } = graph.nodes.find((node) => node.id === id)!;
  return { x: position.x + BOX.width / 2, y: position.y + BOX.height / 2 };
}

/** Turns the mouse wheel over `at` until the zoom reaches at least `zoom`. */
async function wheelZoomIn(page: Page, at: Point, zoom: number): Promise<void> {
  await page.mouse.move(at.x, at.y);
  for (let notch = 0; notch < 60 && (await readTransform(page)).zoom < zoom; notch++) {
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(60);
  }
  expect((await readTransform(page)).zoom).toBeGreaterThanOrEqual(zoom);
}

/**
 * Reads the wire canvas's alpha channel at screen points: the largest alpha
 * within 2 pixels of each point, or -1 for a point off the canvas.
 */
function wireAlphaAt(page: Page, points: Point[]): Promise<number[]> {
  return page.evaluate((screenPoints) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="wire-canvas"]')!;
    const rect = canvas.getBoundingClientRect();
    const pixels = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height);
    const scale = canvas.width / rect.width;
    return screenPoints.map((point) => {
      const column = Math.round((point.x - rect.left) * scale);
      const row = Math.round((point.y - rect.top) * scale);
      if (column < 2 || row < 2 || column >= canvas.width - 2 || row >= canvas.height - 2) return -1;
      let alpha = 0;
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) alpha = Math.max(alpha, pixels.data[((row + dy) * canvas.width + column + dx) * 4 + 3]);
      return alpha;
    });
  }, points);
}


describe('large graph reach', () => {
  test('wires to unseen nodes drawn', async ({ page }) => {
    await openDocument(page, graph);
    await byTestId(page, 'compact-canvas').waitFor({ timeout: 60_000 });
    // The sigmoid l1n0h feeds the first multiply of every second-layer neuron, all in columns to its right.
    const source = 'l1n0h';
    const targets = graph.edges.filter((edge) => edge.source === source).map((edge) => edge.target);
    expect(targets.length).toBe(SMALL_WIDTHS[2]);

    await wheelZoomIn(page, await flowToScreen(page, nodeCentre(source)), 0.8);
    await byTestId(page, `node-${source}`).waitFor({ timeout: 30_000 });
    // Pan with the mouse so the sigmoid sits near the pane's left edge and its wires lead off to the right.
    const view = await readTransform(page);
    const at = await flowToScreen(page, nodeCentre(source));
    const empty = await page.evaluate(() => {
      const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
      for (let y = pane.top + 20; y < pane.bottom - 20; y += 7) {
        for (let x = pane.right - 20; x > pane.left + 20; x -= 7) {
          if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
        }
      }
      return null;
    });
    expect(empty).not.toBeNull();
    const shift = view.left + 120 - at.x;
    await dragMouse(page, empty!, { x: empty!.x + shift, y: empty!.y });
    await expect.poll(async () => (await readTransform(page)).x).toBeCloseTo(view.x + shift, -1);
    await page.waitForTimeout(500);
    await byTestId(page, `node-${source}`).waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'canvas-reach-wires');

    // Only nodes near the view were ever mounted, and the wires' far ends are not among them.
    const mounted = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((node) => node.dataset.id ?? ''));
    const unseen = targets.filter((id) => !mounted.includes(id));
    expect(unseen.length).toBeGreaterThan(0);
    expect(await page.evaluate('window.maxNodes')).toBeLessThan(graph.nodes.length / 2);

    // Right of the sigmoid's output handle, where its wires leave, the wire canvas is painted.
    const handle = await byTestId(page, `node-${source}`).locator('.react-flow__handle-right').boundingBox();
    expect(handle).not.toBeNull();
    const centre = { x: handle!.x + handle!.width / 2, y: handle!.y + handle!.height / 2 };
    const zoom = (await readTransform(page)).zoom;
    const samples = [10, 20, 30].map((distance) => ({ x: centre.x + distance * zoom, y: centre.y }));
    const alphas = await wireAlphaAt(page, samples);
    for (const alpha of alphas) expect(alpha).toBeGreaterThan(0);
  });

  test('estimated handles match measured', async ({ page }) => {
    // One node of every kind, in a row of columns that fits the view.
    const kinds = [...registry.values()];
    const everyKind = everyKindGraph(graph, NODE_LABELS);
    await openDocument(page, everyKind);
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 60_000 }).toBe(kinds.length);
    await page.waitForTimeout(500);
    await saveScreenshot(page, 'canvas-reach-kinds');

    // The estimate runs in the page on what each node shows, and is compared with what the page laid out.
    const results = await compareEstimatedHandles(page, false);
    expect(results.length).toBe(kinds.length);
    const misplaced = misplacedHandles(results, HANDLE_TOLERANCE);
    expect(misplaced).toEqual([]);
  });

  test('compact canvas keyboard reach', async ({ page }) => {
    await openDocument(page, graph);
    await byTestId(page, 'compact-canvas').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.evaluate(() => Number(document.querySelector<HTMLElement>('[data-testid="compact-canvas"]')?.dataset.drawnNodes ?? 0)), { timeout: 60_000 }).toBe(graph.nodes.length);
    const announcement = byTestId(page, 'compact-announcement');
    const ring = byTestId(page, 'compact-focus-ring');

    // Tab from the page's start reaches the canvas, which focuses the first node in the forward pass: input x0.
    let reached = false;
    for (let press = 0; press < 80 && !reached; press++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'compact-keys');
    }
    expect(reached).toBe(true);
    await expect.poll(() => announcement.textContent()).toBe(`x0, input, node 1 of ${graph.nodes.length}`);
    expect(await ring.isVisible()).toBe(true);
    const x0 = await flowToScreen(page, nodeCentre('x0'));
    const ringBox = (await ring.boundingBox())!;
    expect(Math.abs(ringBox.x + ringBox.width / 2 - x0.x)).toBeLessThan(3);
    expect(Math.abs(ringBox.y + ringBox.height / 2 - x0.y)).toBeLessThan(3);
    await saveScreenshot(page, 'canvas-reach-focus');

    // Tab and the arrow keys move through the inputs, then Shift+Tab goes back; Space does not start playback.
    await page.keyboard.press('Tab');
    await expect.poll(() => announcement.textContent()).toBe(`x1, input, node 2 of ${graph.nodes.length}`);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => announcement.textContent()).toBe(`x2, input, node 3 of ${graph.nodes.length}`);
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => announcement.textContent()).toBe(`x1, input, node 2 of ${graph.nodes.length}`);

    // Space selects the node: the inspector shows it, and the announcement names it as selected.
    await page.keyboard.press(' ');
    await expect.poll(() => byTestId(page, 'inspector').textContent()).toContain('x1');
    await expect.poll(() => announcement.textContent()).toContain('selected');
    expect(await byTestId(page, 'play').textContent()).not.toMatch(/pause/i);

    // Delete removes it, and the focus passes to the node that took its place.
    await page.keyboard.press('Delete');
    await expect.poll(() => page.evaluate((key) => (JSON.parse(localStorage.getItem(key)!) as GraphDocument).nodes.length, storageKeys.document), { timeout: 10_000 })
      .toBe(graph.nodes.length - 1);
    await expect.poll(() => announcement.textContent()).toBe(`x2, input, node 2 of ${graph.nodes.length - 1}`);

    // End goes to the last node, the loss sink, and the view pans to keep it in view.
    await page.keyboard.press('End');
    await expect.poll(() => announcement.textContent()).toMatch(new RegExp(`node ${graph.nodes.length - 1} of ${graph.nodes.length - 1}$`));
    const last = graph.nodes[graph.nodes.length - 1];
    await expect.poll(async () => {
      const view = await readTransform(page);
      const centre = await flowToScreen(page, nodeCentre(last.id));
      return centre.x > view.left && centre.x < view.left + view.width && centre.y > view.top && centre.y < view.top + view.height;
    }, { timeout: 10_000 }).toBe(true);

    // In Chinese the announcement is translated.
    await byTestId(page, 'language').selectOption('zh-CN');
    await byTestId(page, 'compact-keys').focus();
    await expect.poll(() => announcement.textContent()).toMatch(new RegExp(`第 ${graph.nodes.length - 1} 个节点，共 ${graph.nodes.length - 1} 个$`));
    await saveScreenshot(page, 'canvas-reach-focus-zh');

    // Enter selects the node, and Enter again zooms to it, where it is drawn in full.
    await page.keyboard.press('Enter');
    await expect.poll(() => byTestId(page, 'inspector').textContent()).toContain(last.id);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await readTransform(page)).zoom, { timeout: 10_000 }).toBeGreaterThanOrEqual(0.5);
    await byTestId(page, `node-${last.id}`).waitFor({ timeout: 30_000 });
    // The keyboard focus moves to the node drawn in full.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest<HTMLElement>('.react-flow__node')?.dataset.id ?? null), { timeout: 10_000 })
      .toBe(last.id);
    await saveScreenshot(page, 'canvas-reach-zoomed');
  });

  test('health badges drawn near the view', async ({ page }) => {
    await openDocument(page, graph);
    await byTestId(page, 'compact-canvas').waitFor({ timeout: 60_000 });
    // Every parameter and sigmoid is a layer with a badge, counted here from the document.
    const layers = graph.nodes.filter((node) => node.kind === 'parameter' || node.kind === 'sigmoid').length;
    expect(layers).toBeGreaterThan(300);

    const first = 'l1n0w0';
    await wheelZoomIn(page, await flowToScreen(page, nodeCentre(first)), 1);
    await byTestId(page, `health-badge-${first}`).waitFor({ timeout: 30_000 });
    const view = await readTransform(page);
    const badges = () => page.locator('.health-badge').evaluateAll((elements) => elements.map((element) => {
      const box = element.getBoundingClientRect();
      return { id: (element as HTMLElement).dataset.testid ?? '', x: box.left, y: box.top };
    }));
    const drawn = await badges();
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThan(layers / 2);
    // A badge is kept at most two panes and a margin from the view, so none lies three panes away.
    for (const badge of drawn) {
      expect(Math.abs(badge.x - (view.left + view.width / 2))).toBeLessThan(3 * view.width);
      expect(Math.abs(badge.y - (view.top + view.height / 2))).toBeLessThan(3 * view.height);
    }
    await saveScreenshot(page, 'canvas-reach-badges');

    // Wire labels of the large graph follow the same rule: a label whose wire's middle is far from the view is left out.
    const labels = await page.locator('.edge-label').evaluateAll((elements) => elements.map((element) => {
      const box = element.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }));
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) {
      expect(Math.abs(label.x - (view.left + view.width / 2))).toBeLessThan(2 * view.width + 400 * view.zoom);
      expect(Math.abs(label.y - (view.top + view.height / 2))).toBeLessThan(2 * view.height + 400 * view.zoom);
    }

    // After two pans of half a pane each to the left, the nodes now in view have their badges.
    for (let pan = 0; pan < 2; pan++) {
      // A press on empty pane near its right side, so the drag pans instead of moving a node.
      const start = await page.evaluate(() => {
        const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
        for (let x = pane.right - 20; x > pane.left + pane.width / 2; x -= 7) {
          for (let y = pane.top + 20; y < pane.bottom - 20; y += 7) {
            if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
          }
        }
        return null;
      });
      expect(start).not.toBeNull();
      await dragMouse(page, start!, { x: start!.x - view.width / 2, y: start!.y });
      await page.waitForTimeout(300);
    }
    expect((await readTransform(page)).x).toBeLessThan(view.x - view.width / 2);
    const inView = await page.evaluate(() => {
      const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
        .filter((element) => {
          const box = element.getBoundingClientRect();
          return box.left > pane.left && box.right < pane.right && box.top > pane.top + 30 && box.bottom < pane.bottom;
        })
        .map((element) => element.dataset.id ?? '')
        .filter((id) => /w\d+$/.test(id));
    });
    expect(inView.length).toBeGreaterThan(0);
    await expect.poll(async () => {
      const ids = new Set((await badges()).map((badge) => badge.id));
      return inView.filter((id) => !ids.has(`health-badge-${id}`));
    }, { timeout: 15_000 }).toEqual([]);
    expect(inView).not.toContain(first);
  });
});
