import { describe, expect, test } from 'vitest';
import { buildScene, COMPACT_NODE_SIZE, nodeAt, nodesInRectangle, wireAt } from '../../src/editor/canvas/compact-scene';
import { addMul } from '../helpers/add-mul-layout';

describe('compact scene', () => {
  test('places wires at the port positions of fixed-size boxes', () => {
    const scene = buildScene(addMul());
    expect(scene.nodes).toHaveLength(5);
    expect(scene.wires).toHaveLength(4);
    const wire = scene.wires.find((candidate) => candidate.edge.source === 'y' && candidate.edge.target === 'q')!;
    // The single output leaves the right side at half height: (0 + 90, 200 + 30).
    expect(wire.from).toEqual({ x: 90, y: 230 });
    // Input b is the second of two ports, two thirds down the left side: (300, 100 + 60 · 2/3).
    expect(wire.to).toEqual({ x: 300, y: 140 });
    expect(scene.bounds).toEqual({ x: 0, y: 0, width: 600 + COMPACT_NODE_SIZE.width, height: 300 + COMPACT_NODE_SIZE.height });
  });

  test('moves dragged nodes and their wires', () => {
    const scene = buildScene(addMul(), new Map([['q', { x: 310, y: 90 }]]));
    expect(scene.byId.get('q')!.box).toEqual({ x: 310, y: 90, width: 90, height: 60 });
    const wire = scene.wires.find((candidate) => candidate.edge.source === 'x')!;
    expect(wire.to).toEqual({ x: 310, y: 110 });
  });

  test('finds the node under a point, and none beside it', () => {
    const scene = buildScene(addMul());
    expect(nodeAt(scene, { x: 345, y: 130 })?.id).toBe('q');
    expect(nodeAt(scene, { x: 390, y: 160 })?.id).toBe('q');
    expect(nodeAt(scene, { x: 391, y: 130 })).toBeNull();
  });

  test('finds a wire within five screen pixels at the zoom', () => {
    const scene = buildScene(addMul());
    // The wire y → q runs from (90, 230) to (300, 140); its middle is (195, 185).
    expect(wireAt(scene, { x: 195, y: 185 }, 1)?.id).toBe(scene.wires.find((wire) => wire.edge.source === 'y')!.id);
    // 20 flow units off the line: 20 pixels at zoom 1, 2 pixels at zoom 0.1.
    const off = { x: 195 + 20 * Math.sin(Math.atan2(90, 210)), y: 185 + 20 * Math.cos(Math.atan2(90, 210)) };
    expect(wireAt(scene, off, 1)).toBeNull();
    expect(wireAt(scene, off, 0.1)).not.toBeNull();
  });

  test('selects the nodes a rectangle overlaps, in either drag direction', () => {
    const scene = buildScene(addMul());
    expect(nodesInRectangle(scene, { x: -10, y: -10 }, { x: 100, y: 250 }).sort()).toEqual(['x', 'y']);
    expect(nodesInRectangle(scene, { x: 389, y: 159 }, { x: 250, y: 50 })).toEqual(['q']);
    expect(nodesInRectangle(scene, { x: 1000, y: 1000 }, { x: 900, y: 900 })).toEqual([]);
  });
});

describe('compact scene hit size', () => {
  test('a node counts within 1.5 screen pixels', () => {
    const scene = buildScene(addMul());
    // q's box spans x 300 to 390. At zoom 1, 1.5 pixels are 1.5 flow units.
    expect(nodeAt(scene, { x: 391, y: 130 }, 1)?.id).toBe('q');
    expect(nodeAt(scene, { x: 392, y: 130 }, 1)).toBeNull();
    // At zoom 0.01 they are 150 units: 100 units left of q still finds it, the topmost node within reach.
    expect(nodeAt(scene, { x: 200, y: 130 }, 0.01)?.id).toBe('q');
    expect(nodeAt(scene, { x: 200, y: 130 }, 1)).toBeNull();
  });
});
