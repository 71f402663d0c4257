import type { Program } from '../compile';
import type { GraphDocument } from '../document';
import type { ExampleSet } from './evaluate';
import type { TrainingProblem } from './problems';
import type { TrainingStructure } from './structure';

/** Fed labels skip the compile-time range check, so compare every split with the scores' class count. */
export function checkLabels(program: Program, structure: TrainingStructure, data: { readonly [part: string]: ExampleSet }): TrainingProblem | null {
  const scores = program.nodes.get(structure.scores.nodeId);
  const port = scores?.kind.outputs.findIndex((output) => output.name === structure.scores.port) ?? -1;
  const classes = scores && port >= 0 ? scores.outputShapes[port].at(-1) : undefined;
  if (classes === undefined) return null;
  for (const [part, set] of Object.entries(data)) {
    const largest = set.y.reduce((max: number, label: number) => Math.max(max, label), -1);
    if (largest >= classes) {
      const node = structure.scores.nodeId;
      const message = `The ${part} examples have label ${largest}, but node "${node}" scores ${classes} classes (0 to ${classes - 1}); pick a dataset with ${classes} classes or widen the last layer.`;
      return { code: 'label-range', message, details: { part, label: largest, node, classes, last: classes - 1 } };
    }
  }
  return null;
}

export function checkBatchNode(document: GraphDocument, batchId: string, train: ExampleSet): TrainingProblem | null {
  const node = document.nodes.find((entry) => entry.id === batchId)!;
  const features = node.params.features;
  if (typeof features === 'number' && features !== train.features) {
    const message = `Node "${batchId}" (batch) has ${features} features but the dataset has ${train.features}; set features to ${train.features} or pick another dataset.`;
    return { code: 'batch-features', message, details: { node: batchId, features, datasetFeatures: train.features } };
  }
  return null;
}
