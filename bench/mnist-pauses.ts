import os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from './bundle';
import { launchChromium, withPreviewServer, withTemporaryFolder } from './browser/harness';
import * as probes from './browser/page-probes';
import { round3 } from './engine';

/** Epochs trained per model: two epoch ends, and short enough for a loaded machine. */
const EPOCHS = 2;
/** Length of the idle window that shows how long tasks get on this machine with no training. */
const IDLE_MS = 5000;
/** Time allowed for loading MNIST and for training, which a busy machine slows several-fold. */
const TIMEOUT_MS = 600_000;

/**
 * Chromium trace categories with every main-thread task (wall and CPU time),
 * the timers that start tasks, and the JavaScript stack that installed each timer.
 */
const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** Start, wall time and thread CPU time of a complete event, in microseconds. */
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { timerId?: number; stackTrace?: { functionName: string }[] } };
}

interface MainThreadTask {
  cpuMs: number;
  /** Functions that installed the timer this task ran, innermost first, or "other" for tasks no timer started. */
  source: string;
}

/** Names the functions that installed each timer, skipping minified names of 3 letters or fewer. */
function timerSources(events: TraceEvent[]): Map<number, string> {
  const sources = new Map<number, string>();
  for (const event of events) {
    const data = event.args?.data;
    if (event.name !== 'TimerInstall' || data?.timerId === undefined) continue;
    const names = (data.stackTrace ?? []).map((frame) => frame.functionName).filter((name) => name.length > 3);
    sources.set(data.timerId, names.slice(0, 3).join(' < ') || 'anonymous');
  }
  return sources;
}

/**
 * Returns the tasks of the page's main thread with their CPU time, which
 * hardly grows when other processes compete for the cores, unlike wall time.
 */
function mainThreadTasks(trace: Buffer): MainThreadTask[] {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  const threadOf = (event: TraceEvent) => `${event.pid}:${event.tid}`;
  const tasksByThread = new Map<string, TraceEvent[]>(mainThreads.map((event) => [threadOf(event), []]));
  for (const event of events) if (event.name === 'RunTask' && event.ph === 'X') tasksByThread.get(threadOf(event))?.push(event);
  // Other renderers (an empty tab, for example) have main threads too, and the page's is the busiest.
  const cpuOf = (event: TraceEvent) => (event.tdur ?? event.dur ?? 0) / 1000;
  const total = (tasks: TraceEvent[]) => tasks.reduce((sum, task) => sum + cpuOf(task), 0);
  const [thread, tasks] = [...tasksByThread].sort((a, b) => total(b[1]) - total(a[1]))[0] ?? ['', []];

  const sources = timerSources(events);
  const fires = events.filter((event) => event.name === 'TimerFire' && threadOf(event) === thread).sort((a, b) => a.ts - b.ts);
  return tasks.map((task) => {
    const fire = fires.find((event) => event.ts >= task.ts && event.ts <= task.ts + (task.dur ?? 0));
    const timerId = fire?.args?.data?.timerId;
    return { cpuMs: cpuOf(task), source: timerId === undefined ? 'other' : (sources.get(timerId) ?? 'unknown timer') };
  });
}

function cpuFigures(tasks: number[]): { tasks: number; longestCpuMs: number; p90CpuMs: number; over50MsCpu: number } {
  const sorted = [...tasks].sort((a, b) => a - b);
  const p90 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))] ?? 0;
  return { tasks: tasks.length, longestCpuMs: round3(sorted.at(-1) ?? 0), p90CpuMs: round3(p90), over50MsCpu: tasks.filter((task) => task > 50).length };
}

/** CPU time figures of all tasks, and of the tasks grouped by the functions that scheduled them, longest first. */
function summarizeCpu(tasks: MainThreadTask[]): Record<string, unknown> {
  const groups = new Map<string, number[]>();
  for (const task of tasks) groups.set(task.source, [...(groups.get(task.source) ?? []), task.cpuMs]);
  const bySource = [...groups].map(([source, times]) => ({ source, ...cpuFigures(times) })).sort((a, b) => b.longestCpuMs - a.longestCpuMs);
  return { ...cpuFigures(tasks.map((task) => task.cpuMs)), bySource: bySource.slice(0, 6) };
}

interface LongTaskWindow {
  __longTasks: number[];
}

/** Starts collecting the durations of long tasks (over 50 ms) in `window.__longTasks`. */
function observeLongTasks(): void {
  const target = window as unknown as LongTaskWindow;
  target.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) target.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
}

/** Returns the long tasks seen since the last call and starts a new list. */
function takeLongTasks(): number[] {
  const target = window as unknown as LongTaskWindow;
  const tasks = target.__longTasks;
  target.__longTasks = [];
  return tasks;
}

function summarize(tasks: number[]): Record<string, number> {
  return { longTasks: tasks.length, longestTaskMs: round3(Math.max(0, ...tasks)), longTaskMsTotal: round3(tasks.reduce((total, task) => total + task, 0)) };
}

