import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { SMALL_WIDTHS, unrolledScalarMlp } from '../../bench/scalar-graph';
import { serializeDocument } from '../../src/engine/document';
import { byTestId, centerOf, openApp } from './app';
import { saveScreenshot, test } from './browser';

/** Serializes the 1,016-node unrolled MLP with input a of l1n0m0 wired from its own neuron's output l1n0h. */
function cyclicMlp(): string {
  const document = unrolledScalarMlp(SMALL_WIDTHS);
  const rewired = document.edges.find((edge) => edge.target === 'l1n0m0' && edge.targetPort === 'a')!;
  rewired.id = 'rewired';
  rewired.source = 'l1n0h';
  return serializeDocument(document);
}

/** Serializes a graph of 102 nodes of an unknown kind, which gives 100 problems and a line counting the 2 more. */
function manyProblems(): string {
  const nodes = Array.from({ length: 102 }, (_unused, index) => ({ id: `c${index}`, kind: 'conv', params: {}, position: { x: 0, y: 0 } }));
  return JSON.stringify({ format: 'backprop-studio-graph', version: 1, nodes, edges: [] });
}

async function importThroughChooser(page: Page, name: string, text: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser', { timeout: 30_000 });
  await byTestId(page, 'import').click();
  await (await chooser).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** Tells whether the Dismiss button is the element under its own centre, so a click there reaches it. */
function dismissOnTop(page: Page): Promise<boolean> {
  return byTestId(page, 'load-error-dismiss').evaluate((button) => {
    const { left, top, width, height } = button.getBoundingClientRect();
    return document.elementFromPoint(left + width / 2, top + height / 2) === button;
  });
}

/** Clicks Dismiss with the mouse at its centre and checks that the box closes and the Health panel stays closed. */
async function dismissWithMouse(page: Page): Promise<void> {
  const dismiss = byTestId(page, 'load-error-dismiss');
  const health = await byTestId(page, 'open-health').boundingBox();
  const button = await dismiss.boundingBox();
  expect(button, 'Dismiss drawn').not.toBeNull();
  if (health && button) {
    const apart = button.y + button.height <= health.y || health.y + health.height <= button.y || button.x + button.width <= health.x || health.x + health.width <= button.x;
    expect(apart, `Dismiss ${JSON.stringify(button)} clear of Health ${JSON.stringify(health)}`).toBe(true);
  }
  expect(await dismissOnTop(page), 'nothing covers Dismiss').toBe(true);

  const centre = await centerOf(dismiss);
  await page.mouse.click(centre.x, centre.y);
  await expect.poll(() => byTestId(page, 'load-error').count(), { timeout: 10_000 }).toBe(0);
  expect(await byTestId(page, 'health-overlay').count(), 'Health panel closed').toBe(0);
  expect(await byTestId(page, 'open-health').getAttribute('aria-pressed')).toBe('false');
}

describe('cycle problem box', () => {
  test('large graph cycle dismisses', async ({ page }) => {
    await openApp(page);
    await importThroughChooser(page, 'mlp-cycle.json', cyclicMlp());
    await byTestId(page, 'load-error').waitFor({ timeout: 30_000 });

    const lines = await byTestId(page, 'load-error').locator('li').allTextContents();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('The graph has a cycle through 10 nodes: "l1n0m0", "l1n0s1", "l1n0s2"');
    expect(lines[0]).toContain('"l1n0z", "l1n0h". Remove wire "rewired" (l1n0h.out → l1n0m0.a) to break it');
    expect(lines[0]).toContain('269 other nodes read from the cycle');
    expect(lines[0]).not.toContain('"l2n0m0"');

    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => byTestId(page, 'load-error').locator('li').first().textContent(), { timeout: 10_000 }).toContain(
      '图中有一个经过 10 个节点的环：“l1n0m0”，“l1n0s1”',
    );
    await saveScreenshot(page, 'cycle-problem-mlp-zh-CN');

    await dismissWithMouse(page);
  });

  test('hundred problems scroll at 800 × 600', async ({ page }) => {
    await page.setViewportSize({ width: 800, height: 600 });
    await openApp(page);
    await importThroughChooser(page, 'many.json', manyProblems());
    await byTestId(page, 'load-error').waitFor({ timeout: 30_000 });
    expect(await byTestId(page, 'load-error').locator('li').count()).toBe(101);

    // The list scrolls inside the box, and the box leaves most of the column to the canvas.
    const list = await byTestId(page, 'load-error').locator('ul').evaluate((element) => ({ scroll: element.scrollHeight, client: element.clientHeight }));
    expect(list.scroll, 'list longer than its box').toBeGreaterThan(list.client);
    const box = await byTestId(page, 'load-error').boundingBox();
    const centre = await page.locator('.centre').boundingBox();
    expect(box!.height, 'problem box height').toBeLessThanOrEqual(0.5 * centre!.height);
    await saveScreenshot(page, 'cycle-problem-many-800');

    await dismissWithMouse(page);
  });
});
