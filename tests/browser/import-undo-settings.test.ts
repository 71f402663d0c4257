import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { serializeDocument } from '../../src/engine/document';
import { findPreset } from '../../src/presets';
import { byTestId, openApp, typeInto } from './app';
import { saveScreenshot, test } from './browser';

/** Imports a preset's graph as a file, which opens without a preset, and waits for its learning rate. */
async function importGraph(page: Page, presetId: string, learningRate: string): Promise<void> {
  const buffer = Buffer.from(serializeDocument(findPreset(presetId)!.build()));
  await byTestId(page, 'import-file').setInputFiles({ name: `${presetId}.json`, mimeType: 'application/json', buffer });
  await expect.poll(() => byTestId(page, 'learning-rate').inputValue(), { timeout: 30_000 }).toBe(learningRate);
  await expect.poll(() => byTestId(page, 'preset-menu').inputValue()).not.toBe(presetId);
}

describe('undo of an import', () => {
  test('replaces invalid settings text', async ({ page }) => {
    await openApp(page, '#preset=linear-softmax');
    await byTestId(page, 'training-panel').waitFor({ timeout: 30_000 });
    await importGraph(page, 'linear-softmax', '0.01');
    await importGraph(page, 'linear-svm', '0.1');

    // Both graphs train with seed 1, so the undo leaves the seed's value as it was.
    await typeInto(page, 'seed', 'abc');
    await expect.poll(() => byTestId(page, 'seed-error').isVisible()).toBe(true);
    await byTestId(page, 'undo').click();
    await expect.poll(() => byTestId(page, 'learning-rate').inputValue(), { timeout: 10_000 }).toBe('0.01');

    await expect.poll(() => byTestId(page, 'seed').inputValue(), { timeout: 10_000 }).toBe('1');
    expect(await byTestId(page, 'seed-error').count()).toBe(0);
    expect(await byTestId(page, 'train-blocked').count()).toBe(0);
    await saveScreenshot(page, 'import-undo-settings');
  });
});
