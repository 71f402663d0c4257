import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, connect, dropFromPalette, findEmptySpot, openApp, parseDisplayedNumber, typeValue } from './app';
import { saveScreenshot, test } from './browser';

async function openTrainingPreset(page: Page, presetId: string): Promise<void> {
  await openApp(page, `#preset=${presetId}`);
  await byTestId(page, 'training-panel').waitFor();
  await byTestId(page, 'initial-loss').waitFor({ timeout: 60_000 });
}

/** Reads the epoch number from "Epoch e: loss …", or 0 before the first epoch ends. */
async function epochsDone(page: Page): Promise<number> {
  const text = await byTestId(page, 'last-epoch').textContent().catch(() => null);
  return text ? parseDisplayedNumber(text) : 0;
}

/**
 * Sets the epoch count and trains until training stops by itself, so the run
 * takes the same steps and the health table shows the same sample however
 * busy the machine is.
 */
async function trainEpochs(page: Page, epochs: number): Promise<void> {
  await byTestId(page, 'epochs').fill(String(epochs));
  await byTestId(page, 'epochs').press('Enter');
  await byTestId(page, 'train').click();
  await expect.poll(() => epochsDone(page), { timeout: 180_000 }).toBe(epochs);
  await expect.poll(() => byTestId(page, 'train').textContent(), { timeout: 30_000 }).toBe('Train');
  await expect.poll(() => byTestId(page, 'train-evaluating').count(), { timeout: 30_000 }).toBe(0);
}

/** Reads the gradient norm the health table shows for a node. */
async function gradientNorm(page: Page, nodeId: string): Promise<number> {
  const cell = byTestId(page, `health-row-${nodeId}`).locator('td').nth(1);
  return parseDisplayedNumber((await cell.textContent()) ?? '');
}

async function cellText(page: Page, nodeId: string, column: number): Promise<string> {
  return (await byTestId(page, `health-row-${nodeId}`).locator('td').nth(column).textContent()) ?? '';
}

