import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { byTestId, centerOf, dragMouse, nodeElement, nodeIds, nodeOutput, openApp, typeValue } from './app';
import { appUrl, SCREENSHOT_DIR, saveScreenshot, test } from './browser';

const ADD_MUL_IDS = ['f', 'q', 'x', 'y', 'z'];
const MARKUP = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

async function sortedIds(page: Page): Promise<string[]> {
  return (await nodeIds(page)).sort();
}

/** Opens the Share dialog, ticks the given options and returns the link it shows. */
async function shareLink(page: Page, options: string[] = []): Promise<string> {
  await byTestId(page, 'share').click();
  await byTestId(page, 'share-dialog').waitFor();
  for (const option of options) await byTestId(page, `share-${option}`).check();
  return byTestId(page, 'share-url').inputValue();
}

/** Opens a URL in a fresh browser context, with no autosave, as a student receiving the link would. */
async function openInFreshContext(browser: Browser | null, url: string): Promise<Page> {
  const context = await browser!.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.react-flow__node').first().waitFor();
  return page;
}

/** Writes a graph document by hand: input a, with `label`, feeding exp. */
function labelledDocument(label: string, values: number[] = [1]): string {
  return JSON.stringify({
    format: 'backprop-studio-graph',
    version: 1,
    nodes: [
      { id: 'a', kind: 'input', label, params: { value: { shape: values.length === 1 ? [] : [values.length], data: values } }, position: { x: 0, y: 0 } },
      { id: 'e', kind: 'exp', params: {}, position: { x: 300, y: 0 } },
    ],
    edges: [{ id: 'a.out->e.x', source: 'a', sourcePort: 'out', target: 'e', targetPort: 'x' }],
  });
}

async function importDocument(page: Page, text: string): Promise<void> {
  await byTestId(page, 'import-file').setInputFiles({ name: 'graph.json', mimeType: 'application/json', buffer: Buffer.from(text) });
}

describe('share links', () => {
  test('link reopens the same graph and values', async ({ page, browser }) => {
    await openApp(page);
    await typeValue(page, 'x', '-3');
    // q = −3 + 5 = 2 and f = 2 · (−4) = −8.
    await expect.poll(() => nodeOutput(page, 'f')).toBeCloseTo(-8, 3);

    const url = await shareLink(page);
    expect(url).toMatch(/#graph=/);
    expect(await byTestId(page, 'share-length').textContent()).toContain(String(url.length));
    await saveScreenshot(page, 'share-dialog');

    const student = await openInFreshContext(browser, url);
    expect(await sortedIds(student)).toEqual(ADD_MUL_IDS);
    await expect.poll(() => nodeOutput(student, 'f')).toBeCloseTo(-8, 3);
    expect(await byTestId(student, 'load-error').count()).toBe(0);
    await student.context().close();
  });

  test('copy button puts the link on the clipboard', async ({ page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl()).origin });
    await openApp(page);
    const url = await shareLink(page);

    await byTestId(page, 'share-copy').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  });

  test('lecture link hides panels and locks editing', async ({ page, browser }) => {
    await openApp(page);
    const url = await shareLink(page, ['hidePalette', 'hideInspector', 'hidePanels', 'lockEditing']);

    const student = await openInFreshContext(browser, url);
    await byTestId(student, 'locked-badge').waitFor();
    expect(await byTestId(student, 'palette').count()).toBe(0);
    expect(await student.locator('.inspector').count()).toBe(0);
    expect(await student.locator('.explanation').count()).toBe(0);
    await saveScreenshot(student, 'lecture-locked');

    // Delete does nothing, fields are read-only, and nodes do not move.
    await nodeElement(student, 'q').locator('.gate-header').click();
    await student.keyboard.press('Delete');
    expect(await sortedIds(student)).toEqual(ADD_MUL_IDS);
    expect(await byTestId(student, 'value-x').isDisabled()).toBe(true);
    // The transform holds the node's canvas position; a drag on a locked node pans the view instead.
    const position = () => nodeElement(student, 'x').evaluate((element) => (element as HTMLElement).style.transform);
    const before = await position();
    const header = await centerOf(nodeElement(student, 'x').locator('.gate-header'));
    await dragMouse(student, header, { x: header.x + 100, y: header.y + 100 });
    expect(await position()).toBe(before);

    await byTestId(student, 'exit-lecture').click();
    await byTestId(student, 'palette').waitFor();
    expect(await byTestId(student, 'value-x').isDisabled()).toBe(false);
    await student.context().close();
  });

  test('timeline position travels with the link', async ({ page, browser }) => {
    await openApp(page);
    for (let i = 0; i < 3; i++) await byTestId(page, 'step-back').click();
    const cursor = Number(await byTestId(page, 'scrubber').inputValue());
    const url = await shareLink(page, ['includeTimeline']);

    const student = await openInFreshContext(browser, url);
    await expect.poll(() => byTestId(student, 'scrubber').inputValue()).toBe(String(cursor));
    await student.context().close();
  });

  test('corrupted link shows the error, keeps the graph', async ({ page }) => {
    await openApp(page, '#preset=sigmoid-neuron');
    const ids = await sortedIds(page);
    const url = await shareLink(page);
    await byTestId(page, 'share-close').click();

    // Change one character in the middle of the link's data, so its checksum no longer matches.
    const hash = new URL(url).hash;
    const middle = Math.floor(hash.length / 2);
    const corrupted = hash.slice(0, middle) + (hash[middle] === 'A' ? 'B' : 'A') + hash.slice(middle + 1);
    await page.evaluate((next) => (location.hash = next), corrupted);

    const error = byTestId(page, 'load-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/corrupt/i);
    expect(await sortedIds(page)).toEqual(ids);
    await saveScreenshot(page, 'corrupted-link');
  });

  test('truncated link in a new tab keeps the default graph', async ({ page, browser }) => {
    await openApp(page);
    const url = await shareLink(page);

    const student = await openInFreshContext(browser, url.slice(0, url.length - 20));
    await byTestId(student, 'load-error').waitFor();
    expect(await byTestId(student, 'load-error').textContent()).toMatch(/incomplete|corrupt/i);
    expect(await sortedIds(student)).toEqual(ADD_MUL_IDS);
    await student.context().close();
  });

  test('long link warns, longer offers the file', async ({ page }) => {
    await openApp(page);
    // Random numbers do not compress, so each adds several characters to the link.
    const values = (count: number) => Array.from({ length: count }, (_unused, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    await importDocument(page, labelledDocument('long', values(400)));
    await expect.poll(() => sortedIds(page)).toEqual(['a', 'e']);
    await shareLink(page);
    await byTestId(page, 'share-warning').waitFor();
    await byTestId(page, 'share-close').click();

    await importDocument(page, labelledDocument('longer', values(8000)));
    await expect.poll(() => nodeElement(page, 'a').locator('.gate-label').textContent()).toBe('longer');
    await shareLink(page);
    await byTestId(page, 'share-too-long').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'share-download').click()]);
    const saved = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(saved.nodes[0].params.value.data).toHaveLength(8000);
  });
});

