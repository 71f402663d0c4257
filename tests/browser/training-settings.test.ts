import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, openApp, typeInto } from './app';
import { saveScreenshot, test } from './browser';

async function openLinearSoftmax(page: Page): Promise<void> {
  await openApp(page, '#preset=linear-softmax');
  await byTestId(page, 'training-panel').waitFor();
  await byTestId(page, 'initial-loss').waitFor({ timeout: 30_000 });
}

describe('training settings that block a run', () => {
  test('invalid rate disables Train and Step', async ({ page }) => {
    await openLinearSoftmax(page);
    expect(await byTestId(page, 'train').isEnabled()).toBe(true);

    await typeInto(page, 'learning-rate', '0.0.1');
    await page.keyboard.press('Enter');
    await expect.poll(() => byTestId(page, 'learning-rate-error').isVisible()).toBe(true);
    expect(await byTestId(page, 'train').isDisabled()).toBe(true);
    expect(await byTestId(page, 'train-step').isDisabled()).toBe(true);
    const note = byTestId(page, 'train-blocked');
    expect(await note.textContent()).toBe('Training waits for a valid value in Learning rate. Fix the text, or press Escape in the field to restore the last valid value.');
    expect(await byTestId(page, 'train').getAttribute('title')).toBe(await note.textContent());
    await saveScreenshot(page, 'training-blocked-by-rate');

    // Leaving the field keeps what was typed.
    await byTestId(page, 'epochs').click();
    expect(await byTestId(page, 'learning-rate').inputValue()).toBe('0.0.1');
    expect(await byTestId(page, 'train').isDisabled()).toBe(true);

    // A second invalid field joins the list, and the note follows the language.
    await typeInto(page, 'seed', '-3');
    await expect.poll(() => note.textContent()).toContain('Learning rate and Seed');
    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => note.textContent()).toContain('学习率和随机种子');
    await byTestId(page, 'language').selectOption('en');

    // Escape restores the seed, and fixing the rate applies it and enables Train again.
    await byTestId(page, 'seed').press('Escape');
    expect(await byTestId(page, 'seed').inputValue()).toBe('1');
    await expect.poll(() => note.textContent()).not.toContain('Seed');
    await typeInto(page, 'learning-rate', '0.01');
    await page.keyboard.press('Enter');
    await expect.poll(() => byTestId(page, 'train').isEnabled()).toBe(true);
    expect(await byTestId(page, 'train-step').isEnabled()).toBe(true);
    expect(await note.count()).toBe(0);
    expect(await byTestId(page, 'train').getAttribute('title')).toBeNull();
  });

  test('preset switch replaces invalid text', async ({ page }) => {
    await openLinearSoftmax(page);
    await typeInto(page, 'seed', 'abc');
    await typeInto(page, 'learning-rate', '-1');
    await expect.poll(() => byTestId(page, 'seed-error').isVisible()).toBe(true);
    expect(await byTestId(page, 'learning-rate-error').isVisible()).toBe(true);
    expect(await byTestId(page, 'train').isDisabled()).toBe(true);

    // linear-svm trains with seed 1 as linear-softmax does, but with learning rate 0.1 instead of 0.01.
    await byTestId(page, 'preset-menu').selectOption('linear-svm');
    await expect.poll(() => byTestId(page, 'learning-rate').inputValue(), { timeout: 10_000 }).toBe('0.1');

    expect(await byTestId(page, 'seed').inputValue()).toBe('1');
    expect(await byTestId(page, 'seed-error').count()).toBe(0);
    expect(await byTestId(page, 'learning-rate-error').count()).toBe(0);
    expect(await byTestId(page, 'train-blocked').count()).toBe(0);
    await expect.poll(() => byTestId(page, 'train').isEnabled(), { timeout: 30_000 }).toBe(true);
    await saveScreenshot(page, 'training-preset-switch-clears-invalid-text');
  });

  test('undone preset switch restores the value', async ({ page }) => {
    await openLinearSoftmax(page);
    await byTestId(page, 'preset-menu').selectOption('linear-svm');
    await expect.poll(() => byTestId(page, 'learning-rate').inputValue(), { timeout: 10_000 }).toBe('0.1');

    // Both presets train with seed 1, so the undo leaves the seed's value as it was.
    await typeInto(page, 'seed', 'abc');
    await expect.poll(() => byTestId(page, 'seed-error').isVisible()).toBe(true);
    await byTestId(page, 'undo').click();
    await expect.poll(() => byTestId(page, 'preset-menu').inputValue()).toBe('linear-softmax');
    await expect.poll(() => byTestId(page, 'learning-rate').inputValue()).toBe('0.01');

    expect(await byTestId(page, 'seed').inputValue()).toBe('1');
    expect(await byTestId(page, 'seed-error').count()).toBe(0);
    expect(await byTestId(page, 'train-blocked').count()).toBe(0);
    await expect.poll(() => byTestId(page, 'train').isEnabled(), { timeout: 30_000 }).toBe(true);
    await saveScreenshot(page, 'training-undone-preset-switch');
  });

  test('typed text survives a collapse', async ({ page }) => {
    await openLinearSoftmax(page);
    await typeInto(page, 'batch-size', '12x');

    await byTestId(page, 'training-toggle').click();
    await byTestId(page, 'training-toggle').click();

    expect(await byTestId(page, 'batch-size').inputValue()).toBe('12x');
    expect(await byTestId(page, 'train').isDisabled()).toBe(true);
    expect(await byTestId(page, 'train-blocked').textContent()).toContain('Batch size');
  });

  test('invalid settings disable the comparison', async ({ page }) => {
    await openLinearSoftmax(page);
    await byTestId(page, 'open-compare').click();
    await byTestId(page, 'compare-panel').waitFor();
    await expect.poll(() => byTestId(page, 'compare-run').isEnabled(), { timeout: 30_000 }).toBe(true);

    // A training setting feeds both runs.
    await typeInto(page, 'seed', '1.5');
    await expect.poll(() => byTestId(page, 'compare-run').isDisabled()).toBe(true);
    expect(await byTestId(page, 'compare-blocked').textContent()).toContain('valid value in Seed.');
    await byTestId(page, 'seed').press('Escape');
    await expect.poll(() => byTestId(page, 'compare-run').isEnabled()).toBe(true);

    // A comparison's own rate blocks the comparison only.
    await typeInto(page, 'compare-lr-b', 'fast');
    await expect.poll(() => byTestId(page, 'compare-run').isDisabled()).toBe(true);
    expect(await byTestId(page, 'compare-blocked').textContent()).toContain('valid value in Learning rate of run B.');
    expect(await byTestId(page, 'train').isEnabled()).toBe(true);
    await saveScreenshot(page, 'compare-blocked-by-rate');
  });
});

