// Scratch helpers for check11; delete when done.
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serializeDocument, type GraphDocument } from '../src/engine/document';
import { graphFingerprint, storageKeys } from '../src/editor/store/persistence';

const require = createRequire(import.meta.url);
const { PNG } = require('playwright-core/lib/utilsBundle') as { PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } } };

export const BASE = 'http://127.0.0.1:4391/';
export const SHOTS = '/work/scratch/check11/shots';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export interface Seed {
  graph: GraphDocument;
  viewport?: { x: number; y: number; zoom: number };
  extra?: Record<string, string>;
}

export async function openSeeded(browser: Browser, seed: Seed, options: { width?: number; height?: number; scale?: number; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: options.locale ?? 'en-US', viewport: { width: options.width ?? 1400, height: options.height ?? 900 }, deviceScaleFactor: options.scale ?? 1 });
  const items: Record<string, string> = { [storageKeys.document]: serializeDocument(seed.graph), ...(seed.extra ?? {}) };
  if (seed.viewport) items[storageKeys.viewport] = JSON.stringify({ ...seed.viewport, graph: graphFingerprint(seed.graph) });
  await context.addInitScript((entries) => {
    if (sessionStorage.getItem('seeded')) return;
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    sessionStorage.setItem('seeded', 'yes');
  }, items);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.goto(BASE);
  return { context, page, errors };
}

export async function readTransform(page: Page): Promise<{ x: number; y: number; zoom: number; left: number; top: number; width: number; height: number }> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport')!;
    const matrix = new DOMMatrixReadOnly(getComputedStyle(viewport).transform);
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return { x: matrix.e, y: matrix.f, zoom: matrix.a, left: pane.left, top: pane.top, width: pane.width, height: pane.height };
  });
}

export async function flowToScreen(page: Page, point: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const view = await readTransform(page);
  return { x: view.left + view.x + point.x * view.zoom, y: view.top + view.y + point.y * view.zoom };
}

export interface Pixels {
  width: number;
  height: number;
  data: Buffer;
}

export async function grab(page: Page, clip: { x: number; y: number; width: number; height: number }, name?: string): Promise<Pixels> {
  const buffer = await page.screenshot({ clip, path: name ? `${SHOTS}/${name}.png` : undefined });
  const png = PNG.sync.read(buffer);
  return { width: png.width, height: png.height, data: png.data };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Counts differing pixels (any channel differing by more than `tolerance`) and the largest channel difference. */
export function compare(a: Pixels, b: Pixels, tolerance = 0): { differing: number; maxDelta: number; total: number } {
  let differing = 0;
  let maxDelta = 0;
  const total = Math.min(a.data.length, b.data.length) / 4;
  for (let index = 0; index < total; index++) {
    let delta = 0;
    for (let channel = 0; channel < 3; channel++) delta = Math.max(delta, Math.abs(a.data[index * 4 + channel] - b.data[index * 4 + channel]));
    maxDelta = Math.max(maxDelta, delta);
    if (delta > tolerance) differing++;
  }
  return { differing, maxDelta, total };
}

/** Summarises a patch of background: how many pixels are not white, the summed darkness, and the darkest value. */
export function darkness(pixels: Pixels): { nonWhite: number; sum: number; darkest: number; distinctColours: string[] } {
  let nonWhite = 0;
  let sum = 0;
  let darkest = 255;
  const colours = new Map<string, number>();
  for (let index = 0; index < pixels.width * pixels.height; index++) {
    const [r, g, b] = [pixels.data[index * 4], pixels.data[index * 4 + 1], pixels.data[index * 4 + 2]];
    if (r !== 255 || g !== 255 || b !== 255) {
      nonWhite++;
      sum += 255 - r;
      darkest = Math.min(darkest, r);
      const key = `${r},${g},${b}`;
      colours.set(key, (colours.get(key) ?? 0) + 1);
    }
  }
  const distinctColours = [...colours.entries()].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([key, count]) => `${key}x${count}`);
  return { nonWhite, sum, darkest, distinctColours };
}

export function log(label: string, value: unknown): void {
  console.log(`${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}

export async function waitFrames(page: Page, count = 3): Promise<void> {
  await page.evaluate((n) => new Promise<void>((resolve) => {
    let left = n;
    const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
    requestAnimationFrame(step);
  }), count);
}
