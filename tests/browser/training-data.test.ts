import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, openApp } from './app';
import { saveScreenshot, test } from './browser';
import { clickNode } from './editing-helpers';

/** Time allowed for MNIST to load and for epochs to train, which a busy machine slows several-fold. */
const SLOW_MS = 240_000;

interface PanelState {
  button: string;
  evaluating: string | null;
  progress: string;
}

/** Records the Train/Pause button, the evaluation status and the progress text after every DOM change of the panel. */
function recordPanelStates(): void {
  const read = (): PanelState => ({
    button: document.querySelector('[data-testid="train"]')?.textContent ?? '',
    evaluating: document.querySelector('[data-testid="train-evaluating"]')?.textContent ?? null,
    progress: document.querySelector('[data-testid="train-progress"]')?.textContent ?? '',
  });
  const target = window as unknown as { __panelStates: PanelState[] };
  target.__panelStates = [];
  new MutationObserver(() => target.__panelStates.push(read())).observe(document.querySelector('[data-testid="training-panel"]')!, {
    subtree: true,
    childList: true,
    characterData: true,
  });
}

function takePanelStates(): PanelState[] {
  const target = window as unknown as { __panelStates: PanelState[] };
  const states = target.__panelStates;
  target.__panelStates = [];
  return states;
}

async function openOnMnist(page: Page, presetId: string): Promise<void> {
  await openApp(page, `#preset=${presetId}`);
  await byTestId(page, 'initial-loss').waitFor({ timeout: 30_000 });
  await byTestId(page, 'dataset').selectOption('mnist');
  await expect.poll(() => byTestId(page, 'split-counts').textContent(), { timeout: SLOW_MS }).toContain('8000 train');
  await byTestId(page, 'initial-loss').waitFor({ timeout: SLOW_MS });
}

/** Reads "epoch e / E, batch b / B" from the progress bar. */
async function progress(page: Page): Promise<string> {
  return (await byTestId(page, 'train-progress').textContent()) ?? '';
}

/**
 * Writes 90 rows with 4 features and 3 classes: class k has about 2 in feature
 * k and about 0 in the others, with a deterministic jitter of at most ±0.1.
 */
function fourFeatureCsv(): string {
  const rows = ['f1, f2, f3, f4, label'];
  for (let i = 0; i < 90; i++) {
    const label = i % 3;
    const features = [0, 1, 2, 3].map((axis) => (axis === label ? 2 : 0) + (((i * 37 + axis * 11) % 21) - 10) / 100);
    rows.push(`${features.join(', ')}, ${label}`);
  }
  return rows.join('\n');
}

