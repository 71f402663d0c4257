import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { SMALL_WIDTHS, unrolledScalarMlp } from '../../bench/scalar-graph';
import { serializeDocument } from '../../src/engine/document';
import { storageKeys } from '../../src/editor/store/persistence';
import { byTestId } from './app';
import { appUrl, saveScreenshot, test } from './browser';

/** The 1,016-node, 1,297-wire unrolled MLP of the canvas benchmark. */
const graph = unrolledScalarMlp(SMALL_WIDTHS);
/** Zoom from which every graph is drawn in full; below it a graph this large is drawn compact. */
const DETAIL_ZOOM = 0.5;

async function openLargeGraph(page: Page): Promise<void> {
  await page.addInitScript(([key, text]) => localStorage.setItem(key, text), [storageKeys.document, serializeDocument(graph)]);
  await page.goto(appUrl());
  await page.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
}

async function readZoom(page: Page): Promise<number> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport');
    return viewport ? new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a : Number.NaN;
  });
}

/** Clicks the zoom control until the zoom is at least `zoom`, or at most when `direction` is 'out'. */
async function zoomUntil(page: Page, direction: 'in' | 'out', zoom: number): Promise<void> {
  const reached = async () => (direction === 'in' ? (await readZoom(page)) >= zoom : (await readZoom(page)) <= zoom);
  for (let click = 0; click < 20 && !(await reached()); click++) {
    await page.locator(`.react-flow__controls-zoom${direction}`).click();
    await page.waitForTimeout(100);
  }
  expect(await reached()).toBe(true);
}

/** Number of straight segments ("M x y L x y") in the compact wire drawing's unselected-wire path. */
async function compactSegments(page: Page): Promise<number> {
  const path = await byTestId(page, 'compact-wires').locator('path.wire').first().getAttribute('d');
  return (path?.match(/M/g) ?? []).length;
}

describe('large graph drawing', () => {
  test('compact when zoomed out, full at detail zoom', async ({ page }) => {
    await openLargeGraph(page);

    // Fitted into view, the graph is far below the detail zoom: plain boxes and one path of straight wires.
    await expect.poll(() => page.locator('.gate-node.compact').count(), { timeout: 60_000 }).toBe(graph.nodes.length);
    expect(await readZoom(page)).toBeLessThan(DETAIL_ZOOM);
    await expect.poll(() => compactSegments(page), { timeout: 30_000 }).toBe(graph.edges.length);
    expect(await page.locator('.react-flow__edge').count()).toBe(0);
    expect(await page.locator('.port-label').count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid^="node-value-"]').count()).toBe(0);
    expect(await page.locator('.edge-label').count()).toBe(0);
    await saveScreenshot(page, 'large-graph-compact');

    // At detail zoom the nodes in view show their ports, values and gradients, and the wires their labels.
    await zoomUntil(page, 'in', DETAIL_ZOOM);
    await expect.poll(() => page.locator('.gate-node.compact').count(), { timeout: 30_000 }).toBe(0);
    expect(await byTestId(page, 'compact-wires').count()).toBe(0);
    await expect.poll(() => page.locator('.react-flow__edge').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('.port-label').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.edge-label.edge-value').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('.edge-label.edge-grad').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid^="node-value-"]').count()).toBeGreaterThan(0);
    await saveScreenshot(page, 'large-graph-detail');

    // Zooming out again goes back to the compact drawing.
    await zoomUntil(page, 'out', 0.3);
    await expect.poll(() => page.locator('.gate-node.compact').count(), { timeout: 30_000 }).toBe(graph.nodes.length);
    expect(await page.locator('.edge-label').count()).toBe(0);
    await expect.poll(() => compactSegments(page), { timeout: 30_000 }).toBe(graph.edges.length);
  });

  test('compact wires carry the playback pulse', async ({ page }) => {
    await openLargeGraph(page);
    await expect.poll(() => compactSegments(page), { timeout: 60_000 }).toBe(graph.edges.length);
    await expect.poll(() => byTestId(page, 'step-count').textContent(), { timeout: 60_000 }).not.toMatch(/\/ 0$/);

    await byTestId(page, 'play').click();
    await expect.poll(() => byTestId(page, 'compact-wires').locator('[data-testid="edge-pulse"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await byTestId(page, 'play').click();
  });
});
