// Scratch check for check11 item 2: frames in which the wire canvas does not cover the pane while panning and zooming.
import type { Page } from 'playwright-core';
import { SMALL_WIDTHS, unrolledScalarMlp } from '../bench/scalar-graph';
import { grab, launch, log, openSeeded, readTransform, shot, darkness } from './zz-check-11-lib';

const large = unrolledScalarMlp(SMALL_WIDTHS);

/** Starts a monitor: after each frame, records whether the canvas rectangle covers the pane rectangle. */
async function startMonitor(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { gapLog: { frames: number; uncovered: number; run: number; maxRun: number; missing: number; worst: number }; gapStop: boolean };
    w.gapLog = { frames: 0, uncovered: 0, run: 0, maxRun: 0, missing: 0, worst: 0 };
    w.gapStop = false;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const log = w.gapLog;
      log.frames++;
      const pane = document.querySelector('.react-flow__renderer')!.getBoundingClientRect();
      const canvas = document.querySelector('[data-testid="wire-canvas"]');
      if (!canvas) {
        log.missing++;
        log.run++;
      } else {
        const rect = canvas.getBoundingClientRect();
        const gap = Math.max(rect.left - pane.left, rect.top - pane.top, pane.right - rect.right, pane.bottom - rect.bottom);
        if (gap > 0.5) {
          log.uncovered++;
          log.run++;
          log.worst = Math.max(log.worst, gap);
        } else log.run = 0;
      }
      log.maxRun = Math.max(log.maxRun, log.run);
    };
    const loop = () => {
      if (w.gapStop) return;
      channel.port2.postMessage(0);
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
}

async function stopMonitor(page: Page): Promise<unknown> {
  return page.evaluate(() => {
    const w = window as unknown as { gapLog: unknown; gapStop: boolean };
    w.gapStop = true;
    return w.gapLog;
  });
}

const browser = await launch();
try {
  const { context, page, errors } = await openSeeded(browser, { graph: large, viewport: { x: 100, y: 100, zoom: 1 } });
  await page.waitForFunction(() => (document.querySelector<HTMLCanvasElement>('[data-testid="wire-canvas"]')?.width ?? 0) > 0, undefined, { timeout: 60_000 });
  await page.waitForTimeout(2000);
  const view = await readTransform(page);
  log('start view', view);

  // 1. A long pan by mouse, 40 px per move, 1500 px to the left and up.
  const empty = { x: view.left + 30, y: view.top + 30 };
  await startMonitor(page);
  await page.mouse.move(view.left + view.width - 200, view.top + view.height - 150);
  const startAt = { x: view.left + view.width - 200, y: view.top + view.height - 150 };
  // Start a pan on empty canvas: find an empty point via elementFromPoint.
  const panStart = await page.evaluate(() => {
    for (let y = 150; y < 800; y += 13) for (let x = 300; x < 1200; x += 17) {
      const hit = document.elementFromPoint(x, y);
      if (hit?.classList.contains('react-flow__pane')) return { x, y };
    }
    return null;
  });
  log('pan start', panStart ?? startAt);
  const from = panStart ?? startAt;
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let step = 1; step <= 40; step++) await page.mouse.move(from.x - step * 40, from.y - step * 25, { steps: 1 });
  await shot(page, 'gap-during-long-pan');
  await page.mouse.up();
  await page.waitForTimeout(500);
  log('pan monitor', await stopMonitor(page));
  await shot(page, 'gap-after-long-pan');

  // 2. Wheel zoom out, notches without waiting.
  await startMonitor(page);
  await page.mouse.move(empty.x + 500, empty.y + 300);
  for (let notch = 0; notch < 6; notch++) await page.mouse.wheel(0, 100);
  await page.waitForTimeout(800);
  log('wheel-out monitor', await stopMonitor(page));
  log('view after wheel out', await readTransform(page));
  await shot(page, 'gap-after-wheel-out');
  await startMonitor(page);
  for (let notch = 0; notch < 6; notch++) await page.mouse.wheel(0, -100);
  await page.waitForTimeout(800);
  log('wheel-in monitor', await stopMonitor(page));
  log('view after wheel in', await readTransform(page));

  // 3. Click on the overview far away.
  const overview = await page.locator('[data-testid="overview"]').boundingBox();
  if (overview) {
    await startMonitor(page);
    await page.mouse.click(overview.x + overview.width * 0.9, overview.y + overview.height * 0.9);
    await page.waitForTimeout(800);
    log('overview jump monitor', await stopMonitor(page));
    log('view after overview jump', await readTransform(page));
    await shot(page, 'gap-after-overview-jump');
  }

  // 4. Keyboard pans (arrow keys on the pane?) and zoom controls.
  await startMonitor(page);
  for (let click = 0; click < 3; click++) await page.locator('.react-flow__controls-zoomout').click();
  await page.waitForTimeout(800);
  log('zoom-out control monitor', await stopMonitor(page));
  log('view after zoom-out control', await readTransform(page));
  await shot(page, 'gap-after-zoomout-control');

  // Screen check: the whole pane's top strip, is it dotted? Sample rows for dot counts.
  const now = await readTransform(page);
  const strip = await grab(page, { x: Math.round(now.left), y: Math.round(now.top), width: Math.round(now.width), height: 60 }, 'gap-top-strip');
  log('top strip darkness', darkness(strip));
  log('errors', errors);
  await context.close();
} finally {
  await browser.close();
}
