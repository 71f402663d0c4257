import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, openApp } from './app';
import { saveScreenshot, test } from './browser';
import { nodeBoxes, overlappingPairs } from './node-boxes';

/** Opens the add-mul preset and turns projector mode on from the View menu. */
async function openInProjectorMode(page: Page): Promise<void> {
  await openApp(page, '#preset=add-mul');
  await byTestId(page, 'view-menu').click();
  await byTestId(page, 'projector-toggle').check();
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('html').getAttribute('data-projector')).toBe('on');
}

describe('projector mode layout', () => {
  test('no preset has overlapping nodes', async ({ page }) => {
    await openInProjectorMode(page);

    const menu = byTestId(page, 'preset-menu');
    const presetIds = await menu.locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value).filter(Boolean));
    expect(presetIds.length, 'presets in the menu').toBeGreaterThan(15);

    const found: Record<string, string[]> = {};
    for (const id of presetIds) {
      await menu.selectOption(id);
      await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#preset=${id}`);
      await page.locator('.react-flow__node').first().waitFor();
      // React Flow hides a node until it has measured it.
      await expect.poll(() => page.locator('.react-flow__node[style*="visibility: hidden"]').count(), { timeout: 10_000 }).toBe(0);
      const pairs = overlappingPairs(await nodeBoxes(page));
      if (pairs.length > 0) found[id] = pairs;
      if (id === 'sigmoid-gates' || id === 'gate-patterns') await saveScreenshot(page, `projector-${id}`);
    }
    expect(found).toEqual({});
  });

  test('presets with a lecture view open in view', async ({ page }) => {
    await openInProjectorMode(page);

    const outside: Record<string, string[]> = {};
    for (const id of ['knn', 'polar-features', 'linear-svm']) {
      await byTestId(page, 'preset-menu').selectOption(id);
      await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#preset=${id}`);
      await page.locator('.react-flow__node').first().waitFor();
      await expect.poll(() => page.locator('.react-flow__node[style*="visibility: hidden"]').count(), { timeout: 10_000 }).toBe(0);
      // The lecture view's panel settles after the first fit, and the view follows it.
      await page.waitForTimeout(1000);
      const pane = (await page.locator('.react-flow__pane').boundingBox())!;
      const cut = (await nodeBoxes(page)).filter((box) => box.left < pane.x - 1 || box.top < pane.y - 1 || box.right > pane.x + pane.width + 1 || box.bottom > pane.y + pane.height + 1);
      if (cut.length > 0) outside[id] = cut.map((box) => box.id);
      await saveScreenshot(page, `projector-open-${id}`);
    }
    expect(outside).toEqual({});
  });
});
