import os from 'node:os';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { serializeDocument, type GraphDocument } from '../src/engine/document';
import { storageKeys } from '../src/editor/store/persistence';
import { buildApp } from './bundle';
import { launchChromium, withPreviewServer, withTemporaryFolder } from './browser/harness';
import * as probes from './browser/page-probes';
import { chromiumThreadCpuMs, cpuMsOf } from './browser/process-cpu';
import { round3 } from './engine';
import { SMALL_WIDTHS, unrolledScalarMlp } from './scalar-graph';

/** Length of each frame-rate window and of the idle window, in milliseconds. */
const WINDOW_MS = 5000;
const IDLE_MS = 5000;
/** Mouse moves per node drag while render counts are taken. */
const COUNTED_MOVES = 20;

type Frames = ReturnType<typeof probes.stopFrameCount>;

/** The page's DevTools protocol session; one per page, created with the page. */
const sessions = new WeakMap<Page, CDPSession>();

/**
 * Returns the CPU time, in milliseconds, that Chromium GPU processes started by
 * this process have used so far, from /proc. Without a GPU that process
 * rasterizes and composites through SwiftShader. NaN where /proc is missing.
 */
function gpuProcessCpuMs(): number {
  return cpuMsOf(chromiumThreadCpuMs(), 'gpu-process/');
}

/** Reads the DevTools protocol's Performance metrics by name: durations in seconds, counts as counts. */
async function readMetrics(page: Page): Promise<Record<string, number>> {
  const session = sessions.get(page);
  if (!session) throw new Error('no DevTools protocol session for this page; measureCanvas creates one for each page it opens');
  const { metrics } = await session.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
}

/**
 * Runs `act` until WINDOW_MS have passed and counts the page's animation frames
 * meanwhile. Per frame it also reports the renderer main thread's task and
 * script time (wall clock) and the CPU time of that thread and of the whole
 * renderer process. CPU time leaves out the time other processes held the
 * cores, so it compares runs under different machine loads better than the
 * frame rate does. The CPU time of the GPU process, which rasterizes and
 * composites through SwiftShader here, comes from /proc. `inputsPerSecond`
 * counts the steps of `act`: each sends one input event and waits until
 * Chromium has handled it, so a busy main thread lowers it. Frames without a
 * change cost little, so where fewer events arrive the frame rate can rise.
 */
async function framesWhile(page: Page, act: (step: number) => Promise<void>): Promise<Record<string, number>> {
  const before = await readMetrics(page);
  const gpuBefore = gpuProcessCpuMs();
  await page.evaluate(probes.startFrameCount);
  const deadline = Date.now() + WINDOW_MS;
  let steps = 0;
  while (Date.now() < deadline) await act(steps++);
  const frames: Frames = await page.evaluate(probes.stopFrameCount);
  const after = await readMetrics(page);
  const gpuAfter = gpuProcessCpuMs();
  const frameCount = Math.max(1, frames.fps * frames.seconds);
  const perFrame = (name: string) => round3(((after[name] - before[name]) * 1000) / frameCount);
  return {
    fps: round3(frames.fps),
    inputsPerSecond: round3(steps / frames.seconds),
    longestFrameMs: round3(frames.longestFrameMs),
    p95FrameMs: round3(frames.p95FrameMs),
    mainThreadMsPerFrame: perFrame('TaskDuration'),
    scriptMsPerFrame: perFrame('ScriptDuration'),
    mainThreadCpuMsPerFrame: perFrame('ThreadTime'),
    rendererCpuMsPerFrame: perFrame('ProcessTime'),
    gpuProcessCpuMsPerFrame: round3((gpuAfter - gpuBefore) / frameCount),
  };
}

/** Moves the pointer back and forth along a 200-pixel line, 8 pixels per event, with the button held since `start`. */
export function swing(page: Page, start: { x: number; y: number }): (step: number) => Promise<void> {
  return (step) => {
    const phase = step % 50;
    const offset = (phase < 25 ? phase : 50 - phase) * 8;
    return page.mouse.move(start.x + offset, start.y + offset / 4);
  };
}

/** Node positions [id, x, y] of the graph on the canvas, which the probes need where the compact canvas draws it. */
type Positions = [string, number, number][];

async function panFrames(page: Page, positions: Positions = []): Promise<Record<string, number>> {
  const start = await page.evaluate(probes.findEmptyPanePoint, positions);
  if (!start) throw new Error('no empty point on the canvas to start a pan from');
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const frames = await framesWhile(page, swing(page, start));
  await page.mouse.up();
  return frames;
}

