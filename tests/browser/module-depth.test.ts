import { describe, expect } from 'vitest';
import { byTestId, nodeElement, nodeIds, nodeOutput, openApp } from './app';
import { saveScreenshot, test } from './browser';

describe('module nesting limit', () => {
  test('ninth nested group refused', async ({ page }) => {
    await openApp(page, '#preset=add-mul');

    // Group q into g1, then the module node g1 into g2, and so on: each press nests one level deeper.
    let target = 'q';
    for (let level = 1; level <= 8; level++) {
      await nodeElement(page, target).locator('.gate-header').click();
      await byTestId(page, 'group-module').click();
      await byTestId(page, 'module-name').fill(`g${level}`);
      await byTestId(page, 'module-group-confirm').click();
      await expect.poll(() => nodeIds(page), { timeout: 10_000 }).toContain(`g${level}`);
      target = `g${level}`;
    }

    await nodeElement(page, 'g8').locator('.gate-header').click();
    await byTestId(page, 'group-module').click();
    await byTestId(page, 'module-name').fill('g9');
    await byTestId(page, 'module-group-confirm').click();

    await expect.poll(() => byTestId(page, 'module-error').textContent(), { timeout: 10_000 }).toBe(
      'Module "g9" would nest modules 9 deep (g9 → g8 → g7 → g6 → g5 → g4 → g3 → g2 → g1); the limit is 8. Expand a module inside the selection first.',
    );
    expect(await nodeIds(page)).toContain('g8');
    expect(await nodeIds(page)).not.toContain('g9');
    // The graph still runs: f = (x + y) · z = (−2 + 5) · (−4).
    expect(await nodeOutput(page, 'f')).toBe(-12);
    await saveScreenshot(page, 'module-depth-refused');
  });
});
