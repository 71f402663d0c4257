import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, expectNumber, openApp, parseDisplayedNumber, readNumber } from './app';
import { saveScreenshot, test } from './browser';

/** Reads "Epoch e: loss L, train accuracy A%, validation accuracy V%" as numbers; accuracies as fractions. */
async function lastEpoch(page: Page): Promise<{ epoch: number; loss: number; train: number; validation: number }> {
  const text = (await byTestId(page, 'last-epoch').textContent()) ?? '';
  const numbers = (text.replace(/\u2212/g, '-').match(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi) ?? []).map(Number);
  return { epoch: numbers[0], loss: numbers[1], train: numbers[2] / 100, validation: numbers[3] / 100 };
}

/** Types a value into a training setting and presses Enter, which applies it. */
async function setField(page: Page, testId: string, value: string): Promise<void> {
  const field = byTestId(page, testId);
  await field.fill(value);
  await field.press('Enter');
  await expect.poll(() => field.inputValue()).toBe(value);
}

async function canvasPixels(canvas: Locator): Promise<string> {
  return canvas.evaluate((element: HTMLCanvasElement) => element.toDataURL());
}

/** Scrolls the training panel so the element is at its top, for a screenshot of the run. */
async function scrollPanelTo(page: Page, testId: string): Promise<void> {
  await byTestId(page, testId).evaluate((element) => element.scrollIntoView({ block: 'start' }));
}

async function openTrainingPreset(page: Page, presetId: string): Promise<void> {
  await openApp(page, `#preset=${presetId}`);
  await byTestId(page, 'training-panel').waitFor();
  await byTestId(page, 'initial-loss').waitFor({ timeout: 30_000 });
}

