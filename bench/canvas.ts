import type { Browser, CDPSession, Page } from 'playwright-core';
import { serializeDocument, type GraphDocument } from '../src/engine/document';
import { storageKeys } from '../src/editor/store/persistence';
import { buildApp } from './bundle';
import { launchChromium, withPreviewServer, withTemporaryFolder } from './browser/harness';
import * as probes from './browser/page-probes';
import { round3 } from './engine';
import { SMALL_WIDTHS, unrolledScalarMlp } from './scalar-graph';

/** Length of each frame-rate window and of the idle window, in milliseconds. */
const WINDOW_MS = 5000;
const IDLE_MS = 5000;
/** Mouse moves per node drag while render counts are taken. */
const COUNTED_MOVES = 20;

type Frames = ReturnType<typeof probes.stopFrameCount>;

/** Runs `act` until WINDOW_MS have passed and counts the page's animation frames meanwhile. */
async function framesWhile(page: Page, act: (step: number) => Promise<void>): Promise<Record<string, number>> {
  await page.evaluate(probes.startFrameCount);
  const deadline = Date.now() + WINDOW_MS;
  for (let step = 0; Date.now() < deadline; step++) await act(step);
  const frames: Frames = await page.evaluate(probes.stopFrameCount);
  return { fps: round3(frames.fps), longestFrameMs: round3(frames.longestFrameMs), p95FrameMs: round3(frames.p95FrameMs) };
}

/** Moves the pointer back and forth along a 200-pixel line, 8 pixels per event, with the button held since `start`. */
function swing(page: Page, start: { x: number; y: number }): (step: number) => Promise<void> {
  return (step) => {
    const phase = step % 50;
    const offset = (phase < 25 ? phase : 50 - phase) * 8;
    return page.mouse.move(start.x + offset, start.y + offset / 4);
  };
}

async function panFrames(page: Page): Promise<Record<string, number>> {
  const start = await page.evaluate(probes.findEmptyPanePoint);
  if (!start) throw new Error('no empty point on the canvas to start a pan from');
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const frames = await framesWhile(page, swing(page, start));
  await page.mouse.up();
  return frames;
}

/** Zooms in and out around the canvas middle with wheel events, five notches each way. */
async function zoomFrames(page: Page): Promise<Record<string, number>> {
  const start = await page.evaluate(probes.findEmptyPanePoint);
  if (!start) throw new Error('no empty point on the canvas to zoom at');
  await page.mouse.move(start.x, start.y);
  return framesWhile(page, (step) => page.mouse.wheel(0, step % 10 < 5 ? -100 : 100));
}

async function dragFrames(page: Page): Promise<Record<string, number>> {
  const node = await page.evaluate(probes.findNodeNearMiddle);
  if (!node) throw new Error('no node on the canvas to drag');
  await page.mouse.move(node.x, node.y);
  await page.mouse.down();
  const frames = await framesWhile(page, swing(page, node));
  await page.mouse.up();
  return frames;
}

/** Counts node and edge component renders while one node is dragged by COUNTED_MOVES pointer moves. */
async function dragRenders(page: Page): Promise<Record<string, number>> {
  const node = await page.evaluate(probes.findNodeNearMiddle);
  if (!node) throw new Error('no node on the canvas to drag');
  await page.mouse.move(node.x, node.y);
  await page.mouse.down();
  await page.mouse.move(node.x + 5, node.y + 5);
  await page.evaluate(probes.setRenderCounting, true);
  for (let move = 1; move <= COUNTED_MOVES; move++) await page.mouse.move(node.x + 5 + move * 4, node.y + 5 + move * 2);
  const counts = await page.evaluate(probes.setRenderCounting, false);
  await page.mouse.up();
  return { moves: COUNTED_MOVES, commits: counts.commits, nodeRenders: counts.nodes, edgeRenders: counts.edges };
}

/** Zooms in with wheel notches at the canvas middle until the zoom is at least `zoom`. */
async function zoomTo(page: Page, zoom: number): Promise<number> {
  const start = await page.evaluate(probes.findEmptyPanePoint);
  if (!start) throw new Error('no empty point on the canvas to zoom at');
  await page.mouse.move(start.x, start.y);
  for (let notch = 0; notch < 40; notch++) {
    const transform = await page.evaluate(probes.readTransform);
    if (transform && transform.zoom >= zoom) return transform.zoom;
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(50);
  }
  throw new Error(`zoom did not reach ${zoom} after 40 wheel notches`);
}

/** Plays the timeline and counts frames, then counts renders over one step of playback. */
async function playbackFigures(page: Page): Promise<Record<string, number>> {
  await page.getByTestId('play').click();
  const frames = await framesWhile(page, () => page.waitForTimeout(100));
  await page.evaluate(probes.setRenderCounting, true);
  await page.waitForTimeout(800);
  const counts = await page.evaluate(probes.setRenderCounting, false);
  await page.getByTestId('play').click();
  return { ...frames, commitsPerStep: counts.commits, nodeRendersPerStep: counts.nodes, edgeRendersPerStep: counts.edges };
}

