import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { SMALL_WIDTHS, unrolledScalarMlp } from '../../bench/scalar-graph';
import { serializeDocument, type GraphDocument } from '../../src/engine/document';
import { storageKeys } from '../../src/editor/store/persistence';
import { GraphBuilder } from '../../src/presets/builder';
import { byTestId, centerOf, dragMouse, type Point } from './app';
import { appUrl, saveScreenshot, test } from './browser';

/** The 1,016-node, 1,297-wire unrolled MLP of the canvas benchmark. */
const graph = unrolledScalarMlp(SMALL_WIDTHS);
/** Zoom from which every graph is drawn in full; below it a graph this large is drawn on one canvas. */
const DETAIL_ZOOM = 0.5;
/** Size of a node on the compact canvas, in flow units. */
const BOX = { width: 90, height: 60 };

async function openLargeGraph(page: Page): Promise<void> {
  await page.addInitScript(([key, text]) => {
    // Only the first load: a reload keeps what the test changed.
    if (!sessionStorage.getItem('seeded')) localStorage.setItem(key, text);
    sessionStorage.setItem('seeded', 'yes');
  }, [storageKeys.document, serializeDocument(graph)]);
  await page.goto(appUrl());
  await expect.poll(() => drawnCount(page, 'drawnNodes'), { timeout: 60_000 }).toBe(graph.nodes.length);
}

function drawnCount(page: Page, attribute: 'drawnNodes' | 'drawnWires'): Promise<number> {
  return page.evaluate((name) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="compact-canvas"]');
    return canvas ? Number(canvas.dataset[name] ?? -1) : -1;
  }, attribute);
}

async function readTransform(page: Page): Promise<{ x: number; y: number; zoom: number; left: number; top: number }> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport')!;
    const matrix = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return { x: matrix.e, y: matrix.f, zoom: matrix.a, left: pane.left, top: pane.top };
  });
}

/** Screen point of a spot inside a node's box: its centre unless `at` gives fractions of its size. */
async function nodePoint(page: Page, id: string, at = { x: 0.5, y: 0.5 }): Promise<Point> {
  const node = graph.nodes.find((candidate) => candidate.id === id)!;
  return flowToScreen(page, { x: node.position.x + BOX.width * at.x, y: node.position.y + BOX.height * at.y });
}

async function flowToScreen(page: Page, point: Point): Promise<Point> {
  const view = await readTransform(page);
  return { x: view.left + view.x + point.x * view.zoom, y: view.top + view.y + point.y * view.zoom };
}

/** Middle of the straight wire from `source`'s only output to `target`'s first input, in flow units. */
function wirePoint(source: string, target: string): Point {
  const from = graph.nodes.find((node) => node.id === source)!.position;
  const to = graph.nodes.find((node) => node.id === target)!.position;
  // An output leaves at half height; the first of two inputs enters a third of the way down.
  return { x: (from.x + BOX.width + to.x) / 2, y: (from.y + BOX.height / 2 + to.y + BOX.height / 3) / 2 };
}

async function savedDocument(page: Page): Promise<GraphDocument> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key)!) as GraphDocument, storageKeys.document);
}

/** Clicks the zoom control until the zoom is at least `zoom`, or at most when `direction` is 'out'. */
async function zoomUntil(page: Page, direction: 'in' | 'out', zoom: number): Promise<void> {
  const reached = async () => {
    const current = (await readTransform(page)).zoom;
    return direction === 'in' ? current >= zoom : current <= zoom;
  };
  for (let click = 0; click < 40 && !(await reached()); click++) {
    await page.locator(`.react-flow__controls-zoom${direction}`).click();
    await page.waitForTimeout(100);
  }
  expect(await reached()).toBe(true);
}

/**
 * Finds a point on a rendered wire where the wire is the topmost element, for
 * clicks: the first of 19 points along its SVG path where elementFromPoint
 * returns that wire's element. Returns the wire id and the point in page coordinates.
 */
