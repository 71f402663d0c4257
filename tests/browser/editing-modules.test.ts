import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, nodeElement, nodeOutput, openApp } from './app';
import { appUrl, saveScreenshot, test } from './browser';
import { focusBody, selectNodes, sortedIds } from './editing-helpers';

/** Groups the listed nodes into a module named `name` through the toolbar's group dialog. */
async function groupIntoModule(page: Page, nodeIds: readonly string[], name: string): Promise<void> {
  await selectNodes(page, nodeIds);
  await byTestId(page, 'group-module').click();
  await byTestId(page, 'module-name').fill(name);
  await byTestId(page, 'module-group-confirm').click();
  await nodeElement(page, name).waitFor();
}

describe('clipboard with modules', () => {
  test('module pasted into another tab', async ({ page }) => {
    const context = page.context();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl()).origin });
    // First tab: module "gate" is (x + y) · z, which gives (−2 + 5) · (−4) = −12.
    await openApp(page, '#preset=add-mul');
    await groupIntoModule(page, ['q', 'f'], 'gate');
    await expect.poll(() => nodeOutput(page, 'gate')).toBeCloseTo(-12, 3);
    await selectNodes(page, ['x', 'y', 'z', 'gate']);
    await page.keyboard.press('ControlOrMeta+c');

    // Second tab: its own module "gate" is only x + y = 3.
    const second = await context.newPage();
    await openApp(second, '#preset=add-mul');
    await groupIntoModule(second, ['q'], 'gate');
    await expect.poll(() => nodeOutput(second, 'gate')).toBeCloseTo(3, 3);
    await focusBody(second);
    await second.keyboard.press('ControlOrMeta+v');

    await expect.poll(() => sortedIds(second)).toEqual(['f', 'gate', 'gate1', 'x', 'x1', 'y', 'y1', 'z', 'z1']);
    await expect.poll(() => nodeOutput(second, 'gate1')).toBeCloseTo(-12, 3);
    expect(await nodeOutput(second, 'gate')).toBeCloseTo(3, 3);
    expect(await nodeElement(second, 'gate1').textContent()).toContain('gate 2');
    expect(await byTestId(second, 'notice').count()).toBe(0);
    await saveScreenshot(second, 'module-pasted-in-second-tab');

    // The paste, module definition included, is one undo step.
    await focusBody(second);
    await second.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => sortedIds(second)).toEqual(['f', 'gate', 'x', 'y', 'z']);
    await second.close();
  });

  test('cut and paste keeps the module', async ({ page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl()).origin });
    await openApp(page, '#preset=add-mul');
    await groupIntoModule(page, ['q', 'f'], 'gate');
    await selectNodes(page, ['x', 'y', 'z', 'gate']);
    await page.keyboard.press('ControlOrMeta+x');
    await expect.poll(() => sortedIds(page)).toEqual([]);

    await page.keyboard.press('ControlOrMeta+v');

    await expect.poll(() => sortedIds(page)).toEqual(['gate', 'x', 'y', 'z']);
    await expect.poll(() => nodeOutput(page, 'gate')).toBeCloseTo(-12, 3);
  });
});