/** Main-thread work while nothing plays or moves, from the DevTools protocol's Performance metrics. */
async function idleFigures(page: Page, session: CDPSession): Promise<Record<string, number>> {
  await page.mouse.move(5, 5);
  await page.waitForTimeout(1000);
  const read = async () => {
    const { metrics } = await session.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
  };
  const commitsBefore = await page.evaluate(probes.commitCount);
  const before = await read();
  await page.waitForTimeout(IDLE_MS);
  const after = await read();
  const commits = (await page.evaluate(probes.commitCount)) - commitsBefore;
  const perSecond = (name: string, scale = 1) => round3(((after[name] - before[name]) * scale) / (IDLE_MS / 1000));
  return {
    taskMsPerSecond: perSecond('TaskDuration', 1000),
    scriptMsPerSecond: perSecond('ScriptDuration', 1000),
    layoutsPerSecond: perSecond('LayoutCount'),
    styleRecalcsPerSecond: perSecond('RecalcStyleCount'),
    reactCommits: commits,
  };
}

/**
 * Opens the app with `graph` as its autosave and returns the time to all nodes
 * visible and to the first trace: the timeline then counts more than 0 steps.
 */
async function openDocument(page: Page, baseUrl: string, graph: GraphDocument): Promise<Record<string, number>> {
  const positions = graph.nodes.map((node): [string, number, number] => [node.id, node.position.x, node.position.y]);
  await page.goto(baseUrl);
  const visible = await page.waitForFunction(probes.allNodesVisible, positions, { polling: 'raf', timeout: 60_000 });
  const visibleMs = (await visible.jsonValue()) as number;
  const traced = () => !/\/ 0$/.test(document.querySelector('[data-testid="step-count"]')?.textContent ?? '/ 0') && performance.now();
  const values = await page.waitForFunction(traced, undefined, { timeout: 60_000 });
  const renderedNodes = await page.locator('.react-flow__node').count();
  return { visibleMs: round3(visibleMs), tracedMs: round3((await values.jsonValue()) as number), renderedNodes };
}

/**
 * Measures what this machine delivers on a 5-node preset: frames with nothing
 * to do and while panning. The 1,000-node figures can at best reach these.
 */
async function calibrate(page: Page, baseUrl: string): Promise<Record<string, unknown>> {
  await page.goto(`${baseUrl}/#preset=add-mul`);
  await page.waitForFunction(() => !/\/ 0$/.test(document.querySelector('[data-testid="step-count"]')?.textContent ?? '/ 0'), undefined, { timeout: 60_000 });
  await page.waitForTimeout(1000);
  const idle = await framesWhile(page, () => page.waitForTimeout(100));
  return { idleFps: idle.fps, pan: await panFrames(page) };
}

async function measureCanvas(browser: Browser, baseUrl: string): Promise<Record<string, unknown>> {
  const graph = unrolledScalarMlp(SMALL_WIDTHS);
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  await context.addInitScript(probes.installRenderCounter);
  await context.addInitScript(([key, text]) => localStorage.setItem(key, text), [storageKeys.document, serializeDocument(graph)]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const session = await context.newCDPSession(page);
  await session.send('Performance.enable');

  const smallGraph = await calibrate(page, baseUrl);
  const load = await openDocument(page, baseUrl, graph);
  const fitted = await page.evaluate(probes.readTransform);
  const atFit = { pan: await panFrames(page), zoom: await zoomFrames(page), drag: await dragFrames(page) };
  const idle = await idleFigures(page, session);
  const playback = await playbackFigures(page);
  const workingZoom = await zoomTo(page, 1);
  const atWorkingZoom = { pan: await panFrames(page), drag: await dragFrames(page), dragRenders: await dragRenders(page) };
  await context.close();
  if (errors.length > 0) throw new Error(`the page threw ${errors.length} error(s): ${errors.join('; ')}`);
  return {
    bench: 'canvas', smallGraph, nodes: graph.nodes.length, edges: graph.edges.length, ...load,
    fittedZoom: round3(fitted?.zoom ?? Number.NaN), atFit, idle, playback, workingZoom: round3(workingZoom), atWorkingZoom,
  };
}

/**
 * Builds the app, serves it on 127.0.0.1 and measures the canvas with a
 * 1,016-node unrolled scalar MLP in headless Chromium: load time, frame rates
 * while panning, zooming, dragging and playing, and main-thread work while idle.
 */
export async function benchCanvas(): Promise<Record<string, unknown>> {
  return withTemporaryFolder('backprop-studio-canvas-', async (outDir) => {
    await buildApp(outDir);
    return withPreviewServer(outDir, async (baseUrl) => {
      const browser = await launchChromium();
      try {
        const figures = await measureCanvas(browser, baseUrl);
        return { ...figures, chromium: browser.version() };
      } finally {
        await browser.close();
      }
    });
  });
}
