import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { findPreset } from '../../src/presets';
import { byTestId, openApp } from './app';
import { saveScreenshot, test } from './browser';

async function openBumpView(page: Page): Promise<void> {
  await openApp(page, '#preset=bump');
  await byTestId(page, 'view-panel').waitFor({ timeout: 30_000 });
  await expect.poll(() => byTestId(page, 'bump-error').textContent()).toContain('6 bumps');
}

/** Reads the largest error that the approximation's hint shows. */
async function shownError(page: Page): Promise<string> {
  return ((await byTestId(page, 'bump-error').textContent()) ?? '').split(':').pop()!.trim();
}

describe('bump approximation undo', () => {
  test('Ctrl+Z on bump count undoes it', async ({ page }) => {
    await openBumpView(page);
    const height = byTestId(page, 'bump-height');
    const heightLabel = () => height.locator('..').textContent();
    const error = byTestId(page, 'bump-error');

    // A graph edit first: one key press moves the height from 1.00 to 1.05.
    await height.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(heightLabel).toContain('1.05');

    const count = byTestId(page, 'bump-count');
    await count.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => error.textContent()).toContain('8 bumps');

    // Each key press on the count is one step, undone before the graph edit.
    await page.keyboard.press('Control+z');
    await expect.poll(() => error.textContent()).toContain('7 bumps');
    expect(await heightLabel()).toContain('1.05');
    await page.keyboard.press('Control+z');
    await expect.poll(() => error.textContent()).toContain('6 bumps');
    expect(await count.inputValue()).toBe('6');
    expect(await heightLabel()).toContain('1.05');
    await page.keyboard.press('Control+z');
    await expect.poll(heightLabel).toContain('1.00');

    await page.keyboard.press('Control+y');
    await page.keyboard.press('Control+y');
    await expect.poll(() => error.textContent()).toContain('7 bumps');
    expect(await count.inputValue()).toBe('7');
  });

  test('dragged heights undo and share', async ({ page }) => {
    await openBumpView(page);
    const before = await shownError(page);

    // Press on the plot's upper left: the first bump jumps to the pressed height.
    const plot = byTestId(page, 'bump-sum-plot');
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.05, box.y + box.height * 0.1);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.05, box.y + box.height * 0.15);
    await page.mouse.up();
    await expect.poll(() => shownError(page)).not.toBe(before);
    const dragged = await shownError(page);

    await byTestId(page, 'bump-target').selectOption('step');
    await expect.poll(() => shownError(page)).not.toBe(dragged);

    // One undo step per change: the target, then the whole drag.
    await byTestId(page, 'undo').click();
    await expect.poll(() => byTestId(page, 'bump-target').inputValue()).toBe('sine');
    expect(await shownError(page)).toBe(dragged);
    await byTestId(page, 'undo').click();
    await expect.poll(() => shownError(page)).toBe(before);

    // The document keeps the view's state, so a share link carries it.
    await byTestId(page, 'redo').click();
    await expect.poll(() => shownError(page)).toBe(dragged);
    await byTestId(page, 'share').click();
    const shared = await page.context().newPage();
    await shared.goto(await byTestId(page, 'share-url').inputValue());
    await byTestId(shared, 'view-panel').waitFor({ timeout: 30_000 });
    await expect.poll(() => shownError(shared)).toBe(dragged);
    await saveScreenshot(shared, 'view-bump-shared');
    await shared.close();
  });

  test('imported bump file opens locked view', async ({ page }) => {
    await openApp(page);
    const file = { ...findPreset('bump')!.build(), views: { bump: { target: 'parabola', count: 2, heights: [0.5, -0.5] } } };
    await byTestId(page, 'import-file').setInputFiles({ name: 'bump.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect.poll(() => byTestId(page, 'bump-error').textContent(), { timeout: 30_000 }).toContain('2 bumps');
    expect(await byTestId(page, 'bump-target').inputValue()).toBe('parabola');

    // Under a link that locks editing, the approximation's controls are disabled with a note that gives the reason.
    await byTestId(page, 'share').click();
    await byTestId(page, 'share-lockEditing').check();
    const locked = await page.context().newPage();
    await locked.goto(await byTestId(page, 'share-url').inputValue());
    await byTestId(locked, 'view-panel').waitFor({ timeout: 30_000 });
    expect(await byTestId(locked, 'bump-count').isDisabled()).toBe(true);
    expect(await byTestId(locked, 'bump-target').isDisabled()).toBe(true);
    expect(await byTestId(locked, 'bump-locked').textContent()).toBe("This link locks editing, so the view's settings cannot change.");
    await locked.close();
  });
});
