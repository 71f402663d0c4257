import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import {
  byTestId,
  connect,
  dragMouse,
  dragScrubberToStart,
  dropFromPalette,
  findEmptySpot,
  expectNumber,
  nodeElement,
  nodeIds,
  nodeOutput,
  openApp,
  playToEnd,
  shownGradients,
  shownValues,
  typeValue,
  zoomOut,
} from './app';
import { saveScreenshot, test } from './browser';

// The lecture's first graph, worked by hand: x = −2, y = 5, z = −4, q = x + y = 3, f = q · z = −12.
// Backward: ∂f/∂q = z = −4, ∂f/∂z = q = 3, and the add gate passes −4 to both x and y.
const ADD_MUL_VALUES = { 'x.out->q.a': -2, 'y.out->q.b': 5, 'z.out->f.b': -4, 'q.out->f.a': 3 };
const ADD_MUL_GRADIENTS = { 'x.out->q.a': -4, 'y.out->q.b': -4, 'z.out->f.b': 3, 'q.out->f.a': -4 };

const CJK = /[\u4e00-\u9fff]/;

describe('add-mul preset', () => {
  test('opens at / with its five nodes', async ({ page }) => {
    await openApp(page);

    for (const id of ['x', 'y', 'z', 'q', 'f']) {
      await expect.poll(() => nodeElement(page, id).isVisible(), { timeout: 5_000 }).toBe(true);
    }
  });

  test('play reveals values and gradients', async ({ page }) => {
    await openApp(page);
    await dragScrubberToStart(page);
    expect(await shownValues(page)).toEqual([]);
    expect(await shownGradients(page)).toEqual([]);

    await playToEnd(page);

    for (const [edgeId, value] of Object.entries(ADD_MUL_VALUES)) {
      await expectNumber(byTestId(page, `edge-value-${edgeId}`), value);
    }
    for (const [edgeId, gradient] of Object.entries(ADD_MUL_GRADIENTS)) {
      await expectNumber(byTestId(page, `edge-grad-${edgeId}`), gradient);
    }
    await expect.poll(() => nodeOutput(page, 'f')).toBeCloseTo(-12, 3);
    await saveScreenshot(page, 'add-mul-played');
  });

  test('labels centred on wire middles', async ({ page }) => {
    await openApp(page);
    await playToEnd(page);
    await expectNumber(byTestId(page, 'edge-grad-x.out->q.a'), -4);

    const placements = await page.evaluate((edgeIds) => edgeIds.map((edgeId) => {
      const path = document.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${edgeId}"] .react-flow__edge-path`)!;
      // React Flow writes a wire as one cubic Bézier, "M x,y C x,y x,y x,y". Its point at t = 1/2 is (P0 + 3 P1 + 3 P2 + P3) / 8.
      const numbers = path.getAttribute('d')!.match(/-?\d+(\.\d+)?(e-?\d+)?/g)!.map(Number);
      const middle = new DOMPoint(
        (numbers[0] + 3 * numbers[2] + 3 * numbers[4] + numbers[6]) / 8,
        (numbers[1] + 3 * numbers[3] + 3 * numbers[5] + numbers[7]) / 8,
      ).matrixTransform(path.getScreenCTM()!);
      const zoom = path.getScreenCTM()!.a;
      const value = document.querySelector(`[data-testid="edge-value-${edgeId}"]`)!;
      const gradient = document.querySelector(`[data-testid="edge-grad-${edgeId}"]`)!;
      const above = value.getBoundingClientRect();
      const below = gradient.getBoundingClientRect();
      return {
        edgeId,
        valueCentre: above.left + above.width / 2 - middle.x, valueGap: (middle.y - above.bottom) / zoom,
        gradientCentre: below.left + below.width / 2 - middle.x, gradientGap: (below.top - middle.y) / zoom,
        transforms: [getComputedStyle(value).transform, getComputedStyle(gradient).transform],
      };
    }), Object.keys(ADD_MUL_VALUES));

    for (const placement of placements) {
      // Each label is centred on the wire's middle, the value 4 flow units above it and the gradient 4 below.
      expect(Math.abs(placement.valueCentre), `value label of ${placement.edgeId}`).toBeLessThan(1);
      expect(Math.abs(placement.gradientCentre), `gradient label of ${placement.edgeId}`).toBeLessThan(1);
      expect(placement.valueGap, `value label of ${placement.edgeId}`).toBeCloseTo(4, 0);
      expect(placement.gradientGap, `gradient label of ${placement.edgeId}`).toBeCloseTo(4, 0);
      // Labels without a transform of their own share the paint state of their layer.
      expect(placement.transforms, `labels of ${placement.edgeId}`).toEqual(['none', 'none']);
    }
  });

  test('step back hides a gradient, step forward shows it', async ({ page }) => {
    await openApp(page);
    await playToEnd(page);
    const allGradients = (await shownGradients(page)).sort();
    // Four edges and five nodes carry a gradient at the end of the timeline.
    expect(allGradients).toHaveLength(9);

    await byTestId(page, 'step-back').click();
    await expect.poll(async () => (await shownGradients(page)).length).toBe(allGradients.length - 1);
    for (const [edgeId, value] of Object.entries(ADD_MUL_VALUES)) {
      await expectNumber(byTestId(page, `edge-value-${edgeId}`), value);
    }

    await byTestId(page, 'step-forward').click();
    await expect.poll(async () => (await shownGradients(page)).sort()).toEqual(allGradients);
  });

  test('editing x updates f at once', async ({ page }) => {
    await openApp(page);
    await playToEnd(page);

    await typeValue(page, 'x', '-3');

    // q = −3 + 5 = 2 and f = 2 · (−4) = −8.
    await expectNumber(byTestId(page, 'edge-value-q.out->f.a'), 2);
    await expect.poll(() => nodeOutput(page, 'f')).toBeCloseTo(-8, 3);
  });
});

