import type { Browser, Page } from 'playwright-core';
import { serializeDocument, type GraphDocument } from '../src/engine/document';
import { storageKeys } from '../src/editor/store/persistence';
import { buildApp } from './bundle';
import { launchChromium, withPreviewServer, withTemporaryFolder } from './browser/harness';
import * as probes from './browser/page-probes';
import { chromiumThreadCpuMs } from './browser/process-cpu';
import { fitAgain, openDocument, swing, zoomTo } from './canvas';
import { round3 } from './engine';
import { SMALL_WIDTHS, unrolledScalarMlp } from './scalar-graph';

/** Length of each traced gesture and of the idle trace, in milliseconds. */
const TRACE_MS = 3000;
const IDLE_MS = 5000;
/** Events listed per thread, largest self time first. */
const TOP_EVENTS = 12;
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'gpu', 'viz', 'v8.execute'];

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, in microseconds, when the trace recorded it. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/**
 * Sums the self CPU time of complete ('X') events per thread and name: an
 * event's thread time minus that of the events nested in it on the same
 * thread. Events the trace records without thread time count nothing.
 */
function selfTimes(events: TraceEvent[], windowMs: number): Record<string, Record<string, number>> {
  const threadNames = new Map<string, string>();
  for (const event of events) if (event.ph === 'M' && event.name === 'thread_name') threadNames.set(`${event.pid}:${event.tid}`, event.args?.name ?? '?');

  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined) continue;
    const key = `${event.pid}:${event.tid}`;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(event);
  }

  const result: Record<string, Record<string, number>> = {};
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const totals = new Map<string, number>();
    const stack: { end: number; name: string; cpu: boolean }[] = [];
    for (const event of list) {
      while (stack.length > 0 && stack.at(-1)!.end <= event.ts) stack.pop();
      const parent = stack.at(-1);
      if (event.tdur !== undefined) {
        if (parent?.cpu) totals.set(parent.name, (totals.get(parent.name) ?? 0) - event.tdur);
        totals.set(event.name, (totals.get(event.name) ?? 0) + event.tdur);
      }
      stack.push({ end: event.ts + event.dur!, name: event.name, cpu: event.tdur !== undefined });
    }
    const top = [...totals].sort((a, b) => b[1] - a[1]).slice(0, TOP_EVENTS);
    const busy = top.reduce((sum, [, micros]) => sum + micros, 0);
    // Threads busy less than 0.2 % of the window are left out.
    if (busy / 1000 < windowMs / 500) continue;
    const name = `${threadNames.get(key) ?? '?'} (${key})`;
    result[name] = Object.fromEntries(top.map(([event, micros]) => [event, round3(micros / windowMs / 1000)]));
  }
  return result;
}

