import { Position } from '@xyflow/react';
import { describe, expect, test } from 'vitest';
import { centredOn, portOn } from '../../src/editor/canvas/new-node-place';
import { NO_SPREAD } from '../../src/editor/projector/spread';

/** A 150 × 100 node with inputs a and b on its left side and output out on its right, each handle 8 × 8. */
const LAYOUT = {
  width: 150,
  height: 100,
  handles: [
    { id: 'a', type: 'target' as const, position: Position.Left, x: -4, y: 36, width: 8, height: 8 },
    { id: 'b', type: 'target' as const, position: Position.Left, x: -4, y: 56, width: 8, height: 8 },
    { id: 'out', type: 'source' as const, position: Position.Right, x: 146, y: 36, width: 8, height: 8 },
  ],
};

describe('new node placement', () => {
  test('centres a node on the point', () => {
    expect(centredOn({ x: 200, y: 100 }, LAYOUT, NO_SPREAD)).toEqual({ x: 125, y: 50 });
  });

  test('divides the drawn size by the spread', () => {
    // Drawn 150 × 100 with a spread of 1.5 × 2, the node takes 100 × 50 document units.
    expect(centredOn({ x: 200, y: 100 }, LAYOUT, { x: 1.5, y: 2 })).toEqual({ x: 150, y: 75 });
  });

  test('puts the handle of the port on the point', () => {
    // Input b's middle is at (0, 60) from the corner, output out's at (150, 40).
    expect(portOn({ x: 200, y: 100 }, LAYOUT, NO_SPREAD, 'b', 'target')).toEqual({ x: 200, y: 40 });
    expect(portOn({ x: 200, y: 100 }, LAYOUT, NO_SPREAD, 'out', 'source')).toEqual({ x: 50, y: 60 });
    expect(portOn({ x: 200, y: 100 }, LAYOUT, { x: 1.5, y: 2 }, 'out', 'source')).toEqual({ x: 100, y: 80 });
  });

  test('centres the node when it has no such handle', () => {
    expect(portOn({ x: 200, y: 100 }, LAYOUT, NO_SPREAD, 'out', 'target')).toEqual({ x: 125, y: 50 });
    expect(portOn({ x: 200, y: 100 }, LAYOUT, NO_SPREAD, 'c', 'target')).toEqual({ x: 125, y: 50 });
  });
});
