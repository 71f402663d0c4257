import type { GraphDocument } from '../src/engine/document';
import { createRandom } from '../src/engine/training/random';
import { GraphBuilder } from '../src/presets/builder';

/** Layer widths of the unrolled networks: about 1,000 and about 10,000 nodes. */
export const SMALL_WIDTHS = [8, 14, 12, 3];
export const LARGE_WIDTHS = [20, 50, 40, 7];
/** Layer widths of networks of about 1,000, 2,000, 5,000, 10,000 and 20,000 nodes, for a curve of cost per node. */
export const SERIES_WIDTHS = [SMALL_WIDTHS, [10, 20, 16, 4], [15, 35, 28, 5], LARGE_WIDTHS, [28, 70, 58, 9]] as const;

/** Distance between node columns and rows on the canvas, in flow units, and rows per column. */
const COLUMN = 220;
const ROW = 130;
const ROWS_PER_COLUMN = 30;

/** Places nodes in columns of ROWS_PER_COLUMN, left to right in the order they are added. */
class GridLayout {
  private count = 0;

  next(): [number, number] {
    const index = this.count++;
    return [Math.floor(index / ROWS_PER_COLUMN) * COLUMN, (index % ROWS_PER_COLUMN) * ROW];
  }
}

/**
 * Builds a scalar MLP unrolled into gates, as a student draws one: per neuron
 * a parameter and a multiply per input, a chain of adds, a bias parameter, an
 * add and a sigmoid, and the outputs summed into one sink. A neuron with k
 * inputs takes 3k + 2 nodes and 4k + 1 wires. Weights come from a seeded generator.
 */
export function unrolledScalarMlp(widths: readonly number[]): GraphDocument {
  const graph = new GraphBuilder(`Unrolled scalar MLP ${widths.join('-')}`);
  const layout = new GridLayout();
  const random = createRandom(7);
  const value = (id: string, kind: 'input' | 'parameter') => graph.value(id, kind, Number((random() * 2 - 1).toFixed(3)), ...layout.next());
  const node = (id: string, kind: string, inputs: Record<string, string>) => graph.node(id, kind, inputs, ...layout.next());

  let signals = Array.from({ length: widths[0] }, (_unused, i) => `x${i}`);
  signals.forEach((id) => value(id, 'input'));
  for (let layer = 1; layer < widths.length; layer++) {
    const next: string[] = [];
    for (let j = 0; j < widths[layer]; j++) {
      const prefix = `l${layer}n${j}`;
      let sum = '';
      signals.forEach((signal, i) => {
        const term = `${prefix}m${i}`;
        value(`${prefix}w${i}`, 'parameter');
        node(term, 'multiply', { a: signal, b: `${prefix}w${i}` });
        if (i === 0) {
          sum = term;
          return;
        }
        node(`${prefix}s${i}`, 'add', { a: sum, b: term });
        sum = `${prefix}s${i}`;
      });
      value(`${prefix}b`, 'parameter');
      node(`${prefix}z`, 'add', { a: sum, b: `${prefix}b` });
      node(`${prefix}h`, 'sigmoid', { x: `${prefix}z` });
      next.push(`${prefix}h`);
    }
    signals = next;
  }
  let total = signals[0];
  for (let i = 1; i < signals.length; i++) {
    node(`out${i}`, 'add', { a: total, b: signals[i] });
    total = `out${i}`;
  }
  return graph.build();
}
