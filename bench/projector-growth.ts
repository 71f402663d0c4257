/**
 * Measures how much projector mode enlarges node boxes: opens every preset in
 * Chromium, once in normal mode and once in projector mode, and compares each
 * node's box in flow units (screen size divided by the zoom). Further
 * arguments are more URL fragments to measure, such as a `graph=…` link with a
 * node of every kind (`npm run cli -- link encode FILE`). Prints one line
 * per node kind with the largest width and height ratios, one line per graph
 * whose wire labels overlap nodes in projector mode, then one JSON line.
 *
 *   npx vite build --outDir /tmp/dist && npx tsx bench/projector-growth.ts /tmp/dist [graph=…]
 */
import type { Page } from 'playwright-core';
import { launchChromium, withPreviewServer } from './browser/harness';

interface Box {
  kind: string;
  width: number;
  height: number;
}

async function readBoxes(page: Page): Promise<Map<string, Box>> {
  const entries = await page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport') as HTMLElement;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    return [...document.querySelectorAll('.react-flow__node')].map((element) => {
      const box = element.getBoundingClientRect();
      const kind = element.querySelector('.gate-kind')?.textContent ?? '?';
      return [element.getAttribute('data-id') ?? '', { kind, width: box.width / zoom, height: box.height / zoom }] as const;
    });
  });
  return new Map(entries);
}

/** Lists "label@node" for every wire label on screen that overlaps a node's box by more than a pixel. */
async function labelsOverNodes(page: Page): Promise<string[]> {
  // A string, so the bundler adds no helper the page lacks.
  return page.evaluate(`(() => {
    const nodes = [...document.querySelectorAll('.react-flow__node')].map((element) => [element.getAttribute('data-id'), element.getBoundingClientRect()]);
    const hits = [];
    for (const label of document.querySelectorAll('.edge-label')) {
      const box = label.getBoundingClientRect();
      if (box.width === 0) continue;
      for (const [id, node] of nodes) {
        if (box.left < node.right - 1 && node.left < box.right - 1 && box.top < node.bottom - 1 && node.top < box.bottom - 1) hits.push(label.textContent + '@' + id);
      }
    }
    return hits;
  })()`);
}

async function openGraph(page: Page, baseUrl: string, hash: string, projector: boolean): Promise<Map<string, Box>> {
  await page.evaluate((on) => localStorage.setItem('backprop-studio.projector', on ? 'on' : 'off'), projector);
  await page.goto(`${baseUrl}/#${hash}`);
  await page.reload();
  await page.locator('.react-flow__node').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.react-flow__node[style*="visibility: hidden"]').length === 0);
  await page.waitForTimeout(500);
  return readBoxes(page);
}

async function main(): Promise<void> {
  const [outDir = 'dist', ...extraHashes] = process.argv.slice(2);
  const ratios = new Map<string, { width: number; height: number; normal: Box; projector: Box }>();
  const labelOverlaps: Record<string, number> = {};
  await withPreviewServer(outDir, async (baseUrl) => {
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${baseUrl}/#preset=add-mul`);
    const presets = await page.locator('[data-testid="preset-menu"] option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value).filter(Boolean));
    const hashes = [...presets.map((preset) => `preset=${preset}`), ...extraHashes];
    for (const hash of hashes) {
      const normal = await openGraph(page, baseUrl, hash, false);
      const projector = await openGraph(page, baseUrl, hash, true);
      const overlaps = await labelsOverNodes(page);
      if (overlaps.length > 0) labelOverlaps[hash] = overlaps.length;
      for (const [id, before] of normal) {
        const after = projector.get(id);
        if (!after) continue;
        const width = after.width / before.width;
        const height = after.height / before.height;
        const known = ratios.get(before.kind);
        if (!known || Math.max(width, height) > Math.max(known.width, known.height)) ratios.set(before.kind, { width, height, normal: before, projector: after });
      }
    }
    await browser.close();
  });
  const rows = [...ratios].sort((a, b) => Math.max(b[1].width, b[1].height) - Math.max(a[1].width, a[1].height));
  for (const [kind, r] of rows) {
    console.log(`${kind.padEnd(22)} width ×${r.width.toFixed(3)} (${r.normal.width.toFixed(0)} → ${r.projector.width.toFixed(0)})  height ×${r.height.toFixed(3)} (${r.normal.height.toFixed(0)} → ${r.projector.height.toFixed(0)})`);
  }
  const maxWidth = Math.max(...rows.map(([, r]) => r.width));
  const maxHeight = Math.max(...rows.map(([, r]) => r.height));
  for (const [hash, count] of Object.entries(labelOverlaps)) console.log(`${hash.slice(0, 40).padEnd(40)} ${count} wire label/node overlaps in projector mode`);
  const report = { kinds: rows.length, maxWidthRatio: Number(maxWidth.toFixed(3)), maxHeightRatio: Number(maxHeight.toFixed(3)), graphsWithLabelOverNode: Object.keys(labelOverlaps).length };
  console.log(JSON.stringify(report));
}

await main();
