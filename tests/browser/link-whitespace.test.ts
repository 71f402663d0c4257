import { describe, expect } from 'vitest';
import { defaultShareOptions, shareFragment } from '../../src/editor/share/share-link';
import { findPreset } from '../../src/presets';
import { byTestId, nodeIds } from './app';
import { appUrl, saveScreenshot, test } from './browser';

const knnFragment = () => shareFragment({ document: findPreset('knn')!.build(), cursor: 0, weights: null, presetId: 'knn' }, defaultShareOptions);

describe('links with whitespace', () => {
  test('trailing space still opens', async ({ page }) => {
    await page.goto(appUrl(`#${knnFragment()}%20`));
    const expected = findPreset('knn')!.build().nodes.map((node) => node.id).sort();
    await expect.poll(async () => (await nodeIds(page)).sort(), { timeout: 30_000 }).toEqual(expected);
    expect(await byTestId(page, 'load-error').count()).toBe(0);
  });

  test('inner space named in message', async ({ page }) => {
    const fragment = knnFragment();
    // "graph=" is 6 characters, so the space is character 15 of the link's data.
    await page.goto(appUrl(`#${fragment.slice(0, 20)}%20${fragment.slice(20)}`));
    await byTestId(page, 'load-error').waitFor({ timeout: 30_000 });
    await byTestId(page, 'language').selectOption('en');
    await expect.poll(() => byTestId(page, 'load-error').locator('li').allTextContents(), { timeout: 10_000 }).toEqual([
      'The link is corrupt: its data contains a space at position 15, which a link cannot contain. After "#graph=" a link contains only the letters A–Z and a–z, the digits 0–9, "-" and "_". Copy the whole link again.',
    ]);
    await saveScreenshot(page, 'link-inner-space');
  });

  test('preset name with whitespace opens', async ({ page }) => {
    const idsOf = (id: string) => findPreset(id)!.build().nodes.map((node) => node.id).sort();
    const unknownPresetNotices = () => byTestId(page, 'notice').filter({ hasText: 'does not exist' }).count();

    await page.goto(appUrl('#preset=knn%20'));
    await byTestId(page, 'language').selectOption('en');
    await byTestId(page, 'view-panel').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await nodeIds(page)).sort(), { timeout: 30_000 }).toEqual(idsOf('knn'));
    expect(await unknownPresetNotices()).toBe(0);

    // A later hash change goes through the hashchange handler instead of the first load.
    await page.evaluate(() => {
      location.hash = '#preset=%20add-mul%0A';
    });
    await expect.poll(async () => (await nodeIds(page)).sort(), { timeout: 30_000 }).toEqual(idsOf('add-mul'));
    expect(await unknownPresetNotices()).toBe(0);
    await saveScreenshot(page, 'preset-hash-whitespace');
  });
});