/** Zooms in and out around the canvas middle with wheel events, five notches each way. */
async function zoomFrames(page: Page): Promise<Record<string, number>> {
  // On the compact canvas this is the pane's middle, which may lie on the graph: a wheel there zooms all the same.
  const start = await page.evaluate(probes.findEmptyPanePoint, []);
  if (!start) throw new Error('no empty point on the canvas to zoom at');
  await page.mouse.move(start.x, start.y);
  return framesWhile(page, (step) => page.mouse.wheel(0, step % 10 < 5 ? -100 : 100));
}

async function dragFrames(page: Page, positions: Positions = []): Promise<Record<string, number>> {
  const node = await page.evaluate(probes.findNodeNearMiddle, positions);
  if (!node) throw new Error('no node on the canvas to drag');
  await page.mouse.move(node.x, node.y);
  await page.mouse.down();
  const frames = await framesWhile(page, swing(page, node));
  await page.mouse.up();
  return frames;
}

/** Counts node and edge component renders while one node is dragged by COUNTED_MOVES pointer moves. */
async function dragRenders(page: Page, positions: Positions = []): Promise<Record<string, number>> {
  const node = await page.evaluate(probes.findNodeNearMiddle, positions);
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
export async function zoomTo(page: Page, zoom: number): Promise<number> {
  const start = await page.evaluate(probes.findEmptyPanePoint, []);
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

/**
 * Fits the graph into view again with the zoom controls' button and waits for
 * the transform `fitted`, the one the page fitted on load. The gestures at the
 * fitted zoom leave the view wherever their last pointer move was, so without
 * this each run would zoom in at a different place of the graph.
 */
export async function fitAgain(page: Page, fitted: { x: number; y: number; zoom: number }): Promise<void> {
  await page.locator('.react-flow__controls-fitview').click();
  await page.waitForFunction(probes.isTransformNear, fitted, { timeout: 10_000 });
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

/**
 * Main-thread work while nothing plays or moves, from the DevTools protocol's Performance metrics.
 * A second window follows the first. A drop of the JS heap in a window shows that a garbage
 * collection of what the gestures before left behind ran in it.
 */
async function idleFigures(page: Page): Promise<Record<string, number>> {
  await page.mouse.move(5, 5);
  await page.waitForTimeout(1000);
  const commitsBefore = await page.evaluate(probes.commitCount);
  const before = await readMetrics(page);
  await page.waitForTimeout(IDLE_MS);
  const after = await readMetrics(page);
  const commits = (await page.evaluate(probes.commitCount)) - commitsBefore;
  await page.waitForTimeout(IDLE_MS);
  const later = await readMetrics(page);
  const perSecond = (name: string, scale = 1) => round3(((after[name] - before[name]) * scale) / (IDLE_MS / 1000));
  return {
    heapChangeKb: round3((after.JSHeapUsedSize - before.JSHeapUsedSize) / 1024),
    laterTaskMsPerSecond: round3(((later.TaskDuration - after.TaskDuration) * 1000) / (IDLE_MS / 1000)),
    laterHeapChangeKb: round3((later.JSHeapUsedSize - after.JSHeapUsedSize) / 1024),
    taskMsPerSecond: perSecond('TaskDuration', 1000),
    scriptMsPerSecond: perSecond('ScriptDuration', 1000),
    mainThreadCpuMsPerSecond: perSecond('ThreadTime', 1000),
    layoutsPerSecond: perSecond('LayoutCount'),
    styleRecalcsPerSecond: perSecond('RecalcStyleCount'),
    reactCommits: commits,
  };
}

/**
 * Opens the app with `graph` as its autosave and returns the time to all nodes
 * visible and to the first trace: the timeline then counts more than 0 steps.
 */
export async function openDocument(page: Page, baseUrl: string, graph: GraphDocument): Promise<Record<string, number>> {
  const positions = positionsOf(graph);
  await page.goto(baseUrl);
  const visible = await page.waitForFunction(probes.allNodesVisible, positions, { polling: 'raf', timeout: 60_000 });
  const visibleMs = (await visible.jsonValue()) as number;
  const traced = () => !/\/ 0$/.test(document.querySelector('[data-testid="step-count"]')?.textContent ?? '/ 0') && performance.now();
  const values = await page.waitForFunction(traced, undefined, { timeout: 60_000 });
  const renderedNodes = await page.locator('.react-flow__node').count();
  return { visibleMs: round3(visibleMs), tracedMs: round3((await values.jsonValue()) as number), renderedNodes };
}

function positionsOf(graph: GraphDocument): Positions {
  return graph.nodes.map((node): [string, number, number] => [node.id, node.position.x, node.position.y]);
}

/**
 * Measures what this machine delivers on a 5-node preset: frames with nothing
 * to do, with a 10-pixel square changing colour on every frame (the least a
 * changing frame costs, `tinyChange`), and while panning, zooming and dragging
 * a node. The 1,000-node figures can at best reach these, so the ratios
 * compare against them.
 */
async function calibrate(page: Page, baseUrl: string): Promise<Record<string, Record<string, number>>> {
  await page.goto(`${baseUrl}/#preset=add-mul`);
  await page.waitForFunction(() => !/\/ 0$/.test(document.querySelector('[data-testid="step-count"]')?.textContent ?? '/ 0'), undefined, { timeout: 60_000 });
  await page.waitForTimeout(1000);
  const idle = await framesWhile(page, () => page.waitForTimeout(100));
  await page.evaluate(probes.setTinyChange, true);
  const tinyChange = await framesWhile(page, () => page.waitForTimeout(100));
  await page.evaluate(probes.setTinyChange, false);
  return { idle, tinyChange, pan: await panFrames(page), zoom: await zoomFrames(page), drag: await dragFrames(page) };
}

/** Frame rate of `large` as a fraction of `floor`, the small graph's rate for the same gesture. */
function fpsRatio(large: Record<string, number>, floor: Record<string, number>): number {
  return round3(large.fps / floor.fps);
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
  sessions.set(page, session);

  const smallGraph = await calibrate(page, baseUrl);
  const load = await openDocument(page, baseUrl, graph);
  const fitted = await page.evaluate(probes.readTransform);
  // Elements in the document; the protocol's `Nodes` metric also counts detached nodes not yet collected.
  const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
  const positions = positionsOf(graph);
  const atFit = { pan: await panFrames(page, positions), zoom: await zoomFrames(page), drag: await dragFrames(page, positions) };
  const idle = await idleFigures(page);
  const playback = await playbackFigures(page);
  if (!fitted) throw new Error('no React Flow viewport found after the graph loaded, so the view cannot be fitted again');
  await fitAgain(page, fitted);
  const workingZoom = await zoomTo(page, 1);
  // React Flow renders only the nodes in view at detail zoom (onlyRenderVisibleElements).
  const renderedNodesAtWorkingZoom = await page.locator('.react-flow__node').count();
  const renderedWiresAtWorkingZoom = await page.locator('.react-flow__edge').count();
  const atWorkingZoom = { pan: await panFrames(page), drag: await dragFrames(page), dragRenders: await dragRenders(page) };
  await context.close();
  if (errors.length > 0) throw new Error(`the page threw ${errors.length} error(s): ${errors.join('; ')}`);
  const ratios = {
    panAtFit: fpsRatio(atFit.pan, smallGraph.pan),
    zoomAtFit: fpsRatio(atFit.zoom, smallGraph.zoom),
    dragAtFit: fpsRatio(atFit.drag, smallGraph.drag),
    playback: fpsRatio(playback, smallGraph.idle),
    panAtWorkingZoom: fpsRatio(atWorkingZoom.pan, smallGraph.pan),
    dragAtWorkingZoom: fpsRatio(atWorkingZoom.drag, smallGraph.drag),
  };
  return {
    bench: 'canvas', smallGraph, nodes: graph.nodes.length, edges: graph.edges.length, ...load,
    fittedZoom: round3(fitted?.zoom ?? Number.NaN), elements, atFit, idle, playback, workingZoom: round3(workingZoom), renderedNodesAtWorkingZoom, renderedWiresAtWorkingZoom, atWorkingZoom, ratios,
  };
}

/**
 * Builds the app, serves it on 127.0.0.1 and measures the canvas with a
 * 1,016-node unrolled scalar MLP in headless Chromium: load time, frame rates
 * while panning, zooming, dragging and playing, and main-thread work while idle.
 * `loadAverage` is the machine's 1-minute load average before and after.
 */
export async function benchCanvas(): Promise<Record<string, unknown>> {
  return withTemporaryFolder('backprop-studio-canvas-', async (outDir) => {
    await buildApp(outDir);
    return withPreviewServer(outDir, async (baseUrl) => {
      const browser = await launchChromium();
      try {
        const loadBefore = os.loadavg()[0];
        const figures = await measureCanvas(browser, baseUrl);
        const loadAverage = [loadBefore, os.loadavg()[0]].map(round3);
        return { ...figures, chromium: browser.version(), loadAverage };
      } finally {
        await browser.close();
      }
    });
  });
}
