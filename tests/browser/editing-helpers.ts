import type { Page } from 'playwright-core';
import { nodeElement, nodeIds } from './app';

export async function sortedIds(page: Page): Promise<string[]> {
  return (await nodeIds(page)).sort();
}

/** Clicks the header of a node, which selects it without focusing one of its fields. */
export async function clickNode(page: Page, nodeId: string, modifiers: ('Shift' | 'ControlOrMeta')[] = []): Promise<void> {
  await nodeElement(page, nodeId).locator('.gate-header').click({ modifiers });
}

/** Selects the listed nodes with a click on the first and Shift+clicks on the rest. */
export async function selectNodes(page: Page, ids: readonly string[]): Promise<void> {
  for (const [index, id] of ids.entries()) await clickNode(page, id, index === 0 ? [] : ['Shift']);
}

export async function selectedIds(page: Page): Promise<string[]> {
  return (await page.locator('.react-flow__node.selected').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-id') ?? ''))).sort();
}

/** Moves keyboard focus to the page body, so shortcuts see no focused field or button. */
export async function focusBody(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}