describe('training panel', () => {
  test('linear softmax trains on blobs', async ({ page }) => {
    await openTrainingPreset(page, 'linear-softmax');

    // Three classes and near-zero initial scores: softmax gives 1/3 to each class, so the loss starts at ln 3.
    await expectNumber(byTestId(page, 'expected-initial-loss'), Math.log(3), 3);
    expect(await readNumber(byTestId(page, 'initial-loss'))).toBeCloseTo(Math.log(3), 1);
    await expect.poll(() => byTestId(page, 'explanation').textContent()).toContain('ln C');

    // Enough epochs that the pause always comes before the end, however fast the machine trains.
    await setField(page, 'epochs', '1000');
    // blobs: 3 × 100 points, 70% for training = 210, in batches of 32 = 7 batches per epoch.
    await expect.poll(() => byTestId(page, 'train-progress').textContent()).toBe('epoch 0 / 1000, batch 0 / 7');
    const boundaryBefore = await canvasPixels(byTestId(page, 'boundary'));

    for (let step = 0; step < 7; step++) await byTestId(page, 'train-step').click();
    await expect.poll(async () => (await lastEpoch(page)).epoch).toBe(1);
    const first = await lastEpoch(page);
    const lossChartAfterOne = await byTestId(page, 'loss-chart').screenshot();

    await byTestId(page, 'train').click();
    await expect.poll(async () => (await lastEpoch(page)).epoch, { timeout: 60_000 }).toBeGreaterThanOrEqual(15);
    await byTestId(page, 'train').click();
    await expect.poll(() => byTestId(page, 'train').textContent()).toBe('Train');
    // An epoch evaluation that had started before the pause finishes in the background.
    await expect.poll(() => byTestId(page, 'train-evaluating').count(), { timeout: 30_000 }).toBe(0);

    const paused = await lastEpoch(page);
    await page.waitForTimeout(500);
    expect((await lastEpoch(page)).epoch).toBe(paused.epoch);
    expect(paused.epoch).toBeLessThan(1000);
    expect(paused.loss).toBeLessThan(first.loss);
    expect(paused.train).toBeGreaterThan(first.train);
    expect(paused.train).toBeGreaterThan(0.9);

    expect(await canvasPixels(byTestId(page, 'boundary'))).not.toBe(boundaryBefore);
    expect((await byTestId(page, 'loss-chart').screenshot()).equals(lossChartAfterOne)).toBe(false);
    await scrollPanelTo(page, 'train-progress');
    await saveScreenshot(page, 'training-linear-softmax');
  });

  test('huge learning rate stops with a message', async ({ page }) => {
    await openTrainingPreset(page, 'linear-softmax');
    await byTestId(page, 'optimizer').selectOption('sgd');
    await setField(page, 'learning-rate', '10000');
    await byTestId(page, 'initial-loss').waitFor();

    await byTestId(page, 'train').click();

    const error = byTestId(page, 'train-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toMatch(/the loss became (NaN|Infinity)/);
    expect(await error.textContent()).toContain('learning rate of 10000');
    expect(await byTestId(page, 'train').isDisabled()).toBe(true);
  });

  test('click on the plot adds a point', async ({ page }) => {
    await openTrainingPreset(page, 'linear-softmax');
    const counts = byTestId(page, 'split-counts');
    const total = async () => ((await counts.textContent())?.match(/\d+/g) ?? []).map(Number).reduce((a, b) => a + b, 0);
    expect(await total()).toBe(300);

    await byTestId(page, 'point-class').selectOption('2');
    await byTestId(page, 'boundary').click({ position: { x: 40, y: 40 } });

    await expect.poll(total, { timeout: 10_000 }).toBe(301);
  });

  test('CSV error names line and column', async ({ page }) => {
    await openTrainingPreset(page, 'linear-softmax');
    await byTestId(page, 'dataset').selectOption('csv');
    await byTestId(page, 'csv-input').fill('0.1, 0.2, 0\n0.3, abc, 1\n');
    await byTestId(page, 'csv-apply').click();
    expect(await byTestId(page, 'csv-error').textContent()).toContain('Line 2, column 2: "abc" is not a number.');

    await byTestId(page, 'language').selectOption('zh-CN');
    expect(await byTestId(page, 'csv-error').textContent()).toBe('CSV 未应用：第 2 行第 2 列：“abc”不是数字。');
    await byTestId(page, 'language').selectOption('en');

    const rows = Array.from({ length: 40 }, (_unused, i) => `${(i % 2) * 2 - 1 + i * 0.001}, ${i * 0.01}, ${i % 2}`).join('\n');
    await byTestId(page, 'csv-input').fill(rows);
    await byTestId(page, 'csv-apply').click();
    await expect.poll(() => byTestId(page, 'split-counts').textContent(), { timeout: 10_000 }).toMatch(/^Examples: 28 train, 6 validation, 6 test$/);
    expect(await byTestId(page, 'expected-initial-loss').textContent()).toBe(String(Number(Math.log(2).toPrecision(4))));
  });

  test('show batch puts values on the wires', async ({ page }) => {
    await openTrainingPreset(page, 'linear-softmax');
    await byTestId(page, 'train-step').click();
    await byTestId(page, 'show-batch').click();

    // The traced batch has 8 examples, so the scores on the wire into the loss are [8×3].
    const scores = byTestId(page, 'edge-value-scores.out->dataLoss.scores');
    await expect.poll(() => scores.textContent()).toContain('8×3');
  });

  test('inspector shows Adam moments of W', async ({ page }) => {
    await openTrainingPreset(page, 'linear-softmax');
    await byTestId(page, 'train-step').click();
    await page.locator('.react-flow__node[data-id="W"]').click();

    const state = byTestId(page, 'optimizer-state');
    await state.waitFor();
    expect(await byTestId(page, 'optimizer-slot-m').textContent()).toContain('first moment');
    expect(await byTestId(page, 'optimizer-slot-v').textContent()).toContain('second moment');
  });

  test('panel collapses to a strip', async ({ page }) => {
    await openTrainingPreset(page, 'linear-softmax');
    const canvasWidth = async () => (await page.locator('.react-flow').boundingBox())!.width;
    const before = await canvasWidth();

    await byTestId(page, 'training-toggle').click();

    expect((await byTestId(page, 'training-panel').boundingBox())!.width).toBeLessThan(60);
    await expect.poll(canvasWidth).toBeGreaterThan(before + 250);
    expect(await byTestId(page, 'train').count()).toBe(0);
  });

  test('panel follows the language', async ({ page }) => {
    await openTrainingPreset(page, 'linear-softmax');
    await byTestId(page, 'language').selectOption('zh-CN');

    await expect.poll(() => byTestId(page, 'train-progress').textContent()).toBe('第 0 / 40 轮，第 0 / 7 批');
    expect(await byTestId(page, 'train').textContent()).toBe('训练');
    expect(await byTestId(page, 'last-epoch').textContent()).toBe('尚未完成任何一轮。');
    // Optimizer names stay as the lecture writes them.
    expect(await byTestId(page, 'optimizer').locator('option:checked').textContent()).toBe('Adam');
    await saveScreenshot(page, 'training-zh-CN');
  });

  test('invalid batch size says why', async ({ page }) => {
    await openTrainingPreset(page, 'linear-softmax');
    const field = byTestId(page, 'batch-size');
    await field.fill('0');
    await expect.poll(() => byTestId(page, 'batch-size-error').textContent()).toBe('Enter a whole number of at least 1.');
    expect(await byTestId(page, 'batch-size-error').isVisible()).toBe(true);
    await saveScreenshot(page, 'training-invalid-batch-size');
    // The invalid text stays and is not applied.
    await field.press('Enter');
    expect(await field.inputValue()).toBe('0');
    await expect.poll(() => byTestId(page, 'train-progress').textContent()).toBe('epoch 0 / 40, batch 0 / 7');
    await field.fill('32');
    await field.press('Enter');
    expect(await byTestId(page, 'batch-size-error').count()).toBe(0);
  });

  test('Ctrl+Z on a focused select undoes', async ({ page }) => {
    await openTrainingPreset(page, 'linear-softmax');
    const optimizer = byTestId(page, 'optimizer');
    expect(await optimizer.inputValue()).toBe('adam');

    // A select keeps the focus after a choice; the arrow key chooses the option above Adam.
    await optimizer.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => optimizer.inputValue()).toBe('rmsprop');
    await page.keyboard.press('Control+z');
    await expect.poll(() => optimizer.inputValue()).toBe('adam');
    await page.keyboard.press('Control+y');
    await expect.poll(() => optimizer.inputValue()).toBe('rmsprop');
    expect(await optimizer.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  test('MNIST loads lazily and shows templates', async ({ page }) => {
    const digitRequests: string[] = [];
    page.on('request', (request) => {
      if (/\/assets\/\d\b.*\.json$/.test(new URL(request.url()).pathname)) digitRequests.push(request.url());
    });
    await openTrainingPreset(page, 'linear-softmax');
    expect(digitRequests).toEqual([]);

    await byTestId(page, 'dataset').selectOption('mnist');
    await byTestId(page, 'dataset-progress').waitFor({ timeout: 10_000 });
    await byTestId(page, 'templates').waitFor({ timeout: 60_000 });
    expect(digitRequests).toHaveLength(10);
    // mnistSettings keeps 80% of the 10,000 digits for training and 10% each for validation and test.
    expect(await byTestId(page, 'split-counts').textContent()).toBe('Examples: 8000 train, 1000 validation, 1000 test');
    await expectNumber(byTestId(page, 'expected-initial-loss'), Math.log(10), 3);
    expect(parseDisplayedNumber((await byTestId(page, 'train-progress').textContent()) ?? '')).toBe(0);

    const templatesBefore = await canvasPixels(byTestId(page, 'templates').locator('canvas').first());
    await setField(page, 'epochs', '1');
    await byTestId(page, 'train').click();
    await expect.poll(async () => (await lastEpoch(page)).epoch, { timeout: 60_000 }).toBe(1);
    expect((await lastEpoch(page)).validation).toBeGreaterThan(0.8);
    expect(await canvasPixels(byTestId(page, 'templates').locator('canvas').first())).not.toBe(templatesBefore);
    await scrollPanelTo(page, 'last-epoch');
    await saveScreenshot(page, 'training-mnist-templates');
  });
});