describe('editing the canvas', () => {
  test('dropped and wired multiply computes', async ({ page }) => {
    await openApp(page);

    // Zooming out once makes room for three more nodes beside the preset.
    await zoomOut(page);
    const multiplySpot = await findEmptySpot(page);
    const multiply = await dropFromPalette(page, 'multiply', multiplySpot);
    const firstSpot = await findEmptySpot(page, [multiplySpot]);
    const first = await dropFromPalette(page, 'input', firstSpot);
    const second = await dropFromPalette(page, 'input', await findEmptySpot(page, [multiplySpot, firstSpot]));
    await typeValue(page, first, '3');
    await typeValue(page, second, '-2');
    await connect(page, first, multiply, 'a');
    await connect(page, second, multiply, 'b');
    await playToEnd(page);

    // out = 3 · (−2) = −6; the mul gate swaps, so a's gradient is b = −2 and b's is a = 3.
    await expect.poll(() => nodeOutput(page, multiply)).toBeCloseTo(-6, 3);
    await expectNumber(byTestId(page, `edge-grad-${first}.out->${multiply}.a`), -2);
    await expectNumber(byTestId(page, `edge-grad-${second}.out->${multiply}.b`), 3);
  });
});

describe('language', () => {
  test('zh-CN switches the UI and persists', async ({ page }) => {
    await openApp(page);
    const language = byTestId(page, 'language');

    if ((await language.evaluate((element) => element.tagName)) === 'SELECT') await language.selectOption('zh-CN');
    else await language.click();

    await expect.poll(() => playLabel(page)).toMatch(CJK);
    await saveScreenshot(page, 'zh-CN');
    await page.reload();
    await page.locator('.react-flow__node').first().waitFor();
    await expect.poll(() => playLabel(page)).toMatch(CJK);
    expect(await byTestId(page, 'palette').textContent()).toMatch(CJK);
    if ((await language.evaluate((element) => element.tagName)) === 'SELECT') expect(await language.inputValue()).toBe('zh-CN');
  });
});

