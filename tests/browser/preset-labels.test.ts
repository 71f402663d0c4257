import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { openApp } from './app';
import { saveScreenshot, test } from './browser';

/** Returns "label@node" for each wire label whose box overlaps a node's box by more than a pixel each way. */
async function labelsOverNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll('.react-flow__node')].map((element) => ({ id: element.getAttribute('data-id'), box: element.getBoundingClientRect() }));
    const labels = [...document.querySelectorAll('.edge-label')].map((element) => ({ text: element.textContent, box: element.getBoundingClientRect() }));
    const overlaps: string[] = [];
    for (const label of labels) {
      for (const node of nodes) {
        const across = Math.min(label.box.right, node.box.right) - Math.max(label.box.left, node.box.left);
        const down = Math.min(label.box.bottom, node.box.bottom) - Math.max(label.box.top, node.box.top);
        if (across > 1 && down > 1) overlaps.push(`${label.text}@${node.id}`);
      }
    }
    return overlaps;
  });
}

describe('preset wire labels', () => {
  for (const presetId of ['linear-svm', 'mlp2']) {
    test(`${presetId} labels clear of nodes`, async ({ page }) => {
      await page.setViewportSize({ width: 2560, height: 1300 });
      await openApp(page, `#preset=${presetId}`);
      // Zoomed in on the first layer, where the weights, the bias and the wire of the labels meet the chain.
      const canvas = (await page.locator('.react-flow').boundingBox())!;
      await page.mouse.move(canvas.x + canvas.width * 0.3, canvas.y + canvas.height * 0.5);
      for (let step = 0; step < 12; step++) {
        await page.mouse.wheel(0, -100);
        await page.waitForTimeout(60);
      }
      await page.waitForTimeout(800);
      expect(await page.locator('.edge-label').count(), 'labels in view').toBeGreaterThan(10);
      expect(await labelsOverNodes(page)).toEqual([]);
      await saveScreenshot(page, `preset-labels-${presetId}`);
    });
  }
});
