import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, openApp, readNumber } from './app';
import { findPreset } from '../../src/presets';
import { saveScreenshot, test } from './browser';

async function canvasPixels(canvas: Locator): Promise<string> {
  return canvas.evaluate((element: HTMLCanvasElement) => element.toDataURL());
}

/**
 * Opens a view preset and waits for its panel, which loads with a dynamic
 * import. Hides the explanation so the plots have room in the screenshots.
 */
async function openView(page: Page, presetId: string): Promise<void> {
  await openApp(page, `#preset=${presetId}`);
  await byTestId(page, 'view-panel').waitFor({ timeout: 30_000 });
  await byTestId(page, 'explanation-toggle').click();
  await byTestId(page, 'explanation').waitFor({ state: 'detached' });
}


/** Returns the RGB colour of the pixel at a fraction (fx, fy) of the canvas, measured from its top left. */
async function pixelAt(canvas: Locator, fx: number, fy: number): Promise<[number, number, number]> {
  return canvas.evaluate((element: HTMLCanvasElement, [x, y]) => {
    const data = element.getContext('2d')!.getImageData(Math.floor(element.width * x), Math.floor(element.height * y), 1, 1).data;
    return [data[0], data[1], data[2]] as [number, number, number];
  }, [fx, fy]);
}

/** Clicks a canvas at a fraction (fx, fy) of its size, measured from its top left. */
async function clickAt(page: Page, canvas: Locator, fx: number, fy: number): Promise<void> {
  const box = await canvas.boundingBox();
  if (!box) throw new Error('The plot is not visible.');
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
}