describe('health panel', () => {
  test('mlp6 gradients vanish with sigmoid', async ({ page }) => {
    await openTrainingPreset(page, 'mlp6');
    await byTestId(page, 'open-health').click();
    await byTestId(page, 'health-table').waitFor();

    await trainEpochs(page, 3);
    await byTestId(page, 'health-gradient-chart').waitFor({ timeout: 30_000 });
    await byTestId(page, 'health-activation-chart').waitFor();
    const reluRatio = (await gradientNorm(page, 'W1')) / (await gradientNorm(page, 'W6'));
    expect(await cellText(page, 'relu1', 0)).toContain('relu');
    expect(await cellText(page, 'relu5', 2)).toMatch(/^\d+%$/);
    expect(await byTestId(page, 'health-badge-relu5').textContent()).toMatch(/dead \d+%/);
    expect(await byTestId(page, 'health-badge-W1').textContent()).toContain('‖∇‖');
    await saveScreenshot(page, 'health-mlp6-relu');
    await byTestId(page, 'health-overlay-close').click();
    await byTestId(page, 'node-W1').scrollIntoViewIfNeeded();
    for (let zoom = 0; zoom < 3; zoom++) await page.locator('.react-flow__controls-zoomin').click();
    await saveScreenshot(page, 'health-mlp6-badges');
    await byTestId(page, 'open-health').click();

    await byTestId(page, 'activation-sigmoid').click();
    await expect.poll(() => cellText(page, 'relu1', 0), { timeout: 60_000 }).toContain('sigmoid');
    await byTestId(page, 'initial-loss').waitFor({ timeout: 60_000 });
    await trainEpochs(page, 3);
    await expect.poll(() => cellText(page, 'relu5', 3), { timeout: 30_000 }).toMatch(/^\d+%$/);
    const sigmoidRatio = (await gradientNorm(page, 'W1')) / (await gradientNorm(page, 'W6'));
    expect(await byTestId(page, 'health-badge-relu5').textContent()).toMatch(/saturated \d+%/);
    await saveScreenshot(page, 'health-mlp6-sigmoid');

    // Measured in Node on the same seed: ‖∂L/∂W1‖ / ‖∂L/∂W6‖ is about 0.2 with ReLU and about 0.01 with sigmoid.
    expect(sigmoidRatio).toBeLessThan(reluRatio / 5);
  });

  test('exp overflow is explained on its node', async ({ page }) => {
    await openApp(page, '#preset=sigmoid-gates');

    // w0·x0 + w1·x1 + w2 falls to about −200, so the exp gate reads about 200 and overflows float32.
    await typeValue(page, 'w2', '-200');
    await byTestId(page, 'open-health').click();

    const notice = byTestId(page, 'health-nan-text');
    await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toContain('Node "e" (exp)');
    expect(await notice.textContent()).toContain('88.7');
    await byTestId(page, 'health-nan-marker-e').waitFor();
    await saveScreenshot(page, 'health-exp-overflow');

    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain('超过 float32 的最大值');
    await saveScreenshot(page, 'health-exp-overflow-zh-CN');
  });

  test('log of zero on a built graph', async ({ page }) => {
    await openApp(page, '#preset=add-mul');
    // The first empty spot is the rightmost one, so the log goes first and the input lands to its left.
    const logSpot = await findEmptySpot(page);
    const log = await dropFromPalette(page, 'log', logSpot);
    const input = await dropFromPalette(page, 'input', await findEmptySpot(page, [logSpot]));
    await connect(page, input, log, 'x');
    await typeValue(page, input, '0');
    await byTestId(page, 'open-health').click();

    const notice = byTestId(page, 'health-nan-text');
    await expect.poll(() => notice.textContent(), { timeout: 30_000 }).toContain(`(log)`);
    expect(await notice.textContent()).toContain('holds 0');
    await byTestId(page, `health-nan-marker-${log}`).waitFor();
    await saveScreenshot(page, 'health-log-of-zero');

    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain('ln 0 = −∞');
    expect(await notice.textContent()).toContain('含有 0');
    await saveScreenshot(page, 'health-log-of-zero-zh-CN');
  });

  test('diverging SGD keeps the charts', async ({ page }) => {
    await openTrainingPreset(page, 'mlp2');
    await byTestId(page, 'optimizer').selectOption('sgd');
    await byTestId(page, 'learning-rate').fill('1000');
    await byTestId(page, 'learning-rate').press('Enter');
    await byTestId(page, 'initial-loss').waitFor({ timeout: 60_000 });
    await byTestId(page, 'open-health').click();

    // At this learning rate the ReLUs die and the weights' gradient norms fall below 1e-40, far under what uPlot's log-axis ticks can label.
    await trainEpochs(page, 80);
    await byTestId(page, 'health-gradient-chart').locator('canvas').waitFor();
    expect(await cellText(page, 'W1', 1)).not.toBe('');
    await saveScreenshot(page, 'health-mlp2-diverged');
  });
});

