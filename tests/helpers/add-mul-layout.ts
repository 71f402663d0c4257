import type { GraphDocument } from '../../src/engine/document';
import { GraphBuilder } from '../../src/presets/builder';

/** Builds add-mul with x and y at (0, 0) and (0, 200), q = x + y at (300, 100), z at (300, 300) and f = q · z at (600, 200). */
export function addMul(): GraphDocument {
  const graph = new GraphBuilder('add-mul');
  graph.value('x', 'input', -2, 0, 0);
  graph.value('y', 'input', 5, 0, 200);
  graph.node('q', 'add', { a: 'x', b: 'y' }, 300, 100);
  graph.value('z', 'input', -4, 300, 300);
  graph.node('f', 'multiply', { a: 'q', b: 'z' }, 600, 200);
  return graph.build();
}