/** Sets a range input to a value and sends the input event React listens to. */
async function setRange(locator: Locator, value: number): Promise<void> {
  await locator.evaluate((element: HTMLInputElement, next) => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(element, String(next));
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/** Selects a race rate field's text and types `text` into it like a person. */
async function typeRate(page: Page, name: string, text: string): Promise<void> {
  await byTestId(page, `race-lr-${name}`).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text, { delay: 30 });
}

/**
 * Shares the graph with the lecture options named (such as "lockEditing") and
 * opens the link in a new page of the same browser, once its view panel shows.
 */
async function openSharedLink(page: Page, options: string[] = []): Promise<Page> {
  await byTestId(page, 'share').click();
  for (const option of options) await byTestId(page, `share-${option}`).check();
  const url = await byTestId(page, 'share-url').inputValue();
  const fresh = await page.context().newPage();
  await fresh.goto(url);
  await byTestId(fresh, 'view-panel').waitFor({ timeout: 30_000 });
  return fresh;
}

describe('lecture views', () => {
  test('knn changes with metric, k and clicks', async ({ page }) => {
    await openView(page, 'knn');
    const plot = byTestId(page, 'knn-plot');
    await expect.poll(() => byTestId(page, 'knn-summary').textContent()).toContain('18 points');
    const l1 = await canvasPixels(plot);

    await byTestId(page, 'knn-metric-l2').check();
    await expect.poll(() => canvasPixels(plot)).not.toBe(l1);
    const l2 = await canvasPixels(plot);

    await setRange(byTestId(page, 'knn-k'), 5);
    await expect.poll(() => byTestId(page, 'knn-k').inputValue()).toBe('5');
    await expect.poll(() => canvasPixels(plot)).not.toBe(l2);

    // A class-2 point (green) in the empty top-left corner takes that corner over with k = 1.
    await setRange(byTestId(page, 'knn-k'), 1);
    await byTestId(page, 'knn-class').selectOption('2');
    await clickAt(page, plot, 0.04, 0.04);
    await expect.poll(() => byTestId(page, 'knn-summary').textContent()).toContain('19 points');
    const [r, g, b] = await pixelAt(plot, 0.02, 0.02);
    expect(g).toBeGreaterThan(r);
    expect(g).toBeGreaterThan(b);

    // Back to L1 for the screenshot: its borders run only horizontally, vertically or at 45°.
    await byTestId(page, 'knn-metric-l1').check();
    await expect.poll(() => byTestId(page, 'knn-metric-l1').isChecked()).toBe(true);
    await saveScreenshot(page, 'view-knn');
  });

  test('polar features train to a circle', async ({ page }) => {
    await openView(page, 'polar-features');
    await byTestId(page, 'initial-loss').waitFor({ timeout: 30_000 });
    const input = byTestId(page, 'polar-input');
    const before = await canvasPixels(input);

    await byTestId(page, 'train').click();
    await expect.poll(() => byTestId(page, 'train').textContent(), { timeout: 90_000 }).toBe('Train');

    await expect.poll(() => canvasPixels(input)).not.toBe(before);
    // Centre of the input plot lies inside the inner ring (class 0, blue); the corners lie outside (class 1, orange).
    const [centreR, , centreB] = await pixelAt(input, 0.5, 0.5);
    const [cornerR, , cornerB] = await pixelAt(input, 0.03, 0.97);
    expect(centreB).toBeGreaterThan(centreR);
    expect(cornerR).toBeGreaterThan(cornerB);
    await saveScreenshot(page, 'view-polar-features');

    await byTestId(page, 'polar-space-cartesian').check();
    await expect.poll(() => byTestId(page, 'polar-status').textContent()).toContain('raw (x, y)');
  });

  test('CSV box follows features and presets', async ({ page }) => {
    const firstLine = async () => (await byTestId(page, 'csv-input').inputValue()).split('\n')[0];
    await openView(page, 'polar-features');
    await expect.poll(firstLine, { timeout: 30_000 }).toBe('r,theta,label');

    await byTestId(page, 'polar-space-cartesian').check();
    await expect.poll(firstLine).toBe('x,y,label');

    await byTestId(page, 'preset-menu').selectOption('space-warping');
    await expect.poll(() => byTestId(page, 'warp-weights').count(), { timeout: 30_000 }).toBe(1);
    const warpText = await byTestId(page, 'csv-input').inputValue();
    await byTestId(page, 'preset-menu').selectOption('polar-features');
    await expect.poll(firstLine, { timeout: 30_000 }).toBe('r,theta,label');
    expect(await byTestId(page, 'csv-input').inputValue()).not.toBe(warpText);
  });

  test('canvas keeps room at 1280×720', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    for (const presetId of ['knn', 'polar-features', 'space-warping', 'bump', 'optimizer-race', 'hinge-vs-softmax']) {
      await openApp(page, `#preset=${presetId}`);
      await byTestId(page, 'view-panel').waitFor({ timeout: 30_000 });
      await byTestId(page, 'explanation').waitFor();

      // The centre column is about 550 px tall here, and the canvas keeps 40 % of it.
      const canvas = await page.locator('.canvas-area').boundingBox();
      expect(canvas?.height, presetId).toBeGreaterThanOrEqual(200);
      const panel = await byTestId(page, 'view-panel').boundingBox();
      expect(panel?.height, presetId).toBeGreaterThanOrEqual(150);
    }
    await saveScreenshot(page, 'view-small-window');
  });

  test('shared view opens in a fresh page', async ({ page }) => {
    await openView(page, 'optimizer-race');
    await byTestId(page, 'share').click();
    const url = await byTestId(page, 'share-url').inputValue();
    expect(url).toContain('#graph=');

    const fresh = await page.context().newPage();
    await fresh.goto(url);
    await byTestId(fresh, 'view-panel').waitFor({ timeout: 30_000 });
    expect(await byTestId(fresh, 'preset-menu').inputValue()).toBe('optimizer-race');

    await fresh.reload();
    await byTestId(fresh, 'view-panel').waitFor({ timeout: 30_000 });
    await saveScreenshot(fresh, 'view-shared-race');
    await fresh.close();
  });

  test('knn settings travel in link', async ({ page }) => {
    await openView(page, 'knn');
    const plot = byTestId(page, 'knn-plot');
    await expect.poll(() => byTestId(page, 'knn-summary').textContent()).toContain('18 points');
    await byTestId(page, 'knn-class').selectOption('1');
    await clickAt(page, plot, 0.2, 0.8);
    await clickAt(page, plot, 0.85, 0.15);
    await expect.poll(() => byTestId(page, 'knn-summary').textContent()).toContain('20 points');
    // Each click is one undo step.
    await byTestId(page, 'undo').click();
    await expect.poll(() => byTestId(page, 'knn-summary').textContent()).toContain('19 points');
    await byTestId(page, 'knn-metric-l2').check();
    await setRange(byTestId(page, 'knn-k'), 7);
    await expect.poll(() => byTestId(page, 'knn-k').inputValue()).toBe('7');
    const regions = await canvasPixels(plot);

    const fresh = await openSharedLink(page);
    await expect.poll(() => byTestId(fresh, 'knn-summary').textContent()).toContain('19 points');
    expect(await byTestId(fresh, 'knn-k').inputValue()).toBe('7');
    expect(await byTestId(fresh, 'knn-metric-l2').isChecked()).toBe(true);
    await expect.poll(() => canvasPixels(byTestId(fresh, 'knn-plot'))).toBe(regions);
    await saveScreenshot(fresh, 'view-shared-knn');
    await fresh.close();
  });

  test('race rates travel in link', async ({ page }) => {
    await openView(page, 'optimizer-race');
    await typeRate(page, 'adam', '0.02');
    const race = await openSharedLink(page);
    expect(await byTestId(race, 'race-lr-adam').inputValue()).toBe('0.02');
    expect(await byTestId(race, 'race-lr-sgd').inputValue()).toBe('0.9');
    await race.close();
  });

  test('knn undo steps per control', async ({ page }) => {
    await openView(page, 'knn');
    // Pressing Reset on the starting points changes nothing, so it adds no undo step.
    await byTestId(page, 'knn-reset').click();
    expect(await byTestId(page, 'undo').isEnabled()).toBe(false);
    for (const k of [2, 3, 4, 5, 6]) await setRange(byTestId(page, 'knn-k'), k);
    await expect.poll(() => byTestId(page, 'knn-k').inputValue()).toBe('6');
    await byTestId(page, 'undo').click();
    await expect.poll(() => byTestId(page, 'knn-k').inputValue()).toBe('1');
    // Each key press starts its own step.
    await byTestId(page, 'knn-k').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => byTestId(page, 'knn-k').inputValue()).toBe('3');
    await byTestId(page, 'undo').click();
    await expect.poll(() => byTestId(page, 'knn-k').inputValue()).toBe('2');
    // Ctrl+Z with the slider focused undoes too, and a key press after it is a new step.
    await byTestId(page, 'knn-k').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => byTestId(page, 'knn-k').inputValue()).toBe('3');
    await page.keyboard.press('Control+z');
    await expect.poll(() => byTestId(page, 'knn-k').inputValue()).toBe('2');
    await page.keyboard.press('Control+z');
    await expect.poll(() => byTestId(page, 'knn-k').inputValue()).toBe('1');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => byTestId(page, 'knn-k').inputValue()).toBe('2');
    await page.keyboard.press('Control+z');
    await expect.poll(() => byTestId(page, 'knn-k').inputValue()).toBe('1');
  });

  test('imported knn file opens its view', async ({ page }) => {
    const file = { ...findPreset('knn')!.build(), views: { knn: { points: [[-0.5, 0.5, 0], [0.5, 0.5, 1], [0, -0.5, 2]], k: 2, metric: 'l2' } } };
    await openApp(page, '#preset=add-mul');
    await byTestId(page, 'import-file').setInputFiles({ name: 'knn.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await byTestId(page, 'view-panel').waitFor({ timeout: 30_000 });
    await expect.poll(() => byTestId(page, 'knn-summary').textContent()).toContain('3 points');
    expect(await byTestId(page, 'knn-k').inputValue()).toBe('2');
    expect(await byTestId(page, 'knn-metric-l2').isChecked()).toBe(true);

    // Another graph that contains knn settings opens as that graph, without the view.
    const other = { ...findPreset('add-mul')!.build(), views: file.views };
    await byTestId(page, 'import-file').setInputFiles({ name: 'add-mul.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
    await byTestId(page, 'view-panel').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await byTestId(page, 'preset-menu').inputValue()).toBe('');
  });

  test('locked link disables view controls', async ({ page }) => {
    await openView(page, 'knn');
    const knn = await openSharedLink(page, ['lockEditing']);
    expect(await byTestId(knn, 'knn-k').isDisabled()).toBe(true);
    expect(await byTestId(knn, 'knn-reset').isDisabled()).toBe(true);
    expect(await byTestId(knn, 'knn-hint').textContent()).toBe("This link locks editing, so the view's settings cannot change.");
    // On a 1280 × 900 screen the note shows without scrolling.
    await knn.setViewportSize({ width: 1280, height: 900 });
    const note = await byTestId(knn, 'knn-hint').boundingBox();
    expect(note!.y + note!.height).toBeLessThanOrEqual(900);
    await clickAt(knn, byTestId(knn, 'knn-plot'), 0.3, 0.3);
    expect(await byTestId(knn, 'knn-summary').textContent()).toContain('18 points');
    await saveScreenshot(knn, 'view-knn-locked');
    await knn.close();
  });

  test('typed race rate saves on leaving', async ({ page }) => {
    await openView(page, 'optimizer-race');
    const field = byTestId(page, 'race-lr-adagrad');
    await typeRate(page, 'adagrad', '0.123');
    await page.keyboard.press('Enter');
    await typeRate(page, 'adagrad', '1e999');
    await page.keyboard.press('Tab');
    await expect.poll(() => byTestId(page, 'race-lr-error').textContent()).toContain('AdaGrad');
    // One undo goes back past 0.123, because neither the invalid text nor 0.1 and 0.12 on the way were saved.
    await byTestId(page, 'undo').click();
    await expect.poll(() => field.inputValue()).toBe('0.6');
    expect(await byTestId(page, 'race-lr-error').count()).toBe(0);
    await byTestId(page, 'redo').click();
    await expect.poll(() => field.inputValue()).toBe('0.123');

    // Saving another field keeps the invalid text in this one.
    await typeRate(page, 'adagrad', '-1');
    await typeRate(page, 'sgd', '0.05');
    await page.keyboard.press('Enter');
    await expect.poll(() => byTestId(page, 'race-lr-sgd').inputValue()).toBe('0.05');
    expect(await field.inputValue()).toBe('-1');
    expect(await byTestId(page, 'race-lr-error').textContent()).toContain('AdaGrad');
    // An undo brings the saved rates back into both.
    await byTestId(page, 'undo').click();
    await expect.poll(() => byTestId(page, 'race-lr-sgd').inputValue()).toBe('0.9');
    expect(await field.inputValue()).toBe('0.123');
  });

  test('race rate field accepts typed input', async ({ page }) => {
    await openView(page, 'optimizer-race');
    const field = byTestId(page, 'race-lr-sgd');

    await typeRate(page, 'sgd', '0.05');
    await expect.poll(() => field.inputValue()).toBe('0.05');
    expect(await byTestId(page, 'race-lr-error').count()).toBe(0);

    await page.keyboard.press('Control+A');
    await page.keyboard.type('-1', { delay: 30 });
    await expect.poll(() => byTestId(page, 'race-lr-error').textContent()).toContain('SGD');
    expect(await field.inputValue()).toBe('-1');
  });

  test('space warping folds the grid', async ({ page }) => {
    await openView(page, 'space-warping');
    await byTestId(page, 'initial-loss').waitFor({ timeout: 30_000 });
    await expect.poll(() => byTestId(page, 'warp-weights').textContent()).toContain('h₁ = ReLU(1.00 x₁ − 1.00 x₂ + 0.00)');
    const hidden = byTestId(page, 'warp-hidden');
    const before = await canvasPixels(hidden);

    await byTestId(page, 'train').click();
    await expect.poll(() => byTestId(page, 'train').textContent(), { timeout: 120_000 }).toBe('Train');

    await expect.poll(() => canvasPixels(hidden)).not.toBe(before);
    await saveScreenshot(page, 'view-space-warping');
  });

  test('bump moves with its sliders', async ({ page }) => {
    await openView(page, 'bump');
    const output = byTestId(page, 'bump-x');
    await expect.poll(() => page.locator('[data-testid="bump-x"]').locator('..').textContent()).toContain('f(x) = 1.000');

    // Height 2 doubles the plateau value at x = 0.25.
    await setRange(byTestId(page, 'bump-height'), 2);
    await expect.poll(() => output.locator('..').textContent()).toContain('f(x) = 2.000');
    // Moving the end to 0.5 puts x = 0.25 on the falling ramp: ramp 0.5, so f = 2 · (0.5 − 0.25) / 0.5 = 1.
    await setRange(byTestId(page, 'bump-end'), 0.5);
    await expect.poll(() => output.locator('..').textContent()).toContain('f(x) = 1.000');

    await expect.poll(() => byTestId(page, 'bump-error').textContent()).toContain('6 bumps');
    const sixBumps = Number((await byTestId(page, 'bump-error').textContent())!.split(':').pop());
    await setRange(byTestId(page, 'bump-count'), 30);
    await expect.poll(() => byTestId(page, 'bump-error').textContent()).toContain('30 bumps');
    const thirtyBumps = Number((await byTestId(page, 'bump-error').textContent())!.split(':').pop());
    expect(thirtyBumps).toBeLessThan(sixBumps);
    await saveScreenshot(page, 'view-bump');
  });

  test('bump slider drag is one step', async ({ page }) => {
    await openView(page, 'bump');
    const slider = byTestId(page, 'bump-height');
    const label = () => slider.locator('..').textContent();
    await expect.poll(label).toContain('1.00');
    // The height runs from -2 to 2, so 1 sits at three quarters of the track.
    const box = (await slider.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 8; step++) await page.mouse.move(box.x + box.width * (0.75 + step * 0.03), box.y + box.height / 2);
    await page.mouse.up();
    await expect.poll(label).not.toContain('1.00');
    await byTestId(page, 'undo').click();
    await expect.poll(label).toContain('1.00');

    // Each key press is a step of its own.
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(label).toContain('1.10');
    await page.keyboard.press('Control+z');
    await expect.poll(label).toContain('1.05');

    // A held key's repeats belong to its press.
    for (let repeat = 0; repeat < 4; repeat++) await page.keyboard.down('ArrowRight');
    await page.keyboard.up('ArrowRight');
    await expect.poll(label).toContain('1.25');
    await page.keyboard.press('Control+z');
    await expect.poll(label).toContain('1.05');
  });

  test('optimizer race runs from a clicked start', async ({ page }) => {
    await openView(page, 'optimizer-race');
    const plot = byTestId(page, 'race-plot');

    await clickAt(page, plot, 0.1, 0.2);
    // The click moved the graph's x and y: the start is near (−4, 1.5).
    await expect.poll(() => byTestId(page, 'race-loss-sgd').textContent()).not.toBe('');
    const startLoss = await readNumber(byTestId(page, 'race-loss-sgd'));
    expect(startLoss).toBeGreaterThan(1.5);

    await byTestId(page, 'race-start').click();
    await expect.poll(() => byTestId(page, 'race-step').textContent(), { timeout: 60_000 }).toContain('step 150 of 150');
    for (const name of ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam']) {
      expect(await readNumber(byTestId(page, `race-loss-${name}`)), name).toBeLessThan(0.05 * startLoss);
    }
    await saveScreenshot(page, 'view-optimizer-race');
  });

  test('hinge vs softmax follows an edited score', async ({ page }) => {
    await openView(page, 'hinge-vs-softmax');
    // Row [10, 9, 9]: hinge 0, softmax ln(1 + 2/e) = 0.5514.
    await expect.poll(() => readNumber(byTestId(page, 'softmax-1'))).toBeCloseTo(0.5514, 3);
    expect(await readNumber(byTestId(page, 'hinge-1'))).toBe(0);

    // s1 = 9.5 enters the margin: hinge = (9.5 − 10 + 1) + (9 − 10 + 1) = 0.5; softmax = ln(1 + e^−0.5 + e^−1) = ln 1.9744 = 0.6803.
    const score = byTestId(page, 'score-1-1');
    await score.fill('9.5');
    await score.press('Enter');
    await expect.poll(() => readNumber(byTestId(page, 'hinge-1'))).toBeCloseTo(0.5, 4);
    await expect.poll(() => readNumber(byTestId(page, 'softmax-1'))).toBeCloseTo(0.6803, 3);
    await byTestId(page, 'losses-row-1').check();
    await saveScreenshot(page, 'view-hinge-vs-softmax');

    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => byTestId(page, 'view-toggle').textContent()).toContain('课程视图');
    await expect.poll(() => byTestId(page, 'losses-table').textContent()).toContain('hinge 损失');
    await saveScreenshot(page, 'view-hinge-vs-softmax-zh-CN');
  });
});
