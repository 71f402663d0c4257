import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, nodeElement, nodeIds, openApp } from './app';
import { saveScreenshot, test } from './browser';

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

/** Reads the on-screen box of the first element matching `selector`, or null when none is drawn. */
async function boxOf(page: Page, selector: string): Promise<Box | null> {
  const element = page.locator(selector).first();
  if ((await element.count()) === 0) return null;
  return element.evaluate((node) => {
    const { left, top, right, bottom, width, height } = node.getBoundingClientRect();
    return { left, top, right, bottom, width, height };
  });
}

async function requireBox(page: Page, selector: string): Promise<Box> {
  const box = await boxOf(page, selector);
  if (!box) throw new Error(`Nothing matching ${selector} is on the page.`);
  return box;
}

function insideWindow(box: Box, width: number, height: number): boolean {
  return box.left >= -0.5 && box.top >= -0.5 && box.right <= width + 0.5 && box.bottom <= height + 0.5;
}

const labels = {
  en: { palette: 'Nodes', inspector: 'Inspector', training: 'Training' },
  'zh-CN': { palette: '节点', inspector: '检查器', training: '训练' },
} as const;

const languages = ['en', 'zh-CN'] as const;

async function openAt(page: Page, width: number, height: number, hash: string, language: 'en' | 'zh-CN'): Promise<void> {
  await page.setViewportSize({ width, height });
  await openApp(page, hash);
  await byTestId(page, 'language').selectOption(language);
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);
}

/** Checks the boxes every window size shares: toolbar, explanation, canvas, timeline and status bar stack without overlapping. */
async function expectStacked(page: Page, width: number, height: number): Promise<Box> {
  const toolbar = await requireBox(page, '.toolbar');
  const explanation = await requireBox(page, '.explanation');
  const canvas = await requireBox(page, '[data-testid="canvas"]');
  const timeline = await requireBox(page, '[data-testid="timeline"]');
  const status = await requireBox(page, '.status-bar');

  for (const [name, box] of Object.entries({ toolbar, explanation, canvas, timeline, status })) {
    expect(insideWindow(box, width, height), `${name} ${JSON.stringify(box)} inside ${width} × ${height}`).toBe(true);
  }
  expect(explanation.top, 'explanation below the toolbar').toBeGreaterThanOrEqual(toolbar.bottom - 0.5);
  expect(explanation.bottom, 'explanation above the canvas').toBeLessThanOrEqual(canvas.top + 0.5);
  expect(canvas.bottom, 'canvas above the timeline').toBeLessThanOrEqual(timeline.top + 0.5);
  expect(timeline.bottom, 'timeline above the status bar').toBeLessThanOrEqual(status.top + 0.5);

  // A longer explanation scrolls inside its own box instead of running over the canvas.
  const scrolls = await page.locator('.explanation').evaluate((element) => getComputedStyle(element).overflowY);
  expect(['auto', 'scroll'], 'explanation scrolls within its box').toContain(scrolls);
  return canvas;
}