/** Returns the play button's visible text and accessible name; the button may show only an icon. */
async function playLabel(page: Page): Promise<string> {
  const play = byTestId(page, 'play');
  const parts = [await play.textContent(), await play.getAttribute('aria-label'), await play.getAttribute('title')];
  return parts.filter(Boolean).join(' ');
}

describe('files', () => {
  test('malformed import shows error, keeps graph', async ({ page }) => {
    await openApp(page);
    const malformed = JSON.stringify({ format: 'backprop-studio-graph', version: 1, nodes: [{ id: 'a', params: {}, position: { x: 0, y: 0 } }], edges: [] });

    await byTestId(page, 'import-file').setInputFiles({ name: 'malformed.json', mimeType: 'application/json', buffer: Buffer.from(malformed) });

    const error = byTestId(page, 'load-error');
    await error.waitFor();
    // The node lacks its "kind" field, so the message names that field.
    expect(await error.textContent()).toMatch(/kind/);
    expect((await nodeIds(page)).sort()).toEqual(['f', 'q', 'x', 'y', 'z']);
    await expect.poll(() => nodeOutput(page, 'f')).toBeCloseTo(-12, 3);
  });

  test('not-JSON import shows error', async ({ page }) => {
    await openApp(page);

    await byTestId(page, 'import-file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{ this is not JSON') });

    const error = byTestId(page, 'load-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/JSON/);
    expect((await nodeIds(page)).sort()).toEqual(['f', 'q', 'x', 'y', 'z']);
  });

  test('valid import replaces graph', async ({ page }) => {
    await openApp(page);

    await byTestId(page, 'import-file').setInputFiles({ name: 'product.json', mimeType: 'application/json', buffer: Buffer.from(productDocument(2, 7)) });

    await expect.poll(async () => (await nodeIds(page)).sort()).toEqual(['a', 'b', 'm']);
    // m = 2 · 7.
    await expect.poll(() => nodeOutput(page, 'm')).toBeCloseTo(14, 3);
    expect(await byTestId(page, 'load-error').count()).toBe(0);
  });

  test('node ids named like object members', async ({ page }) => {
    await openApp(page);
    const scalar = (value: number) => ({ shape: [], data: [value] });
    const graph = {
      format: 'backprop-studio-graph',
      version: 1,
      nodes: [
        { id: 'constructor', kind: 'input', params: { value: scalar(3) }, position: { x: 0, y: 0 } },
        { id: '__proto__', kind: 'input', params: { value: scalar(-2) }, position: { x: 0, y: 220 } },
        { id: 'valueOf', kind: 'multiply', params: {}, position: { x: 320, y: 100 } },
      ],
      edges: [
        { id: 'e1', source: 'constructor', sourcePort: 'out', target: 'valueOf', targetPort: 'a' },
        { id: 'e2', source: '__proto__', sourcePort: 'out', target: 'valueOf', targetPort: 'b' },
      ],
    };

    await byTestId(page, 'import-file').setInputFiles({ name: 'members.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(graph)) });
    await expect.poll(async () => (await nodeIds(page)).sort()).toEqual(['__proto__', 'constructor', 'valueOf']);
    // valueOf = 3 · (−2).
    await expect.poll(() => nodeOutput(page, 'valueOf')).toBeCloseTo(-6, 3);
    const wirePaths = () => page.locator('.react-flow__edge-path').evaluateAll((paths) => paths.map((path) => path.getAttribute('d') ?? ''));
    await expect.poll(async () => (await wirePaths()).length).toBe(2);
    expect((await wirePaths()).filter((d) => d.includes('NaN'))).toEqual([]);
    expect(await byTestId(page, 'dot-grid').count()).toBe(1);

    // Dragging keeps the node's position in the view state until the drag ends. The node's own
    // transform is its place on the canvas, which a fit of the view after loading does not move.
    const flowY = () => nodeElement(page, 'constructor').evaluate((element) => new DOMMatrix(getComputedStyle(element).transform).m42);
    const viewTransform = () => page.locator('.react-flow__viewport').evaluate((element) => getComputedStyle(element).transform);
    await expect.poll(async () => {
      const first = await viewTransform();
      await page.waitForTimeout(300);
      return first === (await viewTransform());
    }).toBe(true);
    const before = await flowY();
    const box = (await nodeElement(page, 'constructor').boundingBox())!;
    const header = { x: box.x + 20, y: box.y + 12 };
    await dragMouse(page, header, { x: header.x + 40, y: header.y + 60 });
    // 60 pixels are at least 24 canvas units at the canvas's largest zoom, 2.5.
    await expect.poll(flowY).toBeGreaterThan(before + 20);
    expect((await wirePaths()).filter((d) => d.includes('NaN'))).toEqual([]);
    await saveScreenshot(page, 'object-member-ids');
  });

  test('exported file loads back', async ({ page }) => {
    await openApp(page);
    await typeValue(page, 'x', '-3');
    await expect.poll(() => nodeOutput(page, 'f')).toBeCloseTo(-8, 3);

    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'export').click()]);
    const exported = await readFile((await download.path())!, 'utf8');
    const document = JSON.parse(exported);
    expect(document.format).toBe('backprop-studio-graph');
    expect(document.nodes.map((node: { id: string }) => node.id).sort()).toEqual(['f', 'q', 'x', 'y', 'z']);

    // Change x again so that only loading the file can bring back x = −3.
    await typeValue(page, 'x', '7');
    await expect.poll(() => nodeOutput(page, 'f')).toBeCloseTo(-48, 3);
    await byTestId(page, 'import-file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(exported) });

    await expect.poll(() => nodeOutput(page, 'f')).toBeCloseTo(-8, 3);
  });
});

