import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { appUrl } from './browser';

/**
 * User-level actions and readings for the Backprop Studio page: what a person
 * does with the mouse and keyboard, and the numbers they read off the screen.
 */

export interface Point {
  x: number;
  y: number;
}

export function byTestId(page: Page, testId: string): Locator {
  return page.locator(`[data-testid="${testId}"]`);
}

export function nodeElement(page: Page, nodeId: string): Locator {
  return page.locator(`.react-flow__node[data-id="${nodeId}"]`);
}

/** Opens the app at `/` plus an optional hash and waits until the canvas shows a node. */
export async function openApp(page: Page, hash = ''): Promise<void> {
  await page.goto(appUrl(hash));
  await page.locator('.react-flow__node').first().waitFor();
}

/**
 * Reads the first number in a text as a person would, accepting the Unicode
 * minus sign (U+2212) that typeset values use. Returns NaN when there is none.
 */
export function parseDisplayedNumber(text: string): number {
  const match = text.replace(/\u2212/g, '-').match(/-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/i);
  return match ? Number(match[0]) : Number.NaN;
}

/** Reads the number shown in an element, or from its value if it is a form field. */
export async function readNumber(locator: Locator): Promise<number> {
  const text = await locator.evaluate((element) =>
    element instanceof HTMLInputElement || element instanceof HTMLSelectElement ? element.value : (element.textContent ?? ''),
  );
  return parseDisplayedNumber(text);
}

/** Waits until the element shows a number within 10^-digits / 2 of `expected`. */
export async function expectNumber(locator: Locator, expected: number, digits = 3): Promise<void> {
  await expect.poll(() => readNumber(locator), { timeout: 10_000 }).toBeCloseTo(expected, digits);
}

export async function centerOf(locator: Locator): Promise<Point> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`Element ${locator} is not visible, so it has no position to press.`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses the left button at `from`, moves in small steps to `to` and releases there. */
export async function dragMouse(page: Page, from: Point, to: Point): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 5, from.y + 5, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
}

async function scrubberPosition(page: Page): Promise<{ value: number; max: number }> {
  return byTestId(page, 'scrubber').evaluate((element: HTMLInputElement) => ({ value: Number(element.value), max: Number(element.max) }));
}

/**
 * Clicks play and waits until the timeline has run to its last step. Play at
 * the end starts over from step 0, so the scrubber must first be seen below
 * its maximum and then at it.
 */
export async function playToEnd(page: Page): Promise<void> {
  await byTestId(page, 'play').click();

  let rewound = false;
  const reachedEnd = async () => {
    const { value, max } = await scrubberPosition(page);
    rewound ||= value < max;
    return rewound && value === max;
  };
  await expect.poll(reachedEnd, { timeout: 60_000 }).toBe(true);
}

/** Drags the scrubber's thumb with the mouse to the left end of its track. */
export async function dragScrubberToStart(page: Page): Promise<void> {
  const track = await byTestId(page, 'scrubber').boundingBox();
  if (!track) throw new Error('The timeline scrubber is not visible.');
  const { value, max } = await scrubberPosition(page);
  const thumbX = track.x + (track.width * value) / Math.max(max, 1);
  const middle = track.y + track.height / 2;
  await dragMouse(page, { x: Math.min(Math.max(thumbX, track.x + 4), track.x + track.width - 4), y: middle }, { x: track.x - 20, y: middle });
  await expect.poll(async () => (await scrubberPosition(page)).value).toBe(0);
}

/** Selects the whole value field of a node, types `text` and presses Enter. */
export async function typeValue(page: Page, nodeId: string, text: string): Promise<void> {
  await typeInto(page, `value-${nodeId}`, text);
  await page.keyboard.press('Enter');
}