describe('narrow window layout', () => {
  for (const language of languages) {
    test(`640 × 480 keeps the canvas, ${language}`, async ({ page }) => {
      await openAt(page, 640, 480, '#preset=sigmoid-gates', language);
      await expect.poll(() => byTestId(page, 'explanation').textContent()).not.toBe('');

      const canvas = await expectStacked(page, 640, 480);
      expect(canvas.width, 'canvas width').toBeGreaterThanOrEqual(0.8 * 640);
      expect(canvas.width * canvas.height, 'canvas area').toBeGreaterThanOrEqual(0.5 * 640 * 480);
      expect(await byTestId(page, 'palette').count(), 'palette closed').toBe(0);
      expect(await byTestId(page, 'inspector').count(), 'inspector closed').toBe(0);

      const paletteToggle = byTestId(page, 'drawer-toggle-palette');
      const inspectorToggle = byTestId(page, 'drawer-toggle-inspector');
      expect(await paletteToggle.textContent()).toBe(labels[language].palette);
      expect(await inspectorToggle.textContent()).toBe(labels[language].inspector);
      expect(insideWindow(await requireBox(page, '[data-testid="drawer-toggle-palette"]'), 640, 480)).toBe(true);
      expect(insideWindow(await requireBox(page, '[data-testid="drawer-toggle-inspector"]'), 640, 480)).toBe(true);
      await saveScreenshot(page, `narrow-640-${language}`);

      // The palette opens over the canvas, and a kind dragged from it lands on the canvas beside it.
      await paletteToggle.click();
      const palette = await requireBox(page, '[data-testid="palette"]');
      expect(insideWindow(palette, 640, 480), `palette ${JSON.stringify(palette)}`).toBe(true);
      expect(palette.left, 'palette over the canvas').toBeGreaterThanOrEqual(canvas.left - 0.5);
      expect(palette.right, 'palette leaves room to drop').toBeLessThan(canvas.right - 150);
      await saveScreenshot(page, `narrow-640-palette-${language}`);

      const before = new Set(await nodeIds(page));
      await byTestId(page, 'palette-exp').scrollIntoViewIfNeeded();
      const source = await requireBox(page, '[data-testid="palette-exp"]');
      // Above the overview, which covers the canvas's lower right corner.
      const target = { x: (palette.right + canvas.right) / 2, y: canvas.top + canvas.height * 0.3 };
      await page.mouse.move(source.left + source.width / 2, source.top + source.height / 2);
      await page.mouse.down();
      await page.mouse.move(source.left + source.width / 2 + 5, source.top + source.height / 2 + 5, { steps: 2 });
      await page.mouse.move(target.x, target.y, { steps: 15 });
      await page.mouse.up();
      await expect.poll(async () => (await nodeIds(page)).length, { timeout: 10_000 }).toBe(before.size + 1);
      const added = (await nodeIds(page)).find((id) => !before.has(id))!;
      const addedBox = await nodeElement(page, added).boundingBox();
      expect(addedBox, 'dropped node drawn').not.toBeNull();
      expect(Math.abs(addedBox!.x + addedBox!.width / 2 - target.x), 'dropped near the pointer').toBeLessThan(addedBox!.width);
      await saveScreenshot(page, `narrow-640-dropped-${language}`);

      // A click adds the kind in the middle of the canvas that the palette leaves uncovered.
      const beforeClick = new Set(await nodeIds(page));
      await byTestId(page, 'palette-add').scrollIntoViewIfNeeded();
      await byTestId(page, 'palette-add').click();
      await expect.poll(async () => (await nodeIds(page)).length, { timeout: 10_000 }).toBe(beforeClick.size + 1);
      const clicked = (await nodeIds(page)).find((id) => !beforeClick.has(id))!;
      const clickedBox = await nodeElement(page, clicked).boundingBox();
      expect(clickedBox!.x, 'clicked node beside the palette').toBeGreaterThanOrEqual(palette.right);

      // The palette button closes it again.
      await paletteToggle.click();
      await expect.poll(() => byTestId(page, 'palette').count()).toBe(0);

      // The inspector opens from the keyboard, takes the focus, and Escape closes it.
      await nodeElement(page, 'dot').click();
      await inspectorToggle.focus();
      await page.keyboard.press('Enter');
      await byTestId(page, 'inspector').waitFor();
      const inspector = await requireBox(page, '[data-testid="inspector"]');
      expect(insideWindow(inspector, 640, 480), `inspector ${JSON.stringify(inspector)}`).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('drawer-inspector');
      expect(await page.locator('.inspector-title').textContent()).toContain('dot');
      await saveScreenshot(page, `narrow-640-inspector-${language}`);
      await page.keyboard.press('Escape');
      await expect.poll(() => byTestId(page, 'inspector').count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('drawer-toggle-inspector');
    });

    test(`1400 × 900 keeps the columns, ${language}`, async ({ page }) => {
      await openAt(page, 1400, 900, '#preset=sigmoid-gates', language);

      const canvas = await expectStacked(page, 1400, 900);
      const palette = await requireBox(page, '[data-testid="palette"]');
      const inspector = await requireBox(page, '[data-testid="inspector"]');
      expect(palette.left).toBe(0);
      expect(palette.width).toBeCloseTo(240, 0);
      expect(inspector.right).toBeCloseTo(1400, 0);
      expect(inspector.width).toBeCloseTo(340, 0);
      expect(canvas.left).toBeCloseTo(palette.right, 0);
      expect(canvas.right).toBeCloseTo(inspector.left, 0);
      expect(await page.locator('[data-testid^="drawer-toggle-"]').count(), 'no drawer buttons').toBe(0);
      await saveScreenshot(page, `wide-1400-${language}`);
    });
  }

  test('training panel opens over the canvas', async ({ page }) => {
    await openAt(page, 640, 480, '#preset=mlp2', 'zh-CN');
    const toggle = byTestId(page, 'training-toggle');
    await toggle.waitFor();
    expect(await byTestId(page, 'training-panel').getAttribute('class')).toContain('collapsed');
    const canvas = await requireBox(page, '[data-testid="canvas"]');
    expect(canvas.width, 'canvas width beside the training strip').toBeGreaterThanOrEqual(0.8 * 640);

    await toggle.click();
    await byTestId(page, 'train').waitFor();
    const panel = await requireBox(page, '[data-testid="training-panel"]');
    expect(insideWindow(panel, 640, 480), `training panel ${JSON.stringify(panel)}`).toBe(true);
    expect(panel.left, 'training panel over the canvas').toBeGreaterThan(canvas.left);
    await saveScreenshot(page, 'narrow-640-training-zh-CN');

    // Opening the palette closes the training panel, so one drawer covers the canvas at a time.
    await byTestId(page, 'drawer-toggle-palette').click();
    await byTestId(page, 'palette').waitFor();
    expect(await byTestId(page, 'training-panel').getAttribute('class')).toContain('collapsed');
  });

  test('Escape closes the training drawer', async ({ page }) => {
    await openAt(page, 800, 600, '#preset=linear-softmax', 'en');
    const toggle = byTestId(page, 'training-toggle');
    await toggle.waitFor();

    // Opened from the keyboard, as the inspector is above.
    await toggle.focus();
    await page.keyboard.press('Enter');
    await byTestId(page, 'train').waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');

    // Escape in a number field with edited text restores the text and keeps the drawer open.
    const rate = byTestId(page, 'learning-rate');
    const rateBefore = await rate.inputValue();
    await rate.click();
    await rate.fill('0.5x');
    await page.keyboard.press('Escape');
    await expect.poll(() => rate.inputValue()).toBe(rateBefore);
    expect(await toggle.getAttribute('aria-expanded'), 'drawer open after the first Escape').toBe('true');
    await saveScreenshot(page, 'narrow-800-training-open-en');

    // Escape in the unedited field closes the drawer and returns the focus to its button.
    await page.keyboard.press('Escape');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await byTestId(page, 'training-panel').getAttribute('class')).toContain('collapsed');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('training-toggle');

    // Opened again, Escape on the focused button closes it too.
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('training-toggle');
    await saveScreenshot(page, 'narrow-800-training-closed-en');
  });

  test('training graph narrows below 1280 px', async ({ page }) => {
    await openAt(page, 1200, 800, '#preset=mlp2', 'en');
    await byTestId(page, 'training-toggle').waitFor();
    const canvas = await requireBox(page, '[data-testid="canvas"]');
    expect(canvas.width, 'canvas width at 1200 px').toBeGreaterThanOrEqual(0.8 * 1200);
    expect(await byTestId(page, 'drawer-toggle-palette').count()).toBe(1);

    await page.setViewportSize({ width: 1400, height: 900 });
    await byTestId(page, 'palette').waitFor();
    await byTestId(page, 'inspector').waitFor();
    expect(await page.locator('[data-testid^="drawer-toggle-"]').count(), 'no drawer buttons at 1400 px').toBe(0);
    const panel = await requireBox(page, '[data-testid="training-panel"]');
    const inspector = await requireBox(page, '[data-testid="inspector"]');
    expect(panel.width, 'training column open').toBeCloseTo(350, 0);
    expect(panel.right).toBeCloseTo(inspector.left, 0);
  });
});