describe('training data and responsiveness', () => {
  test('pause during an epoch end', async ({ page }) => {
    await openOnMnist(page, 'mlp2');
    await page.evaluate(recordPanelStates);
    // On an idle machine an epoch's evaluation can end before the click arrives,
    // so the page's CPU is slowed 6× to leave the click time to land mid-evaluation.
    const devtools = await page.context().newCDPSession(page);
    await devtools.send('Emulation.setCPUThrottlingRate', { rate: 6 });

    // The click may still land after the epoch's evaluation ended, and then
    // the next epoch end gets another try.
    let pausedMidEvaluation: PanelState | undefined;
    for (let attempt = 0; attempt < 4 && !pausedMidEvaluation; attempt++) {
      await byTestId(page, 'train').click();
      await byTestId(page, 'train-evaluating').waitFor({ timeout: SLOW_MS });
      await byTestId(page, 'train').click();
      await expect.poll(() => byTestId(page, 'train').textContent(), { timeout: 30_000 }).toBe('Train');
      pausedMidEvaluation = (await page.evaluate(takePanelStates)).find((state) => state.button === 'Train' && state.evaluating !== null);
    }

    // The button turned back to Train while the evaluation was still running, so the page handled the click mid-evaluation.
    expect(pausedMidEvaluation).toBeDefined();
    expect(pausedMidEvaluation!.evaluating).toMatch(/^Evaluating epoch \d+ on the training and validation splits: \d+%$/);
    // The evaluation then finishes in the background, and no batch is trained after the pause.
    const epoch = Number(/epoch (\d+)/.exec(pausedMidEvaluation!.progress)![1]);
    await expect.poll(() => byTestId(page, 'last-epoch').textContent(), { timeout: SLOW_MS }).toMatch(new RegExp(`^Epoch ${epoch}:`));
    await expect.poll(() => byTestId(page, 'train-evaluating').count(), { timeout: SLOW_MS }).toBe(0);
    await devtools.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const pausedAt = await progress(page);
    expect(pausedAt).toBe(`epoch ${epoch} / 9, batch 0 / 32`);
    await page.waitForTimeout(1000);
    expect(await progress(page)).toBe(pausedAt);
    expect(await byTestId(page, 'train-step').isEnabled()).toBe(true);
    await saveScreenshot(page, 'training-mnist-paused');
  }, SLOW_MS * 2);

  test('failed MNIST file is named', async ({ page }) => {
    await openApp(page, '#preset=mlp2');
    await byTestId(page, 'initial-loss').waitFor({ timeout: 30_000 });
    const nodes = await page.locator('.react-flow__node').count();
    // The digit files load in a worker; the route fails its request for digit 3 with status 404.
    const digitThree = '**/assets/3-*.json';
    await page.context().route(digitThree, (route) => route.fulfill({ status: 404, body: 'missing' }));
    await byTestId(page, 'dataset').selectOption('mnist');
    const error = byTestId(page, 'train-setup-error');
    await error.waitFor({ timeout: SLOW_MS });
    expect(await error.textContent()).toMatch(/^The dataset could not be loaded: Loading MNIST digit 3 from \S+\/assets\/3-[\w-]+\.json failed: HTTP 404 Not Found\. Choose MNIST again to retry\.$/);
    expect(await page.locator('.react-flow__node').count()).toBe(nodes);
    await saveScreenshot(page, 'training-mnist-load-failed');
    // The message follows a language switch.
    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => error.textContent()).toMatch(/^数据集无法加载：从 \S+\/assets\/3-[\w-]+\.json 加载 MNIST 数字 3 失败：HTTP 404/);
    await byTestId(page, 'language').selectOption('en');
    await expect.poll(() => error.textContent()).toMatch(/Loading MNIST digit 3 from \S+ failed: HTTP 404/);

    // A request that never completes names the file too.
    await page.context().unroute(digitThree);
    await page.context().route(digitThree, (route) => route.abort('connectionreset'));
    await byTestId(page, 'dataset').selectOption('blobs');
    await byTestId(page, 'dataset').selectOption('mnist');
    await expect.poll(() => error.textContent(), { timeout: SLOW_MS }).toMatch(/Loading MNIST digit 3 from \S+\/assets\/3-[\w-]+\.json failed: the request did not complete/);

    // So does a file that is valid JSON without images.
    await page.context().unroute(digitThree);
    await page.context().route(digitThree, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: 'null' }));
    await byTestId(page, 'dataset').selectOption('blobs');
    await byTestId(page, 'dataset').selectOption('mnist');
    await expect.poll(() => error.textContent(), { timeout: SLOW_MS }).toMatch(/MNIST digit file \S+\/assets\/3-[\w-]+\.json is invalid/);

    await page.context().unroute(digitThree);
    await byTestId(page, 'dataset').selectOption('blobs');
    await byTestId(page, 'initial-loss').waitFor({ timeout: 60_000 });
    await byTestId(page, 'dataset').selectOption('mnist');
    await expect.poll(() => byTestId(page, 'split-counts').textContent(), { timeout: SLOW_MS }).toContain('8000 train');
    expect(await error.count()).toBe(0);
  }, SLOW_MS * 2);

  test('setup error follows the language', async ({ page }) => {
    await openApp(page, '#preset=linear-softmax');
    await byTestId(page, 'initial-loss').waitFor({ timeout: 30_000 });
    await clickNode(page, 'dataLoss');
    await page.keyboard.press('Delete');
    const error = byTestId(page, 'train-setup-error');
    await expect.poll(() => error.textContent(), { timeout: 30_000 }).toBe(
      'This graph cannot train: Training needs exactly one data loss node (svm-loss or softmax-ce); the graph has 0.',
    );
    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => error.textContent()).toBe('此图无法训练：训练需要恰好一个数据损失节点（svm-loss 或 softmax-ce）；此图有 0 个。');
    await saveScreenshot(page, 'training-setup-error-zh');
  });

  test('CSV with four features trains', async ({ page }) => {
    await openApp(page, '#preset=linear-softmax');
    await byTestId(page, 'initial-loss').waitFor({ timeout: 30_000 });
    await byTestId(page, 'dataset').selectOption('csv');

    await byTestId(page, 'csv-input').fill('f1, f2, f3, f4, label\n1, 2, 3, 4, 0\n1, 2, 3, 1\n');
    await byTestId(page, 'csv-apply').click();
    expect(await byTestId(page, 'csv-error').textContent()).toBe('The CSV was not applied: Line 3: expected 5 values, as on line 2, found 4.');

    await byTestId(page, 'csv-input').fill(fourFeatureCsv());
    await byTestId(page, 'csv-apply').click();
    // 90 rows split 0.7 / 0.15: 63 train, 14 validation (13.5 rounded) and 13 test.
    await expect.poll(() => byTestId(page, 'split-counts').textContent(), { timeout: 30_000 }).toBe('Examples: 63 train, 14 validation, 13 test');
    expect(await byTestId(page, 'csv-error').count()).toBe(0);
    expect(await byTestId(page, 'no-boundary').textContent()).toBe('No decision boundary: the data has 4 features, and the plot shows only data with 2 features.');
    expect(await byTestId(page, 'boundary').count()).toBe(0);
    // The preset was rebuilt for the CSV: W is 4 × 3 on the canvas.
    await expect.poll(() => page.locator('.react-flow__node[data-id="W"]').textContent()).toContain('4×3');

    const field = byTestId(page, 'epochs');
    await field.fill('30');
    await field.press('Enter');
    await byTestId(page, 'train').click();
    await expect.poll(() => byTestId(page, 'last-epoch').textContent(), { timeout: SLOW_MS }).toMatch(/^Epoch 30:/);
    const validation = Number(/validation accuracy ([\d.]+)%/.exec((await byTestId(page, 'last-epoch').textContent())!)![1]);
    expect(validation).toBeGreaterThanOrEqual(90);
    await byTestId(page, 'last-epoch').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await saveScreenshot(page, 'training-csv-four-features');
  }, SLOW_MS);
});
