import type { Browser, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, dragScrubberToStart, expectNumber, nodeElement, openApp, readNumber } from './app';
import { saveScreenshot, test } from './browser';

/** The add-mul preset's wire from x into q: value −2, gradient ∂f/∂x = z = −4. */
const X_WIRE = 'x.out->q.a';
/** The wire from q into f: value q = x + y = 3. */
const Q_WIRE = 'q.out->f.a';

async function openViewMenu(page: Page): Promise<void> {
  await byTestId(page, 'view-menu').click();
  await byTestId(page, 'projector-toggle').waitFor();
}

/** Closes the View menu with Escape, as its fields keep the focus. */
async function closeMenus(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('.overlay-backdrop').count()).toBe(0);
}

/** Opens a URL in a fresh browser context, with no autosave or settings, as a student receiving the link would. */
async function openAsStudent(browser: Browser | null, url: string): Promise<Page> {
  const context = await browser!.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.react-flow__node').first().waitFor();
  return page;
}

/** Types a prediction into a quiz field and presses Enter. */
async function answer(page: Page, testId: string, text: string): Promise<void> {
  const field = byTestId(page, `${testId}-quiz-input`);
  await field.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function textOf(page: Page, testId: string): Promise<string> {
  return (await byTestId(page, testId).textContent()) ?? '';
}

/** Reads the viewport's translation and scale from React Flow's transform. */
async function viewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  return page.locator('.react-flow__viewport').evaluate((element) => {
    const matrix = new DOMMatrix(getComputedStyle(element).transform);
    return { x: matrix.e, y: matrix.f, zoom: matrix.a };
  });
}

/** Distance in screen pixels from a node's centre to the centre of the canvas pane. */
async function offCentre(page: Page, nodeId: string): Promise<number> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const node = (await nodeElement(page, nodeId).boundingBox())!;
  return Math.hypot(node.x + node.width / 2 - (pane.x + pane.width / 2), node.y + node.height / 2 - (pane.y + pane.height / 2));
}

async function scrubberValue(page: Page): Promise<number> {
  return Number(await byTestId(page, 'scrubber').inputValue());
}

