import type { Program } from '../compile';
import type { GraphDocument } from '../document';
import type { ExampleSet } from './evaluate';
import type { TrainingStructure } from './structure';

/** Fed labels skip the compile-time range check, so compare every split with the scores' class count. */
export function checkLabels(program: Program, structure: TrainingStructure, data: { readonly [part: string]: ExampleSet }): string | null {
  const scores = program.nodes.get(structure.scores.nodeId);
  const port = scores?.kind.outputs.findIndex((output) => output.name === structure.scores.port) ?? -1;
  const classes = scores && port >= 0 ? scores.outputShapes[port].at(-1) : undefined;
  if (classes === undefined) return null;
  for (const [part, set] of Object.entries(data)) {
    const largest = set.y.reduce((max: number, label: number) => Math.max(max, label), -1);
    if (largest >= classes) {
      return `The ${part} examples have label ${largest}, but node "${structure.scores.nodeId}" scores ${classes} classes (0 to ${classes - 1}); pick a dataset with ${classes} classes or widen the last layer.`;
    }
  }
  return null;
}

export function checkBatchNode(document: GraphDocument, batchId: string, train: ExampleSet): string | null {
  const node = document.nodes.find((entry) => entry.id === batchId)!;
  const features = node.params.features;
  if (typeof features === 'number' && features !== train.features) {
    return `Node "${batchId}" (batch) has ${features} features but the dataset has ${train.features}; set features to ${train.features} or pick another dataset.`;
  }
  return null;
}
