import { describe, expect } from 'vitest';
import { byTestId, openApp } from './app';
import { test } from './browser';

describe('toolbar menus', () => {
  for (const [menu, item] of [
    ['view-menu', 'projector-toggle'],
    ['export-menu', 'export-numpy'],
  ]) {
    test(`${menu} closes on Escape after a click`, async ({ page }) => {
      await openApp(page, '#preset=add-mul');
      await byTestId(page, menu).click();
      await byTestId(page, item).waitFor();

      // The click leaves the focus on the menu's button, not inside the list.
      await page.keyboard.press('Escape');

      await expect.poll(() => byTestId(page, item).count()).toBe(0);
      expect(await byTestId(page, menu).getAttribute('aria-expanded')).toBe('false');
    });
  }
});