describe('quiz mode', () => {
  test('hidden gradient travels in the link and is marked', async ({ page, browser }) => {
    await openApp(page, '#preset=add-mul');
    await expectNumber(byTestId(page, `edge-grad-${X_WIRE}`), -4);

    // The lecturer hides the gradient on x's wire and the value of f.
    await openViewMenu(page);
    await byTestId(page, 'quiz-edit-toggle').check();
    await closeMenus(page);
    await byTestId(page, `edge-grad-${X_WIRE}-quiz-toggle`).click();
    await byTestId(page, 'node-value-f-quiz-toggle').click();
    await expect.poll(() => textOf(page, 'quiz-edit-hint')).toContain('Hidden: 2');
    await expect.poll(() => byTestId(page, `edge-grad-${X_WIRE}-quiz-toggle`).getAttribute('aria-pressed')).toBe('true');
    await saveScreenshot(page, 'quiz-editing');
    await byTestId(page, 'quiz-edit-done').click();

    // In the lecturer's own view the answers are hidden too, on the wire, the node and in the inspector.
    await byTestId(page, `edge-grad-${X_WIRE}-quiz-input`).waitFor();
    expect(await textOf(page, `edge-grad-${X_WIRE}`)).not.toMatch(/\d/);
    expect(await textOf(page, 'node-grad-x')).toBe('∂ ?');
    await nodeElement(page, 'x').locator('.gate-header').click();
    await expect.poll(() => textOf(page, 'inspector-gradient-out')).toBe('∂/∂out = ?');

    await byTestId(page, 'share').click();
    const url = await byTestId(page, 'share-url').inputValue();

    const student = await openAsStudent(browser, url);
    try {
      await byTestId(student, `edge-grad-${X_WIRE}-quiz-input`).waitFor();
      await byTestId(student, 'node-value-f-quiz-input').waitFor();
      expect(await textOf(student, `edge-grad-${X_WIRE}`)).not.toContain('4');
      expect(await textOf(student, 'node-value-f')).not.toContain('12');
      expect(await textOf(student, 'quiz-score')).toBe('0 of 2 correct');
      await expect.poll(() => byTestId(student, 'gradcheck').isDisabled()).toBe(true);

      // A wrong prediction is marked and shows the right value; a second try is marked but does not score.
      await answer(student, `edge-grad-${X_WIRE}`, '4');
      await expect.poll(() => textOf(student, `edge-grad-${X_WIRE}-quiz-right`)).toBe('-4');
      expect(await byTestId(student, `edge-grad-${X_WIRE}`).locator('[data-testid="quiz-mark"]').textContent()).toBe('✗');
      // The marked label keeps the right value, the mark and the field on one line: under 1.5 times as high as a plain label.
      const markedHeight = (await byTestId(student, `edge-grad-${X_WIRE}`).boundingBox())!.height;
      const plainHeight = (await byTestId(student, `edge-value-${X_WIRE}`).boundingBox())!.height;
      expect(markedHeight).toBeLessThan(plainHeight * 1.5);
      await answer(student, `edge-grad-${X_WIRE}`, '-4');
      await expect.poll(() => byTestId(student, `edge-grad-${X_WIRE}`).locator('[data-testid="quiz-mark"]').textContent()).toBe('✓');

      // f = (x + y) · z = 3 · (−4) = −12; −12.05 is within the default tolerance of max(0.01, 1% of 12).
      await answer(student, 'node-value-f', '−12.05');
      await expect.poll(() => byTestId(student, 'node-value-f').locator('[data-testid="quiz-mark"]').textContent()).toBe('✓');
      await expectNumber(byTestId(student, 'node-value-f-quiz-right'), -12);
      expect(await textOf(student, 'quiz-score')).toBe('1 of 2 correct');
      expect(await byTestId(student, 'quiz-reveal-all').isDisabled()).toBe(true);
      await saveScreenshot(student, 'quiz-student-marked');
    } finally {
      await student.context().close();
    }
  });

  test('unreadable prediction explains itself', async ({ page }) => {
    await openApp(page, '#preset=add-mul');
    await openViewMenu(page);
    await byTestId(page, 'quiz-edit-toggle').check();
    await closeMenus(page);
    // A source's value shows in its own field, so quiz editing offers no toggle for it.
    await byTestId(page, `edge-grad-${X_WIRE}-quiz-toggle`).waitFor();
    expect(await byTestId(page, `edge-value-${X_WIRE}-quiz-toggle`).count()).toBe(0);
    await byTestId(page, `edge-value-${Q_WIRE}-quiz-toggle`).click();
    await byTestId(page, 'quiz-edit-done').click();

    // The add-mul explanation states q = x + y = 3, so it stays hidden while the question is open.
    await byTestId(page, 'explanation-quiz-hidden').waitFor();
    expect(await byTestId(page, 'explanation').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('q = x + y = 3');

    await answer(page, `edge-value-${Q_WIRE}`, 'three');
    await expect.poll(() => textOf(page, `edge-value-${Q_WIRE}-quiz-problem`)).toContain('"three" is not a number');
    await byTestId(page, 'quiz-reveal-all').click();
    await expectNumber(byTestId(page, `edge-value-${Q_WIRE}-quiz-right`), 3);
    expect(await textOf(page, 'quiz-score')).toBe('0 of 1 correct');
    await expect.poll(() => textOf(page, 'explanation')).toContain('q = x + y = 3');
  });

  test('quiz hides health badges and table', async ({ page }) => {
    // matmul-example: W = [[1, 2, 3], [4, 5, 6]], x = [1, 0, −1], L = Σ W·x, so ∂L/∂W = [1, 1]ᵀ · xᵀ
    // = [[1, 0, −1], [1, 0, −1]] and its norm is √4 = 2.
    const wire = 'W.out->y.a';
    await openApp(page, '#preset=matmul-example');
    await expect.poll(() => textOf(page, 'health-badge-W')).toContain('2.00');

    await openViewMenu(page);
    await byTestId(page, 'quiz-edit-toggle').check();
    await closeMenus(page);
    await byTestId(page, `edge-grad-${wire}-quiz-toggle`).click();
    await byTestId(page, 'quiz-edit-done').click();
    await byTestId(page, `edge-grad-${wire}-quiz-input`).waitFor();
    expect(await byTestId(page, 'health-badge-W').count()).toBe(0);
    await byTestId(page, 'open-health').click();
    await byTestId(page, 'health-quiz-hidden').waitFor();
    expect(await byTestId(page, 'health-table').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('2.00');
    await byTestId(page, 'health-overlay-close').click();

    await answer(page, `edge-grad-${wire}`, '1 0 -1 1 0 -1');
    await expect.poll(() => textOf(page, 'health-badge-W')).toContain('2.00');
    await byTestId(page, 'open-health').click();
    await expect.poll(() => textOf(page, 'health-row-W')).toContain('2.00');
  });
});

describe('projector mode', () => {
  test('larger type, keys play and step, view follows', async ({ page }) => {
    await openApp(page, '#preset=add-mul');
    const label = byTestId(page, `edge-value-${X_WIRE}`);
    await label.waitFor();
    const fontBefore = await label.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));

    await openViewMenu(page);
    await byTestId(page, 'projector-toggle').check();
    await closeMenus(page);
    await expect.poll(() => label.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))).toBeGreaterThan(fontBefore * 1.4);
    // Switching on centres the node of the step the timeline rests on, the last one (x's backward step),
    // at a readable zoom.
    await expect.poll(() => offCentre(page, 'x'), { timeout: 10_000 }).toBeLessThan(30);
    await expect.poll(async () => (await viewport(page)).zoom, { timeout: 10_000 }).toBeGreaterThan(1.399);

    // Arrows step the timeline; every step centres its node at a readable zoom. The scrubber keeps
    // the focus after the drag and would take the arrows itself, so the focus goes back to the page.
    await dragScrubberToStart(page);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => scrubberValue(page)).toBe(1);
    const first = await page.locator('.gate-node.active').getAttribute('data-testid');
    expect(first).toMatch(/^node-/);
    const firstId = first!.slice('node-'.length);
    await expect.poll(() => offCentre(page, firstId), { timeout: 10_000 }).toBeLessThan(30);
    // FOLLOW_ZOOM is 1.4; the CSS matrix rounds it to about five digits. The node can be near the
    // centre a frame before the 300 ms animation reaches its final zoom, so the zoom is polled too.
    await expect.poll(async () => (await viewport(page)).zoom, { timeout: 10_000 }).toBeGreaterThan(1.399);

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => scrubberValue(page)).toBe(4);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => scrubberValue(page)).toBe(3);
    const active = (await page.locator('.gate-node.active').getAttribute('data-testid'))!.slice('node-'.length);
    expect(active).not.toBe(firstId);
    await expect.poll(() => offCentre(page, active), { timeout: 10_000 }).toBeLessThan(30);
    await saveScreenshot(page, 'projector-mode');

    // Space plays and pauses.
    await page.keyboard.press(' ');
    await expect.poll(() => byTestId(page, 'play').getAttribute('aria-label')).toBe('Pause');
    await page.keyboard.press(' ');
    await expect.poll(() => byTestId(page, 'play').getAttribute('aria-label')).toBe('Play');
  });

  test('typing a prediction does not step the timeline', async ({ page }) => {
    await openApp(page, '#preset=add-mul');
    await openViewMenu(page);
    await byTestId(page, 'quiz-edit-toggle').check();
    await closeMenus(page);
    await byTestId(page, `edge-value-${Q_WIRE}-quiz-toggle`).click();
    await byTestId(page, 'quiz-edit-done').click();
    const before = await scrubberValue(page);

    const field = byTestId(page, `edge-value-${Q_WIRE}-quiz-input`);
    await field.click();
    await page.keyboard.type('3 ');
    await page.keyboard.press('ArrowLeft');
    expect(await scrubberValue(page)).toBe(before);
    expect(await byTestId(page, 'play').getAttribute('aria-label')).toBe('Play');
    expect(await field.inputValue()).toBe('3 ');
  });
});