describe('app shell', () => {
  test('#preset=sigmoid-neuron opens that preset', async ({ page }) => {
    await openApp(page, '#preset=sigmoid-neuron');

    expect((await nodeIds(page)).sort()).toEqual(['dot', 'f', 'm0', 'm1', 's', 'w0', 'w1', 'w2', 'x0', 'x1']);
    // f = σ(2·(−1) + (−3)·(−2) + (−3)) = σ(1) = 1 / (1 + e^−1).
    await expect.poll(() => nodeOutput(page, 'f')).toBeCloseTo(1 / (1 + Math.exp(-1)), 2);
  });

  test('status bar names the backend', async ({ page }) => {
    await openApp(page);

    const backend = byTestId(page, 'status-bar').locator('[data-testid="backend"]');
    await expect.poll(() => backend.textContent(), { timeout: 20_000 }).toMatch(/webgl|wasm|cpu/i);
    // Software-rendered WebGL (SwiftShader on a machine without a GPU) is slower than WASM, so the app must pick WASM there.
    if (/swiftshader|llvmpipe|software/i.test(await webglRenderer(page))) {
      expect(await backend.textContent()).toMatch(/wasm/i);
    }
  });
});

/** Returns the renderer string of a fresh WebGL context in the page, or "" without WebGL. */
async function webglRenderer(page: Page): Promise<string> {
  return page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  });
}

/** Writes a graph document by hand: inputs a and b feeding m = a · b. */
function productDocument(a: number, b: number): string {
  const scalar = (value: number) => ({ shape: [], data: [value] });
  return JSON.stringify({
    format: 'backprop-studio-graph',
    version: 1,
    title: 'a · b',
    nodes: [
      { id: 'a', kind: 'input', params: { value: scalar(a) }, position: { x: 0, y: 0 } },
      { id: 'b', kind: 'input', params: { value: scalar(b) }, position: { x: 0, y: 200 } },
      { id: 'm', kind: 'multiply', params: {}, position: { x: 300, y: 100 } },
    ],
    edges: [
      { id: 'a.out->m.a', source: 'a', sourcePort: 'out', target: 'm', targetPort: 'a' },
      { id: 'b.out->m.b', source: 'b', sourcePort: 'out', target: 'm', targetPort: 'b' },
    ],
  });
}
