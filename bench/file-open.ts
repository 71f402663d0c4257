import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { serializeDocument } from '../src/engine/document';
import { buildApp } from './bundle';
import { launchChromium, withPreviewServer, withTemporaryFolder } from './browser/harness';
import * as probes from './browser/page-probes';
import { round3 } from './engine';
import { LARGE_WIDTHS, unrolledScalarMlp } from './scalar-graph';

/** Generous, because a busy machine can slow the page several times over. */
const STEP_TIMEOUT_MS = 120_000;

/** Reads the timeline's total step count, such as 40 from "12 / 40", or 0 before the first trace. Runs in the page. */
function totalSteps(): number {
  const text = document.querySelector('[data-testid="step-count"]')?.textContent ?? '';
  const match = /\/\s*([\d,]+)/.exec(text);
  return match ? Number(match[1].replace(/,/g, '')) : 0;
}

/**
 * Opens the 10,060-node document through the toolbar's file input, as a person
 * choosing the file does. Returns the milliseconds from choosing it to the
 * first node of the new graph on the canvas (a node element, or the compact
 * canvas drawing the new graph), to the first trace (the timeline
 * counts the new graph's steps) and to every node in view rendered.
 */
async function openFile(page: Page, file: string, positions: [string, number, number][], steps: number): Promise<Record<string, number>> {
  const started = (await page.evaluate(() => performance.now())) as number;
  await page.locator('[data-testid="import-file"]').setInputFiles(file);
  // A node element, or the compact canvas drawing the new graph, which has far more nodes than the preset.
  const firstNode = await page.waitForFunction(
    ([id, count]) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="compact-canvas"]');
      const drawn = canvas !== null && Number(canvas.dataset.drawnNodes ?? 0) > 0 && document.querySelector('[data-testid="overview"]')?.getAttribute('data-drawn-nodes') === String(count);
      return (drawn || document.querySelector(`.react-flow__node[data-id="${id}"]`) !== null) && performance.now();
    },
    [positions[0][0], positions.length] as const,
    { polling: 'raf', timeout: STEP_TIMEOUT_MS },
  );
  // The predicate runs in the page, so it repeats totalSteps' reading instead of calling it.
  const traced = await page.waitForFunction(
    (count) => {
      const match = /\/\s*([\d,]+)/.exec(document.querySelector('[data-testid="step-count"]')?.textContent ?? '');
      return (match ? Number(match[1].replace(/,/g, '')) : 0) >= count && performance.now();
    },
    steps,
    { polling: 'raf', timeout: STEP_TIMEOUT_MS },
  );
  const visible = await page.waitForFunction(probes.allNodesVisible, positions, { polling: 'raf', timeout: STEP_TIMEOUT_MS });
  const since = async (handle: { jsonValue(): Promise<unknown> }) => round3(((await handle.jsonValue()) as number) - started);
  return { firstNodeMs: await since(firstNode), tracedMs: await since(traced), allInViewMs: await since(visible) };
}

/**
 * Measures opening a 10,060-node unrolled scalar MLP from a JSON file in the
 * production build in headless Chromium, twice, each time after the add-mul
 * preset. The page reads the file, parses and validates it, compiles and traces
 * it, and renders it.
 */
export async function benchFileOpen(): Promise<Record<string, unknown>> {
  const graph = unrolledScalarMlp(LARGE_WIDTHS);
  const positions = graph.nodes.map((node): [string, number, number] => [node.id, node.position.x, node.position.y]);
  // Every node runs forward, so the new trace has at least this many steps, far more than the preset's.
  const steps = graph.nodes.length;

  return withTemporaryFolder('backprop-studio-file-open-', async (folder) => {
    const outDir = path.join(folder, 'dist');
    await buildApp(outDir);
    const file = path.join(folder, 'unrolled-mlp.json');
    const text = serializeDocument(graph);
    await writeFile(file, text);

    return withPreviewServer(outDir, async (baseUrl) => {
      const browser = await launchChromium();
      try {
        const runs: Record<string, number>[] = [];
        for (let attempt = 0; attempt < 2; attempt++) {
          const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (error) => errors.push(error.message));
          await page.goto(`${baseUrl}/#preset=add-mul`);
          await page.waitForFunction(totalSteps, undefined, { timeout: STEP_TIMEOUT_MS });
          runs.push(await openFile(page, file, positions, steps));
          if (errors.length > 0) throw new Error(`the page threw while opening the file: ${errors.join('; ')}`);
          await context.close();
        }
        return { bench: 'file-open', nodes: graph.nodes.length, edges: graph.edges.length, fileBytes: text.length, runs, chromium: browser.version() };
      } finally {
        await browser.close();
      }
    });
  });
}