async function stopTrace(browser: Browser): Promise<TraceEvent[]> {
  const buffer = await browser.stopTracing();
  return (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
}

/**
 * Returns the CPU time per animation frame of each Chromium thread that used at
 * least 0.2 ms per frame between two readings of chromiumThreadCpuMs, largest first.
 */
function threadTimesPerFrame(before: Map<string, number> | null, after: Map<string, number> | null, frames: number): Record<string, number> {
  if (!before || !after) return {};
  const perFrame = [...after].map(([key, milliseconds]): [string, number] => [key, (milliseconds - (before.get(key) ?? 0)) / frames]);
  return Object.fromEntries(perFrame.filter(([, milliseconds]) => milliseconds >= 0.2).sort((a, b) => b[1] - a[1]).map(([key, milliseconds]) => [key, round3(milliseconds)]));
}

/**
 * Traces `act` for TRACE_MS and returns each busy thread's self CPU time per
 * event, in ms per ms of wall time, and each thread's CPU time per animation
 * frame from /proc. `drawnFps` counts the frames the display compositor drew
 * (viz's DirectRenderer::DrawFrame), which can be fewer than the page's
 * animation frames when the GPU process falls behind.
 */
async function traceWhile(browser: Browser, page: Page, act: (step: number) => Promise<void>): Promise<Record<string, unknown>> {
  await browser.startTracing(page, { categories: CATEGORIES });
  const threadsBefore = chromiumThreadCpuMs();
  await page.evaluate(probes.startFrameCount);
  const started = Date.now();
  for (let step = 0; Date.now() < started + TRACE_MS; step++) await act(step);
  const frames = await page.evaluate(probes.stopFrameCount);
  const threadsAfter = chromiumThreadCpuMs();
  const events = await stopTrace(browser);
  const drawn = events.filter((event) => event.ph === 'X' && event.name === 'DirectRenderer::DrawFrame').length;
  const frameCount = Math.max(1, frames.fps * frames.seconds);
  return {
    fps: round3(frames.fps),
    drawnFps: round3(drawn / frames.seconds),
    threadCpuMsPerFrame: threadTimesPerFrame(threadsBefore, threadsAfter, frameCount),
    cpuShare: selfTimes(events, frames.seconds * 1000),
  };
}

/** Traces IDLE_MS with nothing happening; unlike traceWhile it counts no frames, because requesting them is work. */
async function traceIdle(browser: Browser, page: Page): Promise<Record<string, unknown>> {
  await browser.startTracing(page, { categories: CATEGORIES });
  await page.waitForTimeout(IDLE_MS);
  return { cpuShare: selfTimes(await stopTrace(browser), IDLE_MS) };
}

/** Traces the page from navigation until every node in view is shown, as the canvas benchmark times it. */
async function traceLoad(browser: Browser, page: Page, baseUrl: string, graph: GraphDocument): Promise<Record<string, unknown>> {
  await browser.startTracing(page, { categories: CATEGORIES });
  const load = await openDocument(page, baseUrl, graph);
  const events = await stopTrace(browser);
  return { ...load, cpuShare: selfTimes(events, load.tracedMs) };
}

/** Presses the button at `start`, traces while the pointer swings with the button held, and releases. */
async function traceHeldDrag(browser: Browser, page: Page, start: { x: number; y: number } | null, startName: string): Promise<Record<string, unknown>> {
  if (!start) throw new Error(`no ${startName} on the canvas to drag from`);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const result = await traceWhile(browser, page, swing(page, start));
  await page.mouse.up();
  return result;
}

/** Node positions [id, x, y] in flow units, which the probes need where the compact canvas draws the graph. */
type Positions = [string, number, number][];

async function tracePan(browser: Browser, page: Page, positions: Positions): Promise<Record<string, unknown>> {
  return traceHeldDrag(browser, page, await page.evaluate(probes.findEmptyPanePoint, positions), 'empty point');
}

async function traceDrag(browser: Browser, page: Page, positions: Positions): Promise<Record<string, unknown>> {
  return traceHeldDrag(browser, page, await page.evaluate(probes.findNodeNearMiddle, positions), 'node');
}

async function traceZoom(browser: Browser, page: Page): Promise<Record<string, unknown>> {
  const start = await page.evaluate(probes.findEmptyPanePoint, []);
  if (!start) throw new Error('no empty point on the canvas to zoom at');
  await page.mouse.move(start.x, start.y);
  return traceWhile(browser, page, (step) => page.mouse.wheel(0, step % 10 < 5 ? -100 : 100));
}

/**
 * Builds the app and traces the 1,016-node canvas with Chromium's tracing
 * while loading, panning, zooming and dragging at the fitted zoom, idle, and
 * panning and dragging at zoom 1.
 * Prints where each busy thread spends its time; a profiling aid, not a benchmark.
 */
export async function profileCanvas(): Promise<Record<string, unknown>> {
  const graph = unrolledScalarMlp(SMALL_WIDTHS);
  const positions = graph.nodes.map((node): [string, number, number] => [node.id, node.position.x, node.position.y]);
  return withTemporaryFolder('backprop-studio-canvas-profile-', async (outDir) => {
    await buildApp(outDir);
    return withPreviewServer(outDir, async (baseUrl) => {
      const browser = await launchChromium();
      try {
        const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
        await context.addInitScript(probes.installRenderCounter);
        await context.addInitScript(([key, text]) => localStorage.setItem(key, text), [storageKeys.document, serializeDocument(graph)]);
        const page = await context.newPage();
        const load = await traceLoad(browser, page, baseUrl, graph);
        const fitted = await page.evaluate(probes.readTransform);
        await page.waitForTimeout(1000);
        const atFit = { pan: await tracePan(browser, page, positions), zoom: await traceZoom(browser, page), drag: await traceDrag(browser, page, positions) };
        // Idle as the canvas benchmark measures it: after the drag, with the pointer off the canvas.
        await page.mouse.move(5, 5);
        await page.waitForTimeout(1000);
        const idle = await traceIdle(browser, page);
        if (!fitted) throw new Error('no React Flow viewport found after the graph loaded, so the view cannot be fitted again');
        await fitAgain(page, fitted);
        await zoomTo(page, 1);
        const atWorkingZoom = { pan: await tracePan(browser, page, positions), drag: await traceDrag(browser, page, positions) };
        await context.close();
        return { bench: 'canvas-profile', load, atFit, idle, atWorkingZoom };
      } finally {
        await browser.close();
      }
    });
  });
}
