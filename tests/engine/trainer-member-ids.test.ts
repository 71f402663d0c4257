import { expect, test } from 'vitest';
import { compile } from '../../src/engine/compile';
import type { GraphDocument } from '../../src/engine/document';
import { measureHealth } from '../../src/engine/health/metrics';
import { Trainer } from '../../src/engine/training/trainer';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { datasetFromSettings, trainingDataFromSettings } from '../../src/presets/datasets';

/** Returns `document` with node `from` renamed to `to` in its nodes and edges. */
function renameNode(document: GraphDocument, from: string, to: string): GraphDocument {
  const rename = (id: string) => (id === from ? to : id);
  return {
    ...document,
    nodes: document.nodes.map((node) => ({ ...node, id: rename(node.id) })),
    edges: document.edges.map((edge) => ({ ...edge, source: rename(edge.source), target: rename(edge.target) })),
  };
}

test('trainer health with a parameter named __proto__', async () => {
  // mlp2 with its first weight matrix W1 renamed. The health sample must use the
  // trained weights of that parameter, as a traced run of the same batch does.
  const document = renameNode(findPreset('mlp2')!.build(), 'W1', '__proto__');
  const settings = document.training!;
  const dataset = await datasetFromSettings(settings.dataset, () => Promise.reject(new Error('no MNIST in this test')));
  const trainer = Trainer.create(document, registry, trainingDataFromSettings(dataset, settings), {
    optimizer: settings.optimizer, batchSize: settings.batchSize, seed: settings.seed, init: settings.init,
  });
  if ('error' in trainer) throw new Error(trainer.error);
  for (let step = 0; step < 7; step++) trainer.step();

  const sample = trainer.measureHealth(64);
  const traced = measureHealth(compile(document, registry), trainer.traceCurrentBatch(64).trace);

  expect(sample.length).toBe(traced.length);
  for (const [index, expected] of traced.entries()) {
    const where = `layer ${expected.layer.nodeId}`;
    expect(sample[index].deadFraction, where).toBe(expected.deadFraction);
    expect(sample[index].gradientNorm! / expected.gradientNorm!, where).toBeCloseTo(1, 4);
  }
  trainer.dispose();
});
