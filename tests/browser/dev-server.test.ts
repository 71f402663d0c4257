import { afterAll, beforeAll, describe, expect } from 'vitest';
import { SMALL_WIDTHS, unrolledScalarMlp } from '../../bench/scalar-graph';
import { serializeDocument } from '../../src/engine/document';
import { storageKeys } from '../../src/editor/store/persistence';
import { startDevServer, stopPreviewServer, type PreviewServer } from '../helpers/preview-server';
import { saveScreenshot, test } from './browser';

/**
 * The README starts the app with `npm start`, the development server, where
 * React's StrictMode mounts each component, unmounts it and mounts it again.
 * The other browser tests use the production build, which skips that second
 * mount, so this file checks the parts that broke under it.
 */
describe('development server', () => {
  let server: PreviewServer;

  beforeAll(async () => {
    server = await startDevServer();
  });

  afterAll(async () => {
    if (server) await stopPreviewServer(server);
  });

  test('draws a zoomed-out large graph', async ({ page }) => {
    const graph = unrolledScalarMlp(SMALL_WIDTHS);
    await page.addInitScript(([key, text]) => {
      // Only the first load: the dev server may reload the page once after optimizing dependencies.
      if (!sessionStorage.getItem('seeded')) localStorage.setItem(key, text);
      sessionStorage.setItem('seeded', 'yes');
    }, [storageKeys.document, serializeDocument(graph)]);
    await page.goto(`${server.baseUrl}/`);

    const drawnNodes = () =>
      page.evaluate(() => Number(document.querySelector<HTMLCanvasElement>('[data-testid="compact-canvas"]')?.dataset.drawnNodes ?? -1));
    await expect.poll(drawnNodes, { timeout: 90_000 }).toBe(graph.nodes.length);
    await saveScreenshot(page, 'dev-server-large-graph');
  });
});
