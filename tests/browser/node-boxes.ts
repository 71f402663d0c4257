import type { Page } from 'playwright-core';

/** A node's box on screen, in CSS pixels. */
export interface NodeBox {
  id: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Reads the screen box of every node React Flow draws. */
export async function nodeBoxes(page: Page): Promise<NodeBox[]> {
  return page.locator('.react-flow__node').evaluateAll((elements) =>
    elements.map((element) => {
      const { left, top, right, bottom } = element.getBoundingClientRect();
      return { id: element.getAttribute('data-id') ?? '', left, top, right, bottom };
    }),
  );
}

/** Returns "a/b" for every pair of nodes whose boxes overlap by more than half a pixel. */
export function overlappingPairs(boxes: NodeBox[]): string[] {
  const pairs: string[] = [];
  boxes.forEach((a, index) => {
    for (const b of boxes.slice(index + 1)) {
      const overlaps = a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
      if (overlaps) pairs.push(`${a.id}/${b.id}`);
    }
  });
  return pairs;
}
