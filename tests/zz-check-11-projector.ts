// Scratch check for check11 item 2 in projector mode and the Chinese UI.
import type { Page } from 'playwright-core';
import { SMALL_WIDTHS, unrolledScalarMlp } from '../bench/scalar-graph';
import { findPreset } from '../src/presets';
import { darkness, grab, launch, log, openSeeded, readTransform, shot } from './zz-check-11-lib';

const large = unrolledScalarMlp(SMALL_WIDTHS);
const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** Colours on the wire canvas's own bitmap: counts of wire-dark pixels by colour. */
async function canvasColours(page: Page): Promise<unknown> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="wire-canvas"]');
    if (!canvas) return 'no canvas';
    const data = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height).data;
    const counts = new Map<string, number>();
    let transparent = 0;
    for (let index = 0; index < data.length; index += 4) {
      if (data[index + 3] < 255) transparent++;
      if (data[index] < 125) {
        const key = `${data[index]},${data[index + 1]},${data[index + 2]}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    return { transparent, darkest: [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4) };
  });
}

async function setProjector(page: Page, on: boolean): Promise<void> {
  await byTestId(page, 'view-menu').click();
  await byTestId(page, 'projector-toggle').setChecked(on);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(2000);
}

const browser = await launch();
try {
  for (const [name, graph] of [['large', large], ['small', findPreset('add-mul')!.build()]] as const) {
    const { context, page, errors } = await openSeeded(browser, { graph, viewport: { x: 600, y: 400, zoom: 1 } });
    await page.locator('.react-flow__viewport').waitFor();
    await page.waitForTimeout(2500);
    await shot(page, `proj-${name}-normal`);
    if (name === 'large') log('normal canvas colours', await canvasColours(page));
    await setProjector(page, true);
    const view = await readTransform(page);
    log(`${name} projector view`, view);
    log(`${name} projector attr`, await page.locator('html').getAttribute('data-projector'));
    await shot(page, `proj-${name}-on`);
    if (name === 'large') log('projector canvas colours', await canvasColours(page));
    const patch = await grab(page, { x: Math.round(view.left + 10), y: Math.round(view.top + 10), width: 200, height: 120 }, `proj-${name}-patch`);
    log(`${name} projector patch`, darkness(patch));
    await byTestId(page, 'language').selectOption('zh-CN');
    await page.waitForTimeout(1000);
    await shot(page, `proj-${name}-on-zh`);
    await setProjector(page, false);
    await shot(page, `proj-${name}-off-zh`);
    if (name === 'large') log('after projector off canvas colours', await canvasColours(page));
    log(`${name} errors`, errors);
    await context.close();
  }
} finally {
  await browser.close();
}