async function exposedWirePoint(page: Page): Promise<{ id: string; point: Point } | null> {
  return page.evaluate(() => {
    for (const edge of document.querySelectorAll<SVGGElement>('.react-flow__edge')) {
      const path = edge.querySelector<SVGPathElement>('.react-flow__edge-path');
      const matrix = path?.getScreenCTM();
      if (!path || !matrix) continue;
      const length = path.getTotalLength();
      for (let step = 1; step < 20; step++) {
        const local = path.getPointAtLength((length * step) / 20);
        const x = matrix.a * local.x + matrix.c * local.y + matrix.e;
        const y = matrix.b * local.x + matrix.d * local.y + matrix.f;
        const hit = document.elementFromPoint(x, y)?.closest<SVGGElement>('.react-flow__edge');
        if (hit === edge && x > 0 && y > 0) return { id: edge.dataset.id ?? '', point: { x, y } };
      }
    }
    return null;
  });
}

/** Red channel under which a canvas pixel is wire-coloured (#59616f), darker than the grid dots (#91919a) and the white background. */
const WIRE_RED = 125;

/**
 * Reads the wire canvas at 400 grid points (every 24 flow units) near the middle of what it covers,
 * and halfway between them. Counts the grid points in the dots' grey (#91919a), the halfway points
 * in white, and the places where both pixels are opaque.
 */
async function gridPixelsOnCanvas(page: Page): Promise<{ tested: number; dotsOnPoints: number; whiteBetween: number; opaque: number }> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="wire-canvas"]')!;
    const origin = new DOMMatrixReadOnly(canvas.style.transform);
    const scale = canvas.width / parseFloat(canvas.style.width);
    const pixels = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height).data;
    const at = (flowX: number, flowY: number) => {
      const index = (Math.round((flowY - origin.f) * scale) * canvas.width + Math.round((flowX - origin.e) * scale)) * 4;
      return [pixels[index], pixels[index + 1], pixels[index + 2], pixels[index + 3]];
    };
    // A dot's centre can fall between pixels, so the darkest pixel next to the point represents the dot.
    const darkestNear = (flowX: number, flowY: number) => {
      let darkest = at(flowX, flowY);
      for (const dx of [-1, 0, 1]) {
        for (const dy of [-1, 0, 1]) {
          const pixel = at(flowX + dx / scale, flowY + dy / scale);
          if (pixel[0] < darkest[0]) darkest = pixel;
        }
      }
      return darkest;
    };
    const middleX = Math.round((origin.e + canvas.width / scale / 2) / 24) * 24;
    const middleY = Math.round((origin.f + canvas.height / scale / 2) / 24) * 24;
    let tested = 0;
    let dotsOnPoints = 0;
    let whiteBetween = 0;
    let opaque = 0;
    for (let column = -10; column < 10; column++) {
      for (let row = -10; row < 10; row++) {
        const x = middleX + column * 24;
        const y = middleY + row * 24;
        const [red, green, blue] = darkestNear(x, y);
        const alpha = at(x, y)[3];
        const between = at(x + 12, y + 12);
        tested++;
        if (Math.abs(red - 0x91) <= 12 && Math.abs(green - 0x91) <= 12 && Math.abs(blue - 0x9a) <= 12) dotsOnPoints++;
        if (between[0] === 255 && between[1] === 255 && between[2] === 255) whiteBetween++;
        if (alpha === 255 && between[3] === 255) opaque++;
      }
    }
    return { tested, dotsOnPoints, whiteBetween, opaque };
  });
}

/**
 * Counts how many of 19 points along each rendered wire's SVG path have a
 * wire-coloured pixel on the wire canvas within 2 pixels, and how many points were tested.
 */
async function wirePixelsOnCanvas(page: Page): Promise<{ painted: number; tested: number }> {
  return page.evaluate((wireRed) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="wire-canvas"]')!;
    const rect = canvas.getBoundingClientRect();
    const pixels = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height);
    const scale = canvas.width / rect.width;
    let painted = 0;
    let tested = 0;
    for (const path of document.querySelectorAll<SVGPathElement>('.react-flow__edge-path')) {
      const matrix = path.getScreenCTM();
      if (!matrix) continue;
      const length = path.getTotalLength();
      for (let step = 1; step < 20; step++) {
        const local = path.getPointAtLength((length * step) / 20);
        const column = Math.round((matrix.a * local.x + matrix.c * local.y + matrix.e - rect.left) * scale);
        const row = Math.round((matrix.b * local.x + matrix.d * local.y + matrix.f - rect.top) * scale);
        if (column < 2 || row < 2 || column >= canvas.width - 2 || row >= canvas.height - 2) continue;
        tested++;
        let found = false;
        for (let dy = -2; dy <= 2; dy++) {
          for (let dx = -2; dx <= 2; dx++) {
            const index = ((row + dy) * canvas.width + column + dx) * 4;
            if (pixels.data[index + 3] > 0 && pixels.data[index] < wireRed) found = true;
          }
        }
        if (found) painted++;
      }
    }
    return { painted, tested };
  }, WIRE_RED);
}

