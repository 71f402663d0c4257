// Scratch check for check11 item 2: the dots on the wire canvas against DotGrid at the same viewport.
import { SMALL_WIDTHS, unrolledScalarMlp } from '../bench/scalar-graph';
import { findPreset } from '../src/presets';
import { compare, darkness, grab, launch, log, openSeeded, readTransform, waitFrames } from './zz-check-11-lib';

const large = unrolledScalarMlp(SMALL_WIDTHS);
const small = findPreset('add-mul')!.build();
const cases = (process.argv[2] ?? '1,0.73,1.37,2.2').split(',').map(Number);
const widths = (process.argv[3] ?? '1400').split(',').map(Number);
const scale = Number(process.argv[4] ?? 1);

const browser = await launch();
try {
  for (const width of widths) {
    for (const zoom of cases) {
      // Flow point (-600, -400) at the pane's top-left corner: no nodes of either graph there.
      const viewport = { x: 600 * zoom + 0.0, y: 400 * zoom, zoom };
      const results: Record<string, unknown> = {};
      const crops = [];
      for (const [name, graph] of [['small', small], ['large', large]] as const) {
        const { context, page, errors } = await openSeeded(browser, { graph, viewport }, { width, scale });
        await page.locator('.react-flow__viewport').waitFor();
        if (name === 'large') {
          await page.waitForFunction(() => (document.querySelector<HTMLCanvasElement>('[data-testid="wire-canvas"]')?.width ?? 0) > 0, undefined, { timeout: 60_000 });
        } else {
          await page.locator('[data-testid="dot-grid"]').waitFor();
        }
        await page.waitForTimeout(1500);
        await waitFrames(page, 5);
        const view = await readTransform(page);
        const canvasInfo = await page.evaluate(() => {
          const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="wire-canvas"]');
          if (!canvas) return null;
          return { width: canvas.width, height: canvas.height, styleWidth: canvas.style.width, styleHeight: canvas.style.height, transform: canvas.style.transform, rect: canvas.getBoundingClientRect().toJSON() };
        });
        const clip = { x: Math.round(view.left + 10), y: Math.round(view.top + 10), width: Math.round(400 * zoom), height: Math.round(250 * zoom) };
        const pixels = await grab(page, clip, `dots-${name}-z${zoom}-w${width}-s${scale}`);
        crops.push(pixels);
        results[name] = { view, canvasInfo, dark: darkness(pixels), wiresOnCanvas: await page.locator('.wires-on-canvas').count(), errors };
        await context.close();
      }
      log(`zoom ${zoom} width ${width} scale ${scale}`, results);
      log('  diff small vs large', compare(crops[0], crops[1], 0));
      log('  diff >24', compare(crops[0], crops[1], 24));
    }
  }
} finally {
  await browser.close();
}
