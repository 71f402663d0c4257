import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, nodeOutput, openApp, typeValue } from './app';
import { appUrl, saveScreenshot, test } from './browser';
import { encodeLink } from '../../src/engine/link';
import { findPreset } from '../../src/presets';

interface Transform {
  x: number;
  y: number;
  zoom: number;
}

/** Reads the canvas pan and zoom from the transform React Flow puts on its viewport element. */
async function readTransform(page: Page): Promise<Transform> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport');
    const matrix = new DOMMatrixReadOnly(viewport ? getComputedStyle(viewport).transform : 'none');
    return { x: matrix.e, y: matrix.f, zoom: matrix.a };
  });
}

/** Returns a point on the empty canvas pane: inside the canvas near its top-left corner, where no node lies. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const box = await byTestId(page, 'canvas').boundingBox();
  if (!box) throw new Error('The canvas is not visible.');
  const point = { x: box.x + 40, y: box.y + 40 };
  const onPane = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.classList.contains('react-flow__pane') ?? false, point);
  expect(onPane, `point (${point.x}, ${point.y}) is on the empty pane`).toBe(true);
  return point;
}

/** The canvas viewport's CSS transform in one animation frame, and how many nodes were visible then. */
interface Frame {
  transform: string;
  shownNodes: number;
}

/**
 * Records the canvas viewport in every animation frame that differs from the
 * one before, from the first script on the page for `milliseconds`, in
 * window.__viewportFrames.
 */
async function recordFramesOnLoad(page: Page, milliseconds: number): Promise<void> {
  await page.addInitScript((duration) => {
    const frames: Frame[] = [];
    (window as unknown as { __viewportFrames: Frame[] }).__viewportFrames = frames;
    const start = performance.now();
    const sample = () => {
      const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
      const nodes = [...document.querySelectorAll('.react-flow__node')];
      const frame = { transform: viewport?.style.transform ?? '', shownNodes: nodes.filter((node) => getComputedStyle(node).visibility !== 'hidden').length };
      const last = frames.at(-1);
      if (frame.transform !== '' && (last?.transform !== frame.transform || last.shownNodes !== frame.shownNodes)) frames.push(frame);
      if (performance.now() - start < duration) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  }, milliseconds);
}

/** Pans by dragging the empty pane, zooms in with the wheel, and returns the transform once the autosave has it. */
async function panAndZoom(page: Page): Promise<Transform> {
  const start = await emptyPanePoint(page);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 90, start.y + 60, { steps: 12 });
  await page.mouse.up();
  await page.mouse.move(start.x + 200, start.y + 150);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => (await readTransform(page)).zoom, { timeout: 10_000 }).not.toBeCloseTo(1, 2);
  await page.waitForTimeout(500);
  const panned = await readTransform(page);

  // The viewport is saved a moment after the pan ends.
  const savedZoom = async () => {
    const text = await page.evaluate(() => localStorage.getItem('backprop-studio.viewport'));
    return text === null ? Number.NaN : (JSON.parse(text) as Transform).zoom;
  };
  await expect.poll(savedZoom, { timeout: 10_000 }).toBeCloseTo(panned.zoom, 3);
  return panned;
}

function expectSameTransform(actual: Transform, expected: Transform): void {
  expect(actual.x).toBeCloseTo(expected.x, 1);
  expect(actual.y).toBeCloseTo(expected.y, 1);
  expect(actual.zoom).toBeCloseTo(expected.zoom, 3);
}

describe('reload', () => {
  test('restores graph, viewport and settings', async ({ page }) => {
    await openApp(page);
    await typeValue(page, 'x', '-3');
    // q = −3 + 5 = 2 and f = 2 · (−4) = −8.
    await expect.poll(() => nodeOutput(page, 'f')).toBeCloseTo(-8, 3);

    const panned = await panAndZoom(page);

    await byTestId(page, 'explanation-toggle').click();
    await byTestId(page, 'speed').selectOption('2');
    await byTestId(page, 'backend-select').selectOption('cpu');
    await expect.poll(() => byTestId(page, 'backend-select').inputValue(), { timeout: 30_000 }).toBe('cpu');
    await byTestId(page, 'language').selectOption('zh-CN');

    await recordFramesOnLoad(page, 4_000);
    await page.reload();
    await page.locator('.react-flow__node').first().waitFor();
    await expect.poll(() => nodeOutput(page, 'f'), { timeout: 30_000 }).toBeCloseTo(-8, 3);
    await page.waitForTimeout(1_500);
    await saveScreenshot(page, 'reload-restores-viewport');

    expectSameTransform(await readTransform(page), panned);
    // No fit-view jump: every frame that showed nodes showed them at the restored transform.
    const frames = await page.evaluate(() => (window as unknown as { __viewportFrames: Frame[] }).__viewportFrames);
    const shownTransforms = new Set(frames.filter((frame) => frame.shownNodes > 0).map((frame) => frame.transform));
    expect([...shownTransforms], JSON.stringify(frames)).toHaveLength(1);

    expect(await byTestId(page, 'language').inputValue()).toBe('zh-CN');
    expect(await byTestId(page, 'explanation-toggle').getAttribute('aria-expanded')).toBe('false');
    expect(await byTestId(page, 'speed').inputValue()).toBe('2');
    await expect.poll(() => byTestId(page, 'backend-select').inputValue(), { timeout: 30_000 }).toBe('cpu');
  });

  test('new graph fits after a restored one', async ({ page }) => {
    await openApp(page);
    const start = await emptyPanePoint(page);
    await page.mouse.move(start.x + 200, start.y + 150);
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(500);
    await page.reload();
    await page.locator('.react-flow__node').first().waitFor();
    const restored = await readTransform(page);

    await byTestId(page, 'preset-menu').selectOption('sigmoid-neuron');
    await expect.poll(async () => (await readTransform(page)).zoom, { timeout: 10_000 }).not.toBeCloseTo(restored.zoom, 3);
  });

  test('reloaded share link keeps its viewport', async ({ page }) => {
    // Opened from a chat: the link stays in the URL until the first edit.
    await page.goto(appUrl(`#${encodeLink(findPreset('sigmoid-neuron')!.build())}`));
    await page.locator('.react-flow__node[data-id="w0"]').waitFor();
    const panned = await panAndZoom(page);

    await page.reload();
    await page.locator('.react-flow__node[data-id="w0"]').waitFor();
    await page.waitForTimeout(1_500);

    expectSameTransform(await readTransform(page), panned);
  });
});
