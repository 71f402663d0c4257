// Scratch check for check11 item 1: node drags on the 1,000-node graph at zoom 1 and on add-mul.
import type { Page } from 'playwright-core';
import { SMALL_WIDTHS, unrolledScalarMlp } from '../bench/scalar-graph';
import { storageKeys } from '../src/editor/store/persistence';
import type { GraphDocument } from '../src/engine/document';
import { findPreset } from '../src/presets';
import { compare, grab, launch, log, openSeeded, readTransform, shot, waitFrames } from './zz-check-11-lib';

const large = unrolledScalarMlp(SMALL_WIDTHS);
const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

type Box = { x: number; y: number; width: number; height: number };
async function box(page: Page, id: string): Promise<Box> {
  return (await node(page, id).boundingBox())!;
}
const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

async function savedPositions(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate((key) => Object.fromEntries((JSON.parse(localStorage.getItem(key)!) as GraphDocument).nodes.map((n) => [n.id, n.position])), storageKeys.document);
}

/** Ids of rendered nodes fully inside the pane, sorted by distance to the pane's middle. */
async function nodesNearMiddle(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow__renderer')!.getBoundingClientRect();
    const middle = { x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 };
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
      .map((element) => ({ id: element.dataset.id!, rect: element.getBoundingClientRect() }))
      .filter(({ rect }) => rect.left > pane.left + 20 && rect.right < pane.right - 250 && rect.top > pane.top + 20 && rect.bottom < pane.bottom - 150)
      .sort((a, b) => Math.hypot(a.rect.x - middle.x, a.rect.y - middle.y) - Math.hypot(b.rect.x - middle.x, b.rect.y - middle.y))
      .map(({ id }) => id);
  });
}