describe('run comparison', () => {
  test('SGD vs Adam curves overlay', async ({ page }) => {
    await openTrainingPreset(page, 'linear-softmax');
    await byTestId(page, 'open-compare').click();
    await byTestId(page, 'compare-panel').waitFor();
    expect(await byTestId(page, 'compare-fair').textContent()).toContain('same seed (1)');
    expect(await byTestId(page, 'compare-fair').textContent()).toContain('weight initialisation (as the graph sets)');

    await byTestId(page, 'compare-epochs').fill('8');
    await byTestId(page, 'compare-run').click();
    await expect.poll(() => byTestId(page, 'compare-status').textContent(), { timeout: 120_000 }).toBe('Done: run A at epoch 8, run B at epoch 8, of 8.');

    const legend = byTestId(page, 'compare-loss-chart').locator('.u-legend .u-series');
    await expect.poll(() => legend.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('A: sgd, lr 0.1'), expect.stringContaining('B: adam, lr 0.01')]));
    const plotted = await byTestId(page, 'compare-loss-chart').locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let blue = 0;
      let orange = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i] < 80 && pixels[i + 2] > 120) blue++;
        if (pixels[i] > 180 && pixels[i + 1] > 80 && pixels[i + 1] < 150 && pixels[i + 2] < 80) orange++;
      }
      return { blue, orange };
    });
    expect(plotted.blue).toBeGreaterThan(50);
    expect(plotted.orange).toBeGreaterThan(50);
    const [a, b] = await Promise.all(['a', 'b'].map((run) => byTestId(page, `compare-boundary-${run}`).evaluate((canvas: HTMLCanvasElement) => canvas.toDataURL())));
    expect(a).not.toBe(b);
    await byTestId(page, 'compare-boundary-a').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'compare-sgd-adam');
  });

  test('typed compare rates run as typed', async ({ page }) => {
    await openTrainingPreset(page, 'linear-softmax');
    await byTestId(page, 'open-compare').click();
    await byTestId(page, 'compare-panel').waitFor();

    // Typed key by key, as a person types: "0" alone is not a valid rate on the way to "0.05".
    for (const [run, text] of [['a', '0.05'], ['b', '1e-3']]) {
      await byTestId(page, `compare-lr-${run}`).click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text, { delay: 30 });
      expect(await byTestId(page, `compare-lr-${run}`).inputValue()).toBe(text);
    }
    await byTestId(page, 'compare-lr-a').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('-1', { delay: 30 });
    await page.keyboard.press('Tab');
    expect(await byTestId(page, 'compare-lr-a').getAttribute('aria-invalid')).toBe('true');
    expect(await byTestId(page, 'compare-lr-a').getAttribute('title')).toBe('Enter a finite number greater than 0.');
    await byTestId(page, 'compare-lr-a').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0.05', { delay: 30 });

    await byTestId(page, 'compare-epochs').fill('1');
    await byTestId(page, 'compare-run').click();
    await expect.poll(() => byTestId(page, 'compare-status').textContent(), { timeout: 120_000 }).toBe('Done: run A at epoch 1, run B at epoch 1, of 1.');
    const legend = byTestId(page, 'compare-loss-chart').locator('.u-legend .u-series');
    await expect.poll(() => legend.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('A: sgd, lr 0.05'), expect.stringContaining('B: adam, lr 0.001')]));
    await saveScreenshot(page, 'compare-typed-rates');
  });

  test('compare stop follows the language', async ({ page }) => {
    await openTrainingPreset(page, 'linear-softmax');
    await byTestId(page, 'open-compare').click();
    await byTestId(page, 'compare-lr-a').fill('1e30');
    await byTestId(page, 'compare-lr-a').press('Enter');
    await byTestId(page, 'compare-epochs').fill('2');
    await byTestId(page, 'compare-run').click();
    await expect.poll(() => byTestId(page, 'compare-status').textContent(), { timeout: 120_000 }).toMatch(/^Done: run A at epoch 0, run B at epoch 2, of 2\.$/);

    const stop = byTestId(page, 'compare-stop-a');
    expect(await stop.textContent()).toMatch(/^A: Training stopped at epoch 1, batch \d+: the loss became (Infinity|NaN)\. A learning rate of 1e\+30 may be too large for SGD; lower it and reset the weights\./);
    expect(await byTestId(page, 'compare-stop-b').count()).toBe(0);
    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => stop.textContent()).toMatch(/^A: 训练在第 1 轮第 \d+ 批停止：损失变成了 (Infinity|NaN)。对 SGD 来说，学习率 1e\+30 可能过大；请调小学习率并重置权重。/);
    await saveScreenshot(page, 'compare-stop-zh');
  });

  test('compare names a graph that cannot train', async ({ page }) => {
    await openTrainingPreset(page, 'linear-softmax');
    await byTestId(page, 'open-compare').click();
    await byTestId(page, 'compare-panel').waitFor();
    await page.locator('.react-flow__node[data-id="dataLoss"] .gate-header').click();
    await page.keyboard.press('Delete');
    await byTestId(page, 'train-setup-error').waitFor({ timeout: 30_000 });

    const hint = byTestId(page, 'compare-waiting');
    await expect.poll(() => hint.textContent()).toBe('The training panel cannot start, so the runs cannot either; its message says why.');
    expect(await byTestId(page, 'compare-run').isDisabled()).toBe(true);
    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => hint.textContent()).toBe('训练面板无法开始训练，因此两次运行也无法开始；原因见训练面板中的消息。');
    await saveScreenshot(page, 'compare-cannot-train-zh');
  });
});