describe('training setting bounds', () => {
  test('batch above the split is reported', async ({ page }) => {
    await openLinearSoftmax(page);
    await typeInto(page, 'batch-size', '500');
    await page.keyboard.press('Enter');

    // blobs: 3 × 100 points, 70% for training = 210, so one batch of all 210 per epoch.
    await expect.poll(() => byTestId(page, 'batch-size-note').textContent(), { timeout: 30_000 }).toBe('The training split has 210 examples, so each step trains on all 210 of them.');
    await expect.poll(() => byTestId(page, 'train-progress').textContent()).toBe('epoch 0 / 40, batch 0 / 1');
    expect(await byTestId(page, 'train').isEnabled()).toBe(true);

    await typeInto(page, 'batch-size', '99999999999');
    expect(await byTestId(page, 'batch-size-error').textContent()).toBe('Enter a whole number from 1 to 1000000.');
    expect(await byTestId(page, 'train').isDisabled()).toBe(true);

    await byTestId(page, 'language').selectOption('zh-CN');
    await byTestId(page, 'batch-size').press('Escape');
    await expect.poll(() => byTestId(page, 'batch-size-note').textContent()).toBe('训练集只有 210 个样本，所以每一步都用全部 210 个样本训练。');
  });

  test('seed outside the range is rejected', async ({ page }) => {
    await openLinearSoftmax(page);
    // 2^32 = 4294967296 is one past the largest seed.
    await typeInto(page, 'seed', '4294967296');
    await page.keyboard.press('Enter');

    expect(await byTestId(page, 'seed-error').textContent()).toBe('Enter a whole number from 0 to 4294967295: the random number generators use seeds in this range exactly.');
    expect(await byTestId(page, 'train').isDisabled()).toBe(true);
    await byTestId(page, 'language').selectOption('zh-CN');
    await expect.poll(() => byTestId(page, 'seed-error').textContent()).toBe('请输入 0 到 4294967295 之间的整数：随机数生成器只能精确使用这个范围内的种子。');
    await byTestId(page, 'language').selectOption('en');

    await typeInto(page, 'seed', '4294967295');
    await page.keyboard.press('Enter');
    await expect.poll(() => byTestId(page, 'seed-error').count()).toBe(0);
    await expect.poll(() => byTestId(page, 'train').isEnabled(), { timeout: 30_000 }).toBe(true);
  });
});