describe('colour palettes', () => {
  test('colour-blind palette recolours wires and persists', async ({ page }) => {
    await openApp(page, '#preset=add-mul');
    const value = byTestId(page, `edge-value-${X_WIRE}`);
    const gradient = byTestId(page, `edge-grad-${X_WIRE}`);
    await gradient.waitFor();
    const colour = (locator: typeof value) => locator.evaluate((element) => getComputedStyle(element).color);
    expect(await colour(value)).toBe('rgb(31, 78, 156)');
    expect(await colour(gradient)).toBe('rgb(179, 38, 30)');

    await openViewMenu(page);
    await byTestId(page, 'palette-colour-blind').check();
    await closeMenus(page);
    // Okabe and Ito's blue #0072b2 and vermillion #d55e00.
    await expect.poll(() => colour(value)).toBe('rgb(0, 114, 178)');
    expect(await colour(gradient)).toBe('rgb(213, 94, 0)');
    await saveScreenshot(page, 'colour-blind-palette');

    await page.reload();
    await value.waitFor();
    await expect.poll(() => colour(value)).toBe('rgb(0, 114, 178)');
  });

  test('reduced motion draws no pulse', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openApp(page, '#preset=add-mul');
    await dragScrubberToStart(page);
    await byTestId(page, 'play').click();
    await expect.poll(() => scrubberValue(page), { timeout: 20_000 }).toBeGreaterThan(1);
    expect(await page.locator('[data-testid="edge-pulse"]').count()).toBe(0);
    expect(await readNumber(byTestId(page, 'scrubber'))).toBeGreaterThan(0);
  });
});

describe('formula tool in Chinese', () => {
  test('unsupported formula explains itself in Chinese', async ({ page }) => {
    await openApp(page, '#preset=add-mul');
    await byTestId(page, 'language').selectOption('zh-CN');
    await byTestId(page, 'formula-open').click();
    await byTestId(page, 'formula-input').fill('x ^ y');
    await byTestId(page, 'formula-build').click();
    await expect.poll(() => textOf(page, 'formula-error'), { timeout: 10_000 }).toContain('指数含变量的幂（x^y）没有对应的节点类型');
    expect(await textOf(page, 'formula-error')).not.toContain('has no node kind');

    // The message follows a language switch, because the panel keeps the error's code.
    await byTestId(page, 'language').selectOption('en');
    await expect.poll(() => textOf(page, 'formula-error')).toContain('A power with a variable exponent (x^y) has no node kind.');
    await byTestId(page, 'language').selectOption('zh-CN');
    await saveScreenshot(page, 'formula-error-zh-CN');
  });
});
