import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, openApp } from './app';
import { saveScreenshot, test } from './browser';

/** Counts the overview's painted pixels: the nodes' canvas is blank until the overview draws the graph. */
function paintedPixels(page: Page): Promise<number> {
  return byTestId(page, 'overview')
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let index = 3; index < data.length; index += 4) if (data[index] > 0) painted++;
      return painted;
    });
}

async function paneSize(page: Page): Promise<{ width: number; height: number }> {
  return page.locator('.react-flow').first().evaluate((pane) => ({ width: pane.clientWidth, height: pane.clientHeight }));
}

describe('overview in small panes', () => {
  for (const preset of ['knn', 'linear-svm']) {
    test(`hidden at 640×480 with ${preset}`, async ({ page }) => {
      await page.setViewportSize({ width: 640, height: 480 });
      await openApp(page, `#preset=${preset}`);
      const pane = await paneSize(page);
      // The overview is 160 × 110 pixels. It needs a pane 2.5 times that in each direction and ten times its area.
      const small = pane.width < 400 || pane.height < 275 || pane.width * pane.height < 176_000;
      expect(small, `pane ${JSON.stringify(pane)} too small for the overview`).toBe(true);

      await expect.poll(() => byTestId(page, 'overview').count(), { timeout: 10_000 }).toBe(0);
      expect(await page.locator('.overview').count(), 'no empty overview box').toBe(0);
      await saveScreenshot(page, `overview-hidden-${preset}`);
    });
  }

  test('shown again when the window grows', async ({ page }) => {
    await page.setViewportSize({ width: 640, height: 480 });
    await openApp(page, '#preset=knn');
    await expect.poll(() => byTestId(page, 'overview').count(), { timeout: 10_000 }).toBe(0);

    await page.setViewportSize({ width: 1400, height: 900 });
    await byTestId(page, 'overview').waitFor({ timeout: 30_000 });
    const box = await byTestId(page, 'overview').boundingBox();
    expect(box?.width).toBeCloseTo(160, 0);
    expect(box?.height).toBeCloseTo(110, 0);
    await expect.poll(() => paintedPixels(page), { timeout: 10_000 }).toBeGreaterThan(0);
    await saveScreenshot(page, 'overview-shown-1400');

    await page.setViewportSize({ width: 640, height: 480 });
    await expect.poll(() => byTestId(page, 'overview').count(), { timeout: 10_000 }).toBe(0);
  });

  for (const preset of ['knn', 'linear-svm']) {
    test(`shown at 1400×900 with ${preset}`, async ({ page }) => {
      await page.setViewportSize({ width: 1400, height: 900 });
      await openApp(page, `#preset=${preset}`);
      await byTestId(page, 'overview').waitFor({ timeout: 30_000 });
      await expect.poll(() => paintedPixels(page), { timeout: 10_000 }).toBeGreaterThan(0);
      await saveScreenshot(page, `overview-shown-${preset}`);
    });
  }
});