describe('untrusted labels', () => {
  test('markup label renders as text', async ({ page, browser }) => {
    await openApp(page);
    await importDocument(page, labelledDocument(MARKUP));

    const label = byTestId(page, 'node-label-a');
    await label.waitFor();
    expect(await label.textContent()).toBe(MARKUP);
    expect(await label.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await saveScreenshot(page, 'markup-label');

    // The same label arriving through a share link stays text too.
    const url = await shareLink(page);
    const student = await openInFreshContext(browser, url);
    await byTestId(student, 'node-label-a').waitFor();
    expect(await byTestId(student, 'node-label-a').textContent()).toBe(MARKUP);
    expect(await student.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await student.context().close();
  });
});

describe('exports', () => {
  async function download(page: Page, format: string): Promise<{ name: string; bytes: Buffer }> {
    await byTestId(page, 'export-menu').click();
    const [file] = await Promise.all([page.waitForEvent('download'), byTestId(page, `export-${format}`).click()]);
    return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
  }

  test('PNG and SVG show the graph', async ({ page }) => {
    await openApp(page);
    const png = await download(page, 'png');
    expect(png.name).toMatch(/\.png$/);
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    await import('node:fs/promises').then((fs) => fs.writeFile(path.join(SCREENSHOT_DIR, 'exported-graph.png'), png.bytes));

    const svg = await download(page, 'svg');
    const text = svg.bytes.toString('utf8');
    expect(svg.name).toMatch(/\.svg$/);
    expect(text).toContain('<svg');
    // The node readout of f, "= -12", is in the image.
    expect(text).toMatch(/-12/);
  });

  test('code downloads for NumPy, PyTorch and tfjs', async ({ page }) => {
    await openApp(page);
    const numpy = await download(page, 'numpy');
    // The title "f = (x + y) · z" becomes a name a shell takes without quotes.
    expect(numpy.name).toBe('f_x_y_z.py');
    expect(numpy.bytes.toString('utf8')).toContain('import numpy as np');

    const pytorch = await download(page, 'pytorch');
    expect(pytorch.name).toBe('f_x_y_z-pytorch.py');
    expect(pytorch.bytes.toString('utf8')).toContain('total.backward()');

    const tfjs = await download(page, 'tfjs');
    expect(tfjs.name).toBe('f_x_y_z.mjs');
    expect(tfjs.bytes.toString('utf8')).toContain('tf.grads(');
  });
});
