import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, openApp } from './app';
import { SCREENSHOT_DIR, test } from './browser';

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface ItemLayout {
  kind: string;
  button: Box;
  /** The extent of each label's text as drawn, which may overflow the label's own box. */
  texts: { part: string; box: Box }[];
}

/**
 * Reads where the labels of each item matching `items` are drawn, from a
 * Range over each label's text. `labels` selects an item's labels.
 */
async function itemLayout(page: Page, items: string, labels: string): Promise<ItemLayout[]> {
  return page.locator(items).evaluateAll(
    (elements, labelSelector) =>
      elements.map((element) => {
        const box = (rect: DOMRect) => ({ left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom });
        const texts = [...element.querySelectorAll(labelSelector)].map((label, index) => {
          const range = document.createRange();
          range.selectNodeContents(label);
          return { part: label.className || `label ${index}`, box: box(range.getBoundingClientRect()) };
        });
        return { kind: element.getAttribute('data-testid') ?? '', button: box(element.getBoundingClientRect()), texts };
      }),
    labels,
  );
}

function paletteLayout(page: Page): Promise<ItemLayout[]> {
  return itemLayout(page, '.palette-item', '.palette-symbol, .palette-name, .palette-gloss');
}

/** Returns "kind: a overlaps b" for every pair of labels in one item whose drawn text overlaps, and every label drawn outside its button. */
function overlaps(items: ItemLayout[]): string[] {
  const found: string[] = [];
  const intersect = (a: Box, b: Box) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  for (const item of items) {
    item.texts.forEach((text, index) => {
      for (const other of item.texts.slice(index + 1)) {
        if (intersect(text.box, other.box)) found.push(`${item.kind}: ${text.part} overlaps ${other.part}`);
      }
      const { button } = item;
      if (text.box.left < button.left - 0.5 || text.box.right > button.right + 0.5) found.push(`${item.kind}: ${text.part} leaves the button`);
    });
  }
  return found;
}

async function setProjector(page: Page, on: boolean): Promise<void> {
  await byTestId(page, 'view-menu').click();
  const toggle = byTestId(page, 'projector-toggle');
  await toggle.waitFor();
  await toggle.setChecked(on);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('.overlay-backdrop').count()).toBe(0);
}

describe('palette layout', () => {
  test('labels never overlap in either language', async ({ page }) => {
    await openApp(page, '#preset=add-mul');
    const palette = byTestId(page, 'palette');
    await byTestId(page, 'palette-leaky-relu').waitFor();

    for (const projector of [false, true]) {
      if (projector) await setProjector(page, true);
      for (const language of ['en', 'zh-CN'] as const) {
        await byTestId(page, 'language').selectOption(language);
        if (language === 'zh-CN') await expect.poll(() => byTestId(page, 'palette-leaky-relu').textContent()).toContain('带泄漏线性整流');
        const items = await paletteLayout(page);

        expect(items.length, 'palette items').toBeGreaterThan(20);
        expect(overlaps(items), `${language}, projector ${projector ? 'on' : 'off'}`).toEqual([]);
      }
      await byTestId(page, 'palette-softmax').scrollIntoViewIfNeeded();
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await palette.screenshot({ path: path.join(SCREENSHOT_DIR, `palette-zh${projector ? '-projector' : ''}.png`) });
    }
  });

  test('add-node choices never overlap in Chinese', async ({ page }) => {
    await openApp(page, '#preset=add-mul');
    await byTestId(page, 'language').selectOption('zh-CN');

    for (const projector of [false, true]) {
      if (projector) await setProjector(page, true);
      await page.locator('.react-flow__pane').click({ position: { x: 40, y: 40 } });
      await page.keyboard.press('/');
      await byTestId(page, 'add-node-choice-leaky-relu').waitFor();
      const items = await itemLayout(page, '[data-testid^="add-node-choice-"]', ':scope > span');

      expect(items.length, 'add-node choices').toBeGreaterThan(20);
      expect(overlaps(items), `projector ${projector ? 'on' : 'off'}`).toEqual([]);
      await page.keyboard.press('Escape');
      await expect.poll(() => byTestId(page, 'add-node-choice-leaky-relu').count()).toBe(0);
    }
  });
});
