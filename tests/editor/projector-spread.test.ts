import { describe, expect, test } from 'vitest';
import { buildScene } from '../../src/editor/canvas/compact-scene';
import { NO_SPREAD, PROJECTOR_SPREAD, toCanvasPoint, toDocumentPoint, toDocumentSize } from '../../src/editor/projector/spread';
import { GraphBuilder } from '../../src/presets/builder';

/**
 * Largest growth of a node box in projector mode, measured in Chromium with
 * bench/projector-growth.ts: mean 179 → 236 px wide, svm-loss 131 → 191 px tall.
 */
const MEASURED = { normal: { width: 179, height: 131 }, projector: { width: 236, height: 191 } };

describe('projector spread', () => {
  test('scales canvas positions per axis', () => {
    const spread = { x: 2, y: 4 };
    expect(toCanvasPoint({ x: 10, y: -3 }, spread)).toEqual({ x: 20, y: -12 });
    expect(toDocumentPoint({ x: 20, y: -12 }, spread)).toEqual({ x: 10, y: -3 });
    expect(toDocumentSize({ width: 200, height: 120 }, spread)).toEqual({ width: 100, height: 30 });
  });

  test('leaves positions alone without spread', () => {
    const point = { x: 0.123456, y: -7.654321 };
    expect(toCanvasPoint(point, NO_SPREAD)).toBe(point);
    expect(toDocumentPoint(point, NO_SPREAD)).toBe(point);
  });

  test('round-trips document positions exactly', () => {
    const failures: string[] = [];
    for (const x of [-1234.56, -80, -0.01, 0, 0.07, 13, 99.99, 150, 612.3, 4321]) {
      for (const y of [-500.5, -1, 0, 0.33, 42, 190, 777.77, 10_000]) {
        const back = toDocumentPoint(toCanvasPoint({ x, y }, PROJECTOR_SPREAD), PROJECTOR_SPREAD);
        if (back.x !== x || back.y !== y) failures.push(`(${x}, ${y}) came back as (${back.x}, ${back.y})`);
      }
    }
    expect(failures).toEqual([]);
  });

  test('divides a projector drag by the spread', () => {
    // A node at (100, 200) is drawn at (135, 300). Dragged by (27, 30), it lands at (162, 330).
    const canvas = toCanvasPoint({ x: 100, y: 200 }, PROJECTOR_SPREAD);
    expect(canvas.x).toBeCloseTo(135, 10);
    expect(canvas.y).toBeCloseTo(300, 10);
    expect(toDocumentPoint({ x: canvas.x + 27, y: canvas.y + 30 }, PROJECTOR_SPREAD)).toEqual({ x: 120, y: 220 });
  });

  test('keeps the most grown nodes apart', () => {
    // Two nodes touching in normal mode: the second starts where the first ends.
    const right = toCanvasPoint({ x: MEASURED.normal.width, y: 0 }, PROJECTOR_SPREAD);
    const below = toCanvasPoint({ x: 0, y: MEASURED.normal.height }, PROJECTOR_SPREAD);
    expect(right.x).toBeGreaterThanOrEqual(MEASURED.projector.width);
    expect(below.y).toBeGreaterThanOrEqual(MEASURED.projector.height);
  });

  test('spreads the compact scene', () => {
    const graph = new GraphBuilder('two');
    graph.value('x', 'input', 1, 0, 0);
    graph.node('e', 'exp', { x: 'x' }, 300, 100);
    const scene = buildScene(graph.build(), undefined, PROJECTOR_SPREAD);
    // The box moves to (300 · 1.35, 100 · 1.5) = (405, 150), and its 90 × 60 size becomes 121.5 × 90.
    const box = scene.byId.get('e')!.box;
    expect(box.x).toBeCloseTo(405, 10);
    expect(box.y).toBeCloseTo(150, 10);
    expect(box.width).toBeCloseTo(121.5, 10);
    expect(box.height).toBeCloseTo(90, 10);
    expect(scene.bounds!.width).toBeCloseTo(526.5, 10);
  });
});
