import { describe, expect, test } from 'vitest';
import { placeInside } from '../../src/editor/menus/keep-in-window';

const view = { width: 1000, height: 700 };
const size = { width: 300, height: 360 };

describe('place inside the window', () => {
  test('fits at the point', () => {
    expect(placeInside({ x: 100, y: 120 }, size, view)).toMatchObject({ left: 100, top: 120 });
  });

  test('flips above near the bottom', () => {
    // 600 + 360 passes 700 − 8, and 600 − 360 = 240 leaves room above.
    expect(placeInside({ x: 100, y: 600 }, size, view)).toMatchObject({ left: 100, top: 240 });
  });

  test('flips left near the right edge', () => {
    expect(placeInside({ x: 900, y: 120 }, size, view)).toMatchObject({ left: 600, top: 120 });
  });

  test('fits neither side: against the far edge', () => {
    // Below 400 the element would pass 692, above it would pass 8: it ends 8 px above the bottom.
    expect(placeInside({ x: 100, y: 300 }, { width: 300, height: 500 }, view)).toMatchObject({ left: 100, top: 192 });
  });

  test('taller than the window: at the near edge', () => {
    expect(placeInside({ x: 100, y: 300 }, { width: 300, height: 900 }, view)).toMatchObject({ left: 100, top: 8 });
  });

  test('a shrinking element keeps its side', () => {
    const opened = placeInside({ x: 100, y: 600 }, size, view);
    const shrunk = placeInside({ x: 100, y: 600 }, { width: 300, height: 100 }, view, opened);

    expect(opened.before).toEqual({ x: false, y: true });
    // Its bottom stays at the point: 600 − 100.
    expect(shrunk).toEqual({ left: 100, top: 500, before: { x: false, y: true } });
  });
});
