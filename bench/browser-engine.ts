import path from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium, withPreviewServer, withTemporaryFolder } from './browser/harness';
import type { PageCase } from './browser/engine-page/main';

const CONFIG_FILE = path.resolve('bench/browser/engine-page/vite.config.ts');
/** Generous, because software WebGL is slow (70–120 ms per MNIST step here) and a busy machine slows it further. */
const CASE_TIMEOUT_MS = 30 * 60_000;

/** Cases per backend: MNIST at batch 128 and the spiral at batch 64, as in the Node benchmark, with fewer steps. */
const CASES: PageCase[] = [
  { presetId: 'mlp2', dataset: 'mnist', batch: 128, stepsPerRound: 2, rounds: 8 },
  { presetId: 'mlp2', dataset: 'spiral', batch: 64, stepsPerRound: 5, rounds: 12 },
  { presetId: 'mlp6', dataset: 'mnist', batch: 128, stepsPerRound: 2, rounds: 8 },
  { presetId: 'mlp6', dataset: 'spiral', batch: 64, stepsPerRound: 5, rounds: 12 },
];

/** Builds the benchmark page of bench/browser/engine-page into `outDir`, as `vite build` would. */
async function buildPage(outDir: string): Promise<void> {
  // The benchmark runner's Vite server set NODE_ENV to development, but the page is built for production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: CONFIG_FILE, mode: 'production', build: { outDir } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

async function runBackend(page: Page, backend: string): Promise<Record<string, unknown>[]> {
  type Runner = (name: string, cases: PageCase[]) => Promise<Record<string, unknown>[]>;
  const run = ([name, cases]: [string, PageCase[]]) => (window as unknown as { runEngineBench: Runner }).runEngineBench(name, cases);
  return page.evaluate(run, [backend, CASES] as [string, PageCase[]]);
}

/**
 * Runs the engine comparison of bench/engine.ts in headless Chromium on each
 * backend in `backends` (webgl first: software WebGL through SwiftShader on
 * machines without a GPU) and calls `report` with each case's figures.
 */
export async function benchBrowserEngine(backends: string[], report: (figures: Record<string, unknown>) => void): Promise<void> {
  await withTemporaryFolder('backprop-studio-engine-page-', async (outDir) => {
    await buildPage(outDir);
    await withPreviewServer(outDir, async (baseUrl) => {
      const browser = await launchChromium();
      try {
        for (const backend of backends) {
          // A fresh page per backend, so one backend's memory and compiled shaders do not weigh on the next.
          const page = await browser.newPage();
          page.setDefaultTimeout(CASE_TIMEOUT_MS);
          await page.goto(`${baseUrl}/index.html`);
          await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready');
          for (const figures of await runBackend(page, backend)) report({ ...figures, bench: 'browser-engine', chromium: browser.version() });
          await page.close();
        }
      } finally {
        await browser.close();
      }
    }, CONFIG_FILE);
  });
}