/** Visibility of each rendered wire's SVG path, by wire id. */
function pathVisibility(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll<SVGGElement>('.react-flow__edge')].map((edge) => [
    edge.dataset.id ?? '',
    getComputedStyle(edge.querySelector('.react-flow__edge-path')!).visibility,
  ])));
}

/** Downloads the graph's image through the Export as… menu and returns the file's bytes. */
async function exportImage(page: Page, format: 'png' | 'svg'): Promise<Buffer> {
  await byTestId(page, 'export-menu').click();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), byTestId(page, `export-${format}`).click()]);
  return readFile((await download.path())!);
}

/**
 * Returns the frame an exported image shows, worked out from the node positions.
 * It contains every 90 × 60 node with 8 % of the nodes' span around them, at 1.5
 * pixels per flow unit or less, so that the longer side is at most 4,096 pixels.
 */
function expectedFrame(): { x: number; y: number; scale: number; width: number; height: number } {
  const xs = graph.nodes.map((node) => node.position.x);
  const ys = graph.nodes.map((node) => node.position.y);
  const span = { width: Math.max(...xs) + BOX.width - Math.min(...xs), height: Math.max(...ys) + BOX.height - Math.min(...ys) };
  const frame = { width: span.width * 1.16, height: span.height * 1.16 };
  const scale = Math.min(1.5, 4096 / Math.max(frame.width, frame.height));
  return {
    x: Math.min(...xs) - span.width * 0.08, y: Math.min(...ys) - span.height * 0.08, scale,
    width: Math.floor(frame.width * scale), height: Math.floor(frame.height * scale),
  };
}

