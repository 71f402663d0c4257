// Scratch check for check11: PNG export of the large graph at detail zoom, where the wire canvas is now opaque.
import { readFile, writeFile } from 'node:fs/promises';
import { SMALL_WIDTHS, unrolledScalarMlp } from '../bench/scalar-graph';
import { launch, log, openSeeded, SHOTS } from './zz-check-11-lib';

const large = unrolledScalarMlp(SMALL_WIDTHS);
const browser = await launch();
try {
  const { context, page, errors } = await openSeeded(browser, { graph: large, viewport: { x: -300, y: -500, zoom: 1 } });
  await page.waitForFunction(() => (document.querySelector<HTMLCanvasElement>('[data-testid="wire-canvas"]')?.width ?? 0) > 0, undefined, { timeout: 60_000 });
  await page.waitForTimeout(2500);
  for (const format of ['png', 'svg']) {
    await page.locator('[data-testid="export-menu"]').click();
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.locator(`[data-testid="export-${format}"]`).click()]);
    const bytes = await readFile((await file.path())!);
    await writeFile(`${SHOTS}/export-large.${format}`, bytes);
    log(`export ${format} bytes`, bytes.length);
  }
  log('errors', errors);
  await context.close();
} finally {
  await browser.close();
}