async function setEpochs(page: Page, epochs: number): Promise<void> {
  const field = page.getByTestId('epochs');
  await field.fill(String(epochs));
  await field.press('Enter');
}

/**
 * Opens a preset, switches it to MNIST and waits until the trainer is ready.
 * Returns the long tasks of loading and the CPU time of its main-thread tasks.
 */
async function openOnMnist(browser: Browser, page: Page, baseUrl: string, presetId: string): Promise<Record<string, unknown>> {
  await page.goto(`${baseUrl}/#preset=${presetId}`);
  await page.getByTestId('initial-loss').waitFor({ timeout: TIMEOUT_MS });
  await page.evaluate(observeLongTasks);
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const started = Date.now();
  await page.getByTestId('dataset').selectOption('mnist');
  await page.waitForFunction(
    () => /8000 train/.test(document.querySelector('[data-testid="split-counts"]')?.textContent ?? '') && document.querySelector('[data-testid="initial-loss"]'),
    undefined,
    { timeout: TIMEOUT_MS },
  );
  const seconds = round3((Date.now() - started) / 1000);
  const tasks = mainThreadTasks(await browser.stopTracing()).map((task) => task.cpuMs);
  const cpuMs = round3(tasks.reduce((total, task) => total + task, 0));
  return { ...summarize(await page.evaluate(takeLongTasks)), cpu: { ...cpuFigures(tasks), totalCpuMs: cpuMs }, seconds };
}

/**
 * Trains EPOCHS epochs, then measures the test accuracy, and returns the long
 * tasks, the main thread's task CPU times and the frame intervals meanwhile.
 */
async function trainAndMeasure(browser: Browser, page: Page): Promise<Record<string, unknown>> {
  await setEpochs(page, EPOCHS);
  await page.evaluate(takeLongTasks);
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.evaluate(probes.startFrameCount);
  const started = Date.now();
  await page.getByTestId('train').click();
  await page.waitForFunction(
    (epochs) => {
      const last = document.querySelector('[data-testid="last-epoch"]')?.textContent ?? '';
      return new RegExp(`^Epoch ${epochs}\\b`).test(last) && !document.querySelector('[data-testid="train-evaluating"]');
    },
    EPOCHS,
    { timeout: TIMEOUT_MS, polling: 500 },
  );
  const seconds = (Date.now() - started) / 1000;
  await page.getByTestId('test-accuracy').click();
  await page.getByTestId('test-accuracy-result').waitFor({ timeout: TIMEOUT_MS });
  const frames = await page.evaluate(probes.stopFrameCount);
  const cpu = summarizeCpu(mainThreadTasks(await browser.stopTracing()));
  const lastEpoch = await page.getByTestId('last-epoch').textContent();
  return {
    ...summarize(await page.evaluate(takeLongTasks)),
    cpu,
    longestFrameMs: round3(frames.longestFrameMs),
    p95FrameMs: round3(frames.p95FrameMs),
    trainSeconds: round3(seconds),
    lastEpoch,
    testAccuracy: await page.getByTestId('test-accuracy-result').textContent(),
  };
}

async function measureModel(browser: Browser, baseUrl: string, presetId: string): Promise<Record<string, unknown>> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const loading = await openOnMnist(browser, page, baseUrl, presetId);
    const backend = await page.getByTestId('backend').textContent();
    await page.waitForTimeout(IDLE_MS);
    const idle = summarize(await page.evaluate(takeLongTasks));
    const loadBefore = os.loadavg()[0];
    const training = await trainAndMeasure(browser, page);
    if (errors.length > 0) throw new Error(`the page threw ${errors.length} error(s): ${errors.join('; ')}`);
    const loadAverage = [round3(loadBefore), round3(os.loadavg()[0])];
    return { bench: 'mnist-pauses', model: presetId, backend, epochs: EPOCHS, training, idle, loading, loadAverage };
  } finally {
    await context.close();
  }
}

/**
 * Builds the app, serves it on 127.0.0.1 and trains linear-softmax and mlp2 on
 * MNIST in headless Chromium. While they train and measure the test accuracy,
 * it records the long tasks (PerformanceObserver 'longtask', over 50 ms of wall
 * time), the CPU time of every main-thread task (from a Chromium trace) and
 * the longest animation frame. Long tasks while idle and while MNIST loads
 * are reported apart, as the machine's baseline and as loading cost.
 */
export async function benchMnistPauses(print: (figures: Record<string, unknown>) => void): Promise<void> {
  await withTemporaryFolder('backprop-studio-mnist-pauses-', async (outDir) => {
    await buildApp(outDir);
    await withPreviewServer(outDir, async (baseUrl) => {
      const browser = await launchChromium();
      try {
        for (const presetId of ['linear-softmax', 'mlp2']) print({ ...(await measureModel(browser, baseUrl, presetId)), chromium: browser.version() });
      } finally {
        await browser.close();
      }
    });
  });
}
