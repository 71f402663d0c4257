import { describe, expect, test } from 'vitest';
import { findPreset } from '../../src/presets';

/** The widest the editor draws a node in normal mode, in canvas pixels (`.gate-node` max-width). */
const NODE_WIDTH = 240;
/** Room a wire needs between two nodes for its value and gradient labels; a tensor label is up to about 100 px wide. */
const LABEL_ROOM = 100;
/** Kinds of the classifier's main chain, whose input wires carry tensors. */
const CHAIN_KINDS = new Set(['matmul', 'bias-add', 'relu', 'sigmoid', 'tanh', 'svm-loss', 'softmax-ce']);

describe('classifier preset layout', () => {
  test.each(['linear-svm', 'linear-softmax', 'mlp2', 'mlp6', 'training-loop', 'polar-features', 'space-warping'])('%s wires have label room', (presetId) => {
    const document = findPreset(presetId)!.build();
    const nodes = new Map(document.nodes.map((node) => [node.id, node]));
    const cramped: string[] = [];
    for (const edge of document.edges) {
      const source = nodes.get(edge.source)!;
      const target = nodes.get(edge.target)!;
      if (!CHAIN_KINDS.has(target.kind)) continue;
      const room = target.position.x - (source.position.x + NODE_WIDTH);
      if (room < LABEL_ROOM) cramped.push(`${edge.source} → ${edge.target}: ${room}`);
    }
    expect(cramped).toEqual([]);
  });
});
