import { describe, expect } from 'vitest';
import { byTestId, openApp, typeValue } from './app';
import { saveScreenshot, test } from './browser';

describe('float32 overflow on the canvas', () => {
  test('overflow named in status bar', async ({ page }) => {
    await openApp(page, '#preset=add-mul');

    // f = (x + y) · z with x = z = 1e20 gives about 1e40, beyond the float32 maximum of about 3.4e38.
    const huge = '1'.padEnd(21, '0');
    await typeValue(page, 'x', huge);
    await typeValue(page, 'z', huge);

    const problem = byTestId(page, 'diagnostic').first();
    await expect.poll(() => problem.textContent(), { timeout: 30_000 }).toContain('Node "f" (multiply) is the first node whose value is infinite');
    expect(await problem.textContent()).toContain('overflows float32');
    expect(await problem.textContent()).not.toContain('domain');
    await saveScreenshot(page, 'overflow-status-bar');

    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => problem.textContent()).toContain('超出了 float32 的范围');
  });
});