describe('large graph drawing', () => {
  test('canvas zoomed out, full in detail', async ({ page }) => {
    await openLargeGraph(page);

    // Fitted into view, the whole graph is drawn on the canvas and React Flow has no node or wire.
    const fitted = (await readTransform(page)).zoom;
    expect(fitted).toBeLessThan(DETAIL_ZOOM);
    expect(await drawnCount(page, 'drawnWires')).toBe(graph.edges.length);
    expect(await page.locator('.react-flow__node').count()).toBe(0);
    expect(await page.locator('.react-flow__edge').count()).toBe(0);
    expect(await byTestId(page, 'overview').getAttribute('data-drawn-nodes')).toBe(String(graph.nodes.length));
    await saveScreenshot(page, 'large-graph-compact');

    // At detail zoom the nodes in view show their ports, values and gradients, and the wires their labels.
    await zoomUntil(page, 'in', DETAIL_ZOOM);
    await expect.poll(() => byTestId(page, 'compact-canvas').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('.react-flow__node').count()).toBeLessThan(graph.nodes.length);
    await expect.poll(() => page.locator('.edge-label.edge-value').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('.edge-label.edge-grad').count()).toBeGreaterThan(0);
    expect(await page.locator('.port-label').count()).toBeGreaterThan(0);
    await saveScreenshot(page, 'large-graph-detail');

    // Zooming out again goes back to the canvas, and the fit button fits the whole graph again.
    await zoomUntil(page, 'out', 0.3);
    await expect.poll(() => drawnCount(page, 'drawnNodes'), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('.react-flow__node').count()).toBe(0);
    await page.locator('.react-flow__controls-fitview').click();
    await expect.poll(async () => (await readTransform(page)).zoom, { timeout: 10_000 }).toBeCloseTo(fitted, 2);
  });

  test('canvas nodes select, drag and delete', async ({ page }) => {
    await openLargeGraph(page);
    const id = 'l1n0z';
    const before = graph.nodes.find((node) => node.id === id)!.position;

    // A click selects the node: the inspector shows its formula.
    const centre = await nodePoint(page, id);
    await page.mouse.click(centre.x, centre.y);
    await expect.poll(() => byTestId(page, 'inspector').textContent()).toContain(id);

    // Dragging it moves it in the document by the pointer's travel divided by the zoom.
    const { zoom } = await readTransform(page);
    await dragMouse(page, centre, { x: centre.x + 60, y: centre.y + 30 });
    await expect.poll(async () => (await savedDocument(page)).nodes.find((node) => node.id === id)!.position.x, { timeout: 10_000 })
      .toBeCloseTo(before.x + 60 / zoom, -1);
    const moved = (await savedDocument(page)).nodes.find((node) => node.id === id)!.position;
    expect(moved.y).toBeCloseTo(before.y + 30 / zoom, -1);
    await saveScreenshot(page, 'large-graph-dragged');

    // Escape during a drag puts the node back, and the release records no move.
    const from = await flowToScreen(page, { x: moved.x + BOX.width / 2, y: moved.y + BOX.height / 2 });
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 70, from.y + 40, { steps: 6 });
    await page.keyboard.press('Escape');
    await page.mouse.move(from.x + 90, from.y + 50, { steps: 2 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect((await savedDocument(page)).nodes.find((node) => node.id === id)!.position).toEqual(moved);

    // Right-clicking it opens the node menu.
    const movedCentre = await flowToScreen(page, { x: moved.x + BOX.width / 2, y: moved.y + BOX.height / 2 });
    await page.mouse.click(movedCentre.x, movedCentre.y, { button: 'right' });
    await byTestId(page, 'context-menu-node').waitFor();
    await page.keyboard.press('Escape');

    // Shift-click adds a node to the selection, and Delete removes both even when a field had the focus.
    await page.getByTestId('speed').focus();
    const second = await nodePoint(page, 'l1n0h');
    await page.keyboard.down('Shift');
    await page.mouse.click(second.x, second.y);
    await page.keyboard.up('Shift');
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await savedDocument(page)).nodes.length, { timeout: 10_000 }).toBe(graph.nodes.length - 2);
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(async () => (await savedDocument(page)).nodes.length, { timeout: 10_000 }).toBe(graph.nodes.length);

    // A drag that starts on a wire between nodes pans the view.
    const wireMiddle = await flowToScreen(page, wirePoint('x0', 'l1n0m0'));
    const panned = (await readTransform(page)).x;
    await dragMouse(page, wireMiddle, { x: wireMiddle.x + 80, y: wireMiddle.y + 20 });
    await expect.poll(async () => (await readTransform(page)).x).toBeGreaterThan(panned + 40);

    // Clicking empty canvas clears the selection, and Shift with a drag selects the nodes in a box,
    // which Delete then removes.
    const empty = await flowToScreen(page, { x: -200, y: -200 });
    await page.mouse.click(empty.x, empty.y);
    await expect.poll(() => byTestId(page, 'inspector').textContent()).not.toContain(id);
    const corner = await nodePoint(page, 'x0', { x: -0.2, y: -0.2 });
    const opposite = await nodePoint(page, 'x3', { x: 1.2, y: 1.2 });
    await page.keyboard.down('Shift');
    await dragMouse(page, corner, opposite);
    await page.keyboard.up('Shift');
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await savedDocument(page)).nodes.length, { timeout: 10_000 }).toBe(graph.nodes.length - 4);
    expect((await savedDocument(page)).nodes.some((node) => ['x0', 'x1', 'x2', 'x3'].includes(node.id))).toBe(false);
    await expect.poll(() => drawnCount(page, 'drawnNodes')).toBe(graph.nodes.length - 4);

    // A double-click zooms in on a node, where it is drawn in full.
    const target = await nodePoint(page, 'l2n0z');
    await page.mouse.dblclick(target.x, target.y);
    await expect.poll(async () => (await readTransform(page)).zoom, { timeout: 10_000 }).toBeGreaterThanOrEqual(DETAIL_ZOOM);
    await byTestId(page, 'node-l2n0z').waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'large-graph-zoomed-to-node');
  });

  test('wires on a canvas in detail', async ({ page }) => {
    await openLargeGraph(page);
    const target = await nodePoint(page, 'l2n0z');
    await page.mouse.dblclick(target.x, target.y);
    await byTestId(page, 'node-l2n0z').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('.react-flow__edge').count(), { timeout: 30_000 }).toBeGreaterThan(0);

    // The canvas paints each wire along the path React Flow computed for it, and the paths themselves are hidden.
    await expect.poll(async () => (await wirePixelsOnCanvas(page)).painted, { timeout: 10_000 }).toBeGreaterThan(0);
    const pixels = await wirePixelsOnCanvas(page);
    expect(pixels.tested).toBeGreaterThan(100);
    expect(pixels.painted).toBe(pixels.tested);
    expect(new Set(Object.values(await pathVisibility(page)))).toEqual(new Set(['hidden']));
    await saveScreenshot(page, 'large-graph-wire-canvas');

    // The canvas also draws the dotted background, opaque, in place of the grid element.
    expect(await byTestId(page, 'dot-grid').count()).toBe(0);
    const grid = await gridPixelsOnCanvas(page);
    expect(grid.tested).toBe(400);
    expect(grid.opaque).toBe(grid.tested);
    // Wires cross some of the places, so most of them, not all, show the dot or the white.
    expect(grid.dotsOnPoints).toBeGreaterThan(grid.tested * 0.6);
    expect(grid.whiteBetween).toBeGreaterThan(grid.tested * 0.6);
    // The canvas starts on a whole device pixel and its bitmap has its size on screen, so it shows pixel for pixel.
    const placement = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="wire-canvas"]')!;
      const box = canvas.getBoundingClientRect();
      const ratio = window.devicePixelRatio;
      return { left: box.left * ratio, top: box.top * ratio, width: box.width * ratio, height: box.height * ratio, bitmapWidth: canvas.width, bitmapHeight: canvas.height };
    });
    expect(placement.left).toBeCloseTo(Math.round(placement.left), 2);
    expect(placement.top).toBeCloseTo(Math.round(placement.top), 2);
    expect(placement.width).toBeCloseTo(placement.bitmapWidth, 2);
    expect(placement.height).toBeCloseTo(placement.bitmapHeight, 2);

    // A click on a wire's hidden path selects the wire, whose path then shows over the canvas.
    const wire = await exposedWirePoint(page);
    expect(wire).not.toBeNull();
    await page.mouse.click(wire!.point.x, wire!.point.y);
    await expect.poll(() => page.locator(`.react-flow__edge.selected[data-id="${wire!.id}"]`).count()).toBe(1);
    expect((await pathVisibility(page))[wire!.id]).toBe('visible');

    // A right-click on it opens the wire menu.
    await page.mouse.click(wire!.point.x, wire!.point.y, { button: 'right' });
    await byTestId(page, 'context-menu-edge').waitFor();
    await page.keyboard.press('Escape');

    // While a node is dragged, its wires show their paths, and the canvas leaves them out.
    const header = await centerOf(byTestId(page, 'node-l2n0z').locator('.gate-header'));
    await page.mouse.move(header.x, header.y);
    await page.mouse.down();
    await page.mouse.move(header.x + 10, header.y + 10, { steps: 2 });
    await page.mouse.move(header.x + 40, header.y + 30, { steps: 5 });
    const moving = await page.evaluate(() => [...document.querySelectorAll('.react-flow__edge-path.moving')].map((path) => path.closest<SVGGElement>('.react-flow__edge')!.dataset.id ?? ''));
    const wiresOfNode = graph.edges.filter((edge) => edge.source === 'l2n0z' || edge.target === 'l2n0z').map((edge) => edge.id);
    expect(moving.length).toBeGreaterThan(0);
    expect(wiresOfNode).toEqual(expect.arrayContaining(moving));
    const visibility = await pathVisibility(page);
    for (const id of moving) expect(visibility[id]).toBe('visible');
    // A backdrop under the dragged nodes keeps them one composited layer rather than one layer each.
    const backdrop = () => page.locator('.react-flow__nodes').evaluate((element) => getComputedStyle(element, '::before').content);
    expect(await backdrop()).not.toBe('none');
    await saveScreenshot(page, 'large-graph-wire-canvas-drag');
    await page.mouse.up();
    await expect.poll(() => page.locator('.react-flow__edge-path.moving').count()).toBe(0);
    expect(await backdrop()).toBe('none');
    await expect.poll(async () => {
      const after = await wirePixelsOnCanvas(page);
      return after.painted === after.tested;
    }, { timeout: 10_000 }).toBe(true);

    // A drag on empty pane pans the view, and afterwards a click on a node selects it again.
    const empty = await page.evaluate(() => {
      const pane = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
      for (let y = pane.top + 20; y < pane.bottom - 20; y += 10) {
        for (let x = pane.left + 20; x < pane.right - 20; x += 10) {
          if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
        }
      }
      return null;
    });
    expect(empty).not.toBeNull();
    const before = await readTransform(page);
    // The pane captures the pointer while it pans, so the moves skip hit-testing the graph, and releases it at the end.
    await page.evaluate(() => {
      const pane = document.querySelector('.react-flow__pane')!;
      const events: string[] = [];
      (window as unknown as { paneCaptureEvents: string[] }).paneCaptureEvents = events;
      pane.addEventListener('gotpointercapture', () => events.push('got'));
      pane.addEventListener('lostpointercapture', () => events.push('lost'));
    });
    const captureEvents = () => page.evaluate(() => (window as unknown as { paneCaptureEvents: string[] }).paneCaptureEvents);
    await page.mouse.move(empty!.x, empty!.y);
    await page.mouse.down();
    await page.mouse.move(empty!.x + 5, empty!.y + 5, { steps: 2 });
    await expect.poll(captureEvents).toEqual(['got']);
    await page.mouse.move(empty!.x + 120, empty!.y + 60, { steps: 15 });
    await page.mouse.up();
    await expect.poll(captureEvents).toEqual(['got', 'lost']);
    await expect.poll(async () => (await readTransform(page)).x).toBeGreaterThan(before.x + 60);
    expect((await readTransform(page)).y).toBeGreaterThan(before.y + 30);
    expect(await page.locator('.react-flow__pane.dragging').count()).toBe(0);
    // The dotted background is opaque after the pan too, so the compositor can skip what lies under it.
    await expect.poll(async () => {
      const after = await gridPixelsOnCanvas(page);
      return after.opaque === after.tested;
    }).toBe(true);
    const other = await page.evaluate(() => {
      for (const node of document.querySelectorAll<HTMLElement>('.react-flow__node:not(.selected)')) {
        const header = node.querySelector('.gate-header')!.getBoundingClientRect();
        const point = { x: header.left + header.width / 2, y: header.top + header.height / 2 };
        if (document.elementFromPoint(point.x, point.y)?.closest('.react-flow__node') === node) return { id: node.dataset.id ?? '', point };
      }
      return null;
    });
    expect(other).not.toBeNull();
    const otherId = other!.id;
    // The first click right after the pan selects the node. Selecting a node renders its formula in the
    // inspector, which can take seconds for a node deep in the graph.
    await page.mouse.click(other!.point.x, other!.point.y);
    await expect.poll(() => page.locator(`.react-flow__node.selected[data-id="${otherId}"]`).count(), { timeout: 20_000 }).toBe(1);
  });

  test('canvas marks the active step', async ({ page }) => {
    await openLargeGraph(page);
    await expect.poll(() => byTestId(page, 'step-count').textContent(), { timeout: 60_000 }).not.toMatch(/\/ 0$/);
    await byTestId(page, 'play').click();
    await expect.poll(() => byTestId(page, 'compact-canvas').getAttribute('data-active-node'), { timeout: 30_000 }).toMatch(/.+/);
    // Dots travel the active step's wires.
    await expect.poll(() => page.locator('.compact-pulses [data-testid="edge-pulse"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await saveScreenshot(page, 'large-graph-playing');
    await byTestId(page, 'play').click();
  });

  test('image export of every node', async ({ page }) => {
    await openLargeGraph(page);
    const frame = expectedFrame();

    // Zoomed out, where the compact canvas draws the graph, a PNG shows the whole graph.
    const png = await exportImage(page, 'png');
    // A PNG's width and height are the big-endian numbers at bytes 16 and 20 of its header.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([frame.width, frame.height]);
    const boxes = ['x0', 'l1n0w0', 'l2n7h', 'l3n2z', `out${SMALL_WIDTHS.at(-1)! - 1}`].map((id) => {
      const { position } = graph.nodes.find((node) => node.id === id)!;
      // The middle of the node's left side, where its border runs.
      return { id, x: (position.x - frame.x) * frame.scale, y: (position.y + BOX.height / 2 - frame.y) * frame.scale };
    });
    const pixels = await page.evaluate(async ({ data, points }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      context.drawImage(image, 0, 0);
      const red = (x: number, y: number) => context.getImageData(x, y, 1, 1).data[0];
      // The border is 1.5 pixels wide, so the darkest pixel within a pixel of the side stands for it.
      const darkest = points.map(({ id, x, y }) => {
        let value = 255;
        for (let dx = -1; dx <= 1; dx++) value = Math.min(value, red(Math.round(x) + dx, Math.round(y)));
        return [id, value] as const;
      });
      return { darkest, corner: red(3, 3) };
    }, { data: png.toString('base64'), points: boxes });
    for (const [id, red] of pixels.darkest) expect(red, `border of node ${id}`).toBeLessThan(200);
    expect(pixels.corner).toBe(255);

    // In detail, where the canvas mounts only the nodes in view, an SVG shows every node and wire.
    await zoomUntil(page, 'in', 1);
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const svg = (await exportImage(page, 'svg')).toString('utf8');
    const parsed = await page.evaluate((text) => {
      const root = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
      const wires = root.querySelector('path')?.getAttribute('d') ?? '';
      return {
        name: root.nodeName, errors: root.getElementsByTagName('parsererror').length,
        rects: root.querySelectorAll('rect').length, texts: root.querySelectorAll('text').length,
        wires: wires.split('M').length - 1, width: root.getAttribute('width'),
      };
    }, svg);
    expect(parsed).toEqual({ name: 'svg', errors: 0, rects: graph.nodes.length + 1, texts: graph.nodes.length, wires: graph.edges.length, width: String(frame.width) });
  });

  test('image export fits long symbols', async ({ page }) => {
    // 145 inputs and one node of each kind with a long symbol: 150 nodes, so the image is drawn from the document.
    const builder = new GraphBuilder('long symbols');
    for (let index = 0; index < 145; index++) builder.value(`x${index}`, 'input', 1, (index % 15) * 150, Math.floor(index / 15) * 100);
    ['mean', 'leaky-relu', 'elastic-net', 'relu', 'copy'].forEach((kind, index) => builder.node(kind, kind, {}, index * 150, 1100));
    await page.addInitScript(([key, text]) => localStorage.setItem(key, text), [storageKeys.document, serializeDocument(builder.build())]);
    await page.goto(appUrl());
    await expect.poll(() => drawnCount(page, 'drawnNodes'), { timeout: 60_000 }).toBeGreaterThan(0);

    const svg = (await exportImage(page, 'svg')).toString('utf8');
    // Chromium lays out the exported SVG, and each symbol's drawn box must lie inside its node's box, 4 units from each side.
    const overflows = await page.evaluate((text) => {
      const root = document.body.appendChild(document.importNode(new DOMParser().parseFromString(text, 'image/svg+xml').documentElement, true)) as unknown as SVGSVGElement;
      const boxes = [...root.querySelectorAll<SVGRectElement>('g rect')].map((rect) => rect.getBBox());
      return [...root.querySelectorAll<SVGTextElement>('text')].flatMap((symbol) => {
        const drawn = symbol.getBBox();
        const box = boxes.find((candidate) => drawn.x + drawn.width / 2 > candidate.x && drawn.x + drawn.width / 2 < candidate.x + candidate.width && drawn.y + drawn.height / 2 > candidate.y && drawn.y + drawn.height / 2 < candidate.y + candidate.height);
        const fits = box && drawn.x >= box.x + 3.5 && drawn.x + drawn.width <= box.x + box.width - 3.5;
        return fits ? [] : [`${symbol.textContent} ${drawn.width.toFixed(1)} wide`];
      });
    }, svg);
    expect(overflows).toEqual([]);
    expect(svg).toContain('>L1+L2</text>');
    expect(svg).toContain('>mean</text>');
  });
});