/** What elementFromPoint finds at a node's centre, at its first handle, on an exposed wire and on empty pane. */
async function hits(page: Page, nodeId: string): Promise<Record<string, string>> {
  return page.evaluate((id) => {
    const describe = (element: Element | null) => {
      if (!element) return 'null';
      const nodeHit = element.closest<HTMLElement>('.react-flow__node');
      if (element.closest('.react-flow__handle')) return `handle of ${nodeHit?.dataset.id}`;
      if (nodeHit) return `node ${nodeHit.dataset.id}`;
      const edge = element.closest<HTMLElement>('.react-flow__edge');
      if (edge) return `edge ${edge.dataset.id}`;
      return `${element.tagName}.${[...element.classList].join('.')}`;
    };
    const target = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`)!;
    const rect = target.getBoundingClientRect();
    const handle = target.querySelector('.react-flow__handle')!.getBoundingClientRect();
    const result: Record<string, string> = {
      nodeCentre: describe(document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2)),
      handle: describe(document.elementFromPoint(handle.left + handle.width / 2, handle.top + handle.height / 2)),
    };
    for (const edge of document.querySelectorAll<SVGGElement>('.react-flow__edge')) {
      const path = edge.querySelector<SVGPathElement>('.react-flow__edge-path');
      const matrix = path?.getScreenCTM();
      if (!path || !matrix) continue;
      const point = path.getPointAtLength(path.getTotalLength() / 2);
      const x = matrix.a * point.x + matrix.c * point.y + matrix.e;
      const y = matrix.b * point.x + matrix.d * point.y + matrix.f;
      const hit = document.elementFromPoint(x, y);
      if (hit?.closest('.react-flow__edge') === edge) {
        result.wire = describe(hit);
        result.wirePoint = `${Math.round(x)},${Math.round(y)}`;
        break;
      }
    }
    return result;
  }, nodeId);
}

async function styleState(page: Page): Promise<Record<string, string | number>> {
  return page.locator('.react-flow__nodes').evaluate((element) => ({
    willChange: getComputedStyle(element).willChange,
    before: getComputedStyle(element, '::before').content,
    beforeBackground: getComputedStyle(element, '::before').backgroundColor,
    dragging: element.querySelectorAll('.react-flow__node.dragging').length,
  }));
}

async function startDrag(page: Page, id: string): Promise<{ x: number; y: number }> {
  const header = (await node(page, id).locator('.gate-header').boundingBox())!;
  const start = centre(header);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let step = 1; step <= 12; step++) await page.mouse.move(start.x + step * 5, start.y + step * 3);
  return { x: start.x + 60, y: start.y + 36 };
}

const browser = await launch();
try {
  // Large graph at zoom 1.
  const opened = await openSeeded(browser, { graph: large, viewport: { x: -300, y: -500, zoom: 1 } });
  const { page } = opened;
  await page.waitForFunction(() => (document.querySelector<HTMLCanvasElement>('[data-testid="wire-canvas"]')?.width ?? 0) > 0, undefined, { timeout: 60_000 });
  await page.waitForTimeout(2500);
  log('view', await readTransform(page));
  log('idle style', await styleState(page));
  const near = await nodesNearMiddle(page);
  log('nodes near middle', near.slice(0, 8));
  const [a, b, c] = [near[0], near[3], near[6]];
  await shot(page, 'large-before-drag');

  // Region around node c, with wires and background, to compare before, during and after a drag of a.
  const cBox = await box(page, c);
  const region = { x: Math.round(cBox.x - 40), y: Math.round(cBox.y - 40), width: Math.round(cBox.width + 80), height: Math.round(cBox.height + 80) };
  const before = await grab(page, region, 'large-region-before');
  log('hits idle', await hits(page, c));

  const positionsBefore = await savedPositions(page);
  const end = await startDrag(page, a);
  await waitFrames(page, 3);
  log('style during drag', await styleState(page));
  log('hits during drag', await hits(page, c));
  const during = await grab(page, region, 'large-region-during');
  log('region during vs before', compare(before, during, 0));
  await shot(page, 'large-during-drag');
  await page.mouse.up();
  await page.waitForTimeout(800);
  log('style after drop', await styleState(page));
  const after = await grab(page, region, 'large-region-after');
  log('region after vs before', compare(before, after, 0));
  await shot(page, 'large-after-drag');
  const positionsAfter = await savedPositions(page);
  log('a moved by', { dx: positionsAfter[a].x - positionsBefore[a].x, dy: positionsAfter[a].y - positionsBefore[a].y });
  log('hits after drop', await hits(page, c));
  void end;

  // Clicks after the drag: select c, double-click pane, context menus.
  await node(page, c).locator('.gate-header').click();
  log('c selected', await node(page, c).evaluate((element) => element.classList.contains('selected')));
  const h = await hits(page, c);
  if (h.wirePoint) {
    const [x, y] = h.wirePoint.split(',').map(Number);
    await page.mouse.click(x, y);
    await page.waitForTimeout(200);
    log('selected wires after click', await page.locator('.react-flow__edge.selected').evaluateAll((edges) => edges.map((edge) => (edge as HTMLElement).dataset.id)));
    await page.mouse.click(x, y, { button: 'right' });
    await page.waitForTimeout(200);
    log('context menus after wire right-click', await page.locator('[data-testid^="context-menu-"]').evaluateAll((menus) => menus.map((menu) => (menu as HTMLElement).dataset.testid)));
    await page.keyboard.press('Escape');
  }
  const cNow = centre(await box(page, c));
  await page.mouse.click(cNow.x, cNow.y, { button: 'right' });
  await page.waitForTimeout(200);
  log('context menus after node right-click', await page.locator('[data-testid^="context-menu-"]').evaluateAll((menus) => menus.map((menu) => (menu as HTMLElement).dataset.testid)));
  await page.keyboard.press('Escape');
  const emptyPoint = await page.evaluate(() => {
    for (let y = 150; y < 800; y += 13) for (let x = 300; x < 1100; x += 17) {
      if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
    }
    return null;
  });
  if (emptyPoint) {
    await page.mouse.dblclick(emptyPoint.x, emptyPoint.y);
    await page.waitForTimeout(300);
    log('add-node popup after pane double-click', await byTestId(page, 'add-node-popup').count());
    await page.keyboard.press('Escape');
    await page.mouse.click(emptyPoint.x, emptyPoint.y);
    await page.waitForTimeout(200);
    log('selected nodes after pane click', await page.locator('.react-flow__node.selected').count());
  }
  const cNode = centre(await box(page, c));
  await page.mouse.dblclick(cNode.x, cNode.y);
  await page.waitForTimeout(300);
  log('after node double-click: popup count, zoom', { popup: await byTestId(page, 'add-node-popup').count(), zoom: (await readTransform(page)).zoom });
  await page.keyboard.press('Escape');

  // Several selected nodes.
  await node(page, a).locator('.gate-header').click();
  await node(page, b).locator('.gate-header').click({ modifiers: ['Shift'] });
  const multiBefore = await savedPositions(page);
  await startDrag(page, a);
  await waitFrames(page, 3);
  log('style during multi drag', await styleState(page));
  await shot(page, 'large-during-multi-drag');
  await page.mouse.up();
  await page.waitForTimeout(800);
  const multiAfter = await savedPositions(page);
  log('multi drag moved', { a: [multiAfter[a].x - multiBefore[a].x, multiAfter[a].y - multiBefore[a].y], b: [multiAfter[b].x - multiBefore[b].x, multiAfter[b].y - multiBefore[b].y] });
  log('style after multi drop', await styleState(page));

  // Connection from a handle: drag from an output handle over empty pane and check the connection line.
  const source = await node(page, c).locator('.react-flow__handle.source').first().boundingBox();
  if (source && emptyPoint) {
    await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(source.x + step * 8, source.y + step * 6);
    log('connection line during handle drag', await page.locator('.react-flow__connection').count());
    log('style during handle drag', await styleState(page));
    await page.mouse.up();
    await page.waitForTimeout(300);
    log('popup after handle drop on pane', await byTestId(page, 'add-node-popup').count());
    await page.keyboard.press('Escape');
  }

  // Text sharpness around zoom changes during a drag.
  await page.mouse.click(emptyPoint!.x, emptyPoint!.y);
  const sharpNode = near[9] ?? near[1];
  const sharpBefore = await grab(page, await box(page, sharpNode), 'sharp-before');
  await page.locator('.react-flow__controls-zoomin').click();
  await page.waitForTimeout(300);
  const dragStart = await startDrag(page, a);
  await page.mouse.wheel(0, -100);
  await page.waitForTimeout(300);
  await page.mouse.move(dragStart.x + 5, dragStart.y + 5);
  await page.mouse.wheel(0, 100);
  await page.waitForTimeout(300);
  await page.mouse.wheel(0, 100);
  await page.waitForTimeout(300);
  await page.mouse.move(dragStart.x + 10, dragStart.y + 8);
  await waitFrames(page, 3);
  const viewDuring = await readTransform(page);
  log('zoom during drag after wheels', viewDuring.zoom);
  log('style during zoomed drag', await styleState(page));
  const duringShot = await grab(page, await box(page, sharpNode), 'sharp-during-zoomed-drag');
  await page.mouse.up();
  await page.waitForTimeout(800);
  const afterDropShot = await grab(page, await box(page, sharpNode), 'sharp-after-drop');
  log('sharp: during drag vs after drop (same zoom)', compare(duringShot, afterDropShot, 0));
  await page.locator('.react-flow__controls-zoomout').click();
  await page.waitForTimeout(500);
  const viewEnd = await readTransform(page);
  log('view at end', viewEnd);
  const sharpAfter = await grab(page, await box(page, sharpNode), 'sharp-after');
  log('errors large', opened.errors);

  // A fresh page at the same viewport and document for reference.
  const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!) as GraphDocument, storageKeys.document);
  const fresh = await openSeeded(browser, { graph: saved, viewport: { x: viewEnd.x, y: viewEnd.y, zoom: viewEnd.zoom } });
  await fresh.page.waitForFunction(() => (document.querySelector<HTMLCanvasElement>('[data-testid="wire-canvas"]')?.width ?? 0) > 0, undefined, { timeout: 60_000 });
  await fresh.page.waitForTimeout(2500);
  log('fresh view', await readTransform(fresh.page));
  const sharpFresh = await grab(fresh.page, await box(fresh.page, sharpNode), 'sharp-fresh');
  log('sharp: after sequence vs fresh', compare(sharpAfter, sharpFresh, 0));
  log('sharp: before vs after sequence (zoom may differ)', { before: [sharpBefore.width, sharpBefore.height], after: [sharpAfter.width, sharpAfter.height], diff: sharpBefore.width === sharpAfter.width ? compare(sharpBefore, sharpAfter, 0) : 'size differs' });
  await fresh.context.close();
  await opened.context.close();

  // Small preset.
  const small = await openSeeded(browser, { graph: findPreset('add-mul')!.build() });
  const sp = small.page;
  await node(sp, 'x').waitFor();
  await sp.waitForTimeout(1000);
  await shot(sp, 'small-before');
  await startDrag(sp, 'x');
  await waitFrames(sp, 3);
  log('small style during drag', await styleState(sp));
  log('small hits during drag', await hits(sp, 'f'));
  await sp.mouse.up();
  await sp.waitForTimeout(500);
  log('small style after drop', await styleState(sp));
  await shot(sp, 'small-after-drag');
  const edgesBefore = await sp.locator('.react-flow__edge').count();
  await sp.locator('.react-flow__edge[data-id="y.out->q.b"]').click({ force: true });
  await sp.keyboard.press('Delete');
  await sp.waitForTimeout(300);
  const from = (await node(sp, 'y').locator('.react-flow__handle.source').first().boundingBox())!;
  const to = (await node(sp, 'q').locator('.react-flow__handle.target[data-handleid="b"]').boundingBox())!;
  await sp.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await sp.mouse.down();
  for (let step = 1; step <= 12; step++) await sp.mouse.move(from.x + ((to.x - from.x) * step) / 12 + from.width / 2, from.y + ((to.y - from.y) * step) / 12 + from.height / 2);
  await sp.mouse.up();
  await sp.waitForTimeout(300);
  log('small edges before/after delete+reconnect', { edgesBefore, after: await sp.locator('.react-flow__edge').count(), ids: await sp.locator('.react-flow__edge').evaluateAll((edges) => edges.map((edge) => (edge as HTMLElement).dataset.id)) });
  const qBox = centre(await box(sp, 'q'));
  await sp.mouse.click(qBox.x, qBox.y, { button: 'right' });
  await sp.waitForTimeout(200);
  log('small node menu', await sp.locator('[data-testid^="context-menu-"]').count());
  await sp.keyboard.press('Escape');
  log('errors small', small.errors);
  await small.context.close();
} finally {
  await browser.close();
}
