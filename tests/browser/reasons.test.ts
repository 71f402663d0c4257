import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, connect, dropFromPalette, findEmptySpot, nodeElement, openApp } from './app';
import { saveScreenshot, test } from './browser';

/** Texts of the diagnostics the status bar lists that name node `nodeId`. */
async function statusTexts(page: Page, nodeId: string): Promise<string[]> {
  const texts = await byTestId(page, 'diagnostic').allTextContents();
  return texts.filter((text) => text.includes(`"${nodeId}"`) || text.includes(`“${nodeId}”`));
}

describe('shape reasons', () => {
  test('matmul mismatch follows the language', async ({ page }) => {
    // W is [2, 3] in this preset, so W · W has inner dimensions 3 and 2.
    await openApp(page, '#preset=matmul-example');
    // matmul sits below the fold of the palette.
    await byTestId(page, 'palette-matmul').scrollIntoViewIfNeeded();
    const product = await dropFromPalette(page, 'matmul', await findEmptySpot(page));
    await connect(page, 'W', product, 'a');
    await connect(page, 'W', product, 'b');

    const english = `Node "${product}" (matmul): inner dimensions differ: a is [2, 3] and b is [2, 3], but the columns of a (3) must equal the rows of b (2) (a from "W" [2, 3], b from "W" [2, 3])`;
    const chinese = `节点“${product}”（matmul）：内维度不一致：a 为 [2, 3]，b 为 [2, 3]，但 a 的列数（3）必须等于 b 的行数（2）（a 来自“W” [2, 3]，b 来自“W” [2, 3]）`;
    const badge = byTestId(page, `node-problem-${product}`);
    await expect.poll(() => statusTexts(page, product), { timeout: 10_000 }).toEqual([english]);
    expect(await badge.getAttribute('title')).toBe(english);

    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => statusTexts(page, product), { timeout: 10_000 }).toEqual([chinese]);
    expect(await badge.getAttribute('title')).toBe(chinese);
    // Selecting the node shows the same sentence in the inspector.
    await nodeElement(page, product).locator('.gate-header').click();
    await expect.poll(() => byTestId(page, 'inspector').textContent(), { timeout: 10_000 }).toContain(chinese);
    const statusText = (await byTestId(page, 'status-bar').textContent()) ?? '';
    expect(statusText).not.toMatch(/inner dimensions|columns|rows| from /);
    await saveScreenshot(page, 'reason-matmul-zh');

    await byTestId(page, 'language').selectOption('en');
    await expect.poll(() => statusTexts(page, product), { timeout: 10_000 }).toEqual([english]);
    expect(await badge.getAttribute('title')).toBe(english);
    await expect.poll(() => byTestId(page, 'inspector').textContent(), { timeout: 10_000 }).toContain(english);
  });
});