/** Selects the text of the field with test id `testId` and types `text` over it like a person, without pressing Enter. */
export async function typeInto(page: Page, testId: string, text: string): Promise<void> {
  await byTestId(page, testId).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

export async function nodeIds(page: Page): Promise<string[]> {
  return page.locator('.react-flow__node').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-id') ?? ''));
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Selectors of what a dropped node must not cover: nodes, edge labels and the canvas controls. */
const CANVAS_OBSTACLES = '.react-flow__node, [data-testid^="edge-value-"], [data-testid^="edge-grad-"], .react-flow__controls';

/**
 * Finds the centre of an empty canvas area big enough for one more node: it
 * overlaps no node, edge label or control, nor the areas of `taken` points,
 * and lies wholly inside the visible pane. Node size is estimated from the
 * largest node on screen plus a gap, so the search follows the zoom level.
 */
export async function findEmptySpot(page: Page, taken: Point[] = []): Promise<Point> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('The canvas pane (.react-flow__pane) is not visible.');
  const obstacles: Box[] = await page.locator(CANVAS_OBSTACLES).evaluateAll((elements) =>
    elements.map((element) => element.getBoundingClientRect()).map(({ left, top, right, bottom }) => ({ left, top, right, bottom })),
  );
  const nodeBoxes = await page.locator('.react-flow__node').evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect()));
  const gap = 24;
  const width = Math.max(...nodeBoxes.map((box) => box.width)) + gap;
  const height = Math.max(...nodeBoxes.map((box) => box.height)) + gap;
  const footprint = ({ x, y }: Point): Box => ({ left: x - width / 2, top: y - height / 2, right: x + width / 2, bottom: y + height / 2 });
  const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const blocked = [...obstacles, ...taken.map(footprint)];

  for (let y = pane.y + height / 2; y <= pane.y + pane.height - height / 2; y += 10) {
    for (let x = pane.x + pane.width - width / 2; x >= pane.x + width / 2; x -= 10) {
      const box = footprint({ x, y });
      if (!blocked.some((other) => overlaps(box, other))) return { x, y };
    }
  }
  throw new Error(`No empty ${Math.round(width)}×${Math.round(height)} px area on the ${pane.width}×${pane.height} px canvas.`);
}

/** Clicks the canvas's zoom-out control once. */
export async function zoomOut(page: Page): Promise<void> {
  await page.locator('.react-flow__controls-zoomout').click();
}

/** Drags a palette entry onto the canvas at `target` and returns the id of the node it created. */
export async function dropFromPalette(page: Page, kind: string, target: Point): Promise<string> {
  const before = new Set(await nodeIds(page));
  await dragMouse(page, await centerOf(byTestId(page, `palette-${kind}`)), target);
  await expect.poll(async () => (await nodeIds(page)).length, { timeout: 5_000 }).toBe(before.size + 1);
  return (await nodeIds(page)).find((id) => !before.has(id))!;
}

/** Drags a wire from a node's output handle to an input handle of another node. */
export async function connect(page: Page, sourceId: string, targetId: string, targetPort: string): Promise<void> {
  const source = nodeElement(page, sourceId).locator('.react-flow__handle.source').first();
  const target = nodeElement(page, targetId).locator(`.react-flow__handle.target[data-handleid="${targetPort}"]`);
  await dragMouse(page, await centerOf(source), await centerOf(target));
}

/** Reads the output value a node shows on the canvas under its ports ("= −12"). */
export async function nodeOutput(page: Page, nodeId: string): Promise<number> {
  return readNumber(byTestId(page, `node-value-${nodeId}`));
}

/** Test ids of the elements matching `selector` that are visible and show a number. */
async function shownNumbers(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((elements) =>
    elements
      .filter((element) => element.checkVisibility() && /\d/.test(element.textContent ?? ''))
      .map((element) => element.getAttribute('data-testid')!),
  );
}

/** Test ids of the forward values on screen: the labels above the edges and the node readouts. */
export function shownValues(page: Page): Promise<string[]> {
  return shownNumbers(page, '[data-testid^="edge-value-"], [data-testid^="node-value-"]');
}

/** Test ids of the gradients on screen: the labels under the edges and the node readouts. */
export function shownGradients(page: Page): Promise<string[]> {
  return shownNumbers(page, '[data-testid^="edge-grad-"], [data-testid^="node-grad-"]');
}
