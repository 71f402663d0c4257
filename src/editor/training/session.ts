import type { GraphDocument } from '../../engine/document';
import { expectedInitialLoss } from '../../engine/training/structure';
import { Trainer, type TrainingData } from '../../engine/training/trainer';
import type { KindRegistry } from '../../engine/types';
import { trainingDataFromSettings } from '../../presets/datasets';
import { TranslatableError } from '../i18n/translate';
import type { DatasetSource } from './data-source';
import { failureMessage, type SessionError } from './setup-error';

/** A trainer ready to run, with its data and the numbers the panel shows before the first step. */
export interface TrainingSession {
  trainer: Trainer;
  data: TrainingData;
  /** Mean data loss on the training split with the initial weights. */
  initialLoss: number;
  /** ln C for softmax cross-entropy, (C − 1)·margin for the SVM loss. */
  expectedInitialLoss: number;
}

export type SessionResult = { ok: true; session: TrainingSession } | { ok: false; error: SessionError; stage: 'dataset' | 'graph' };

/**
 * Loads the dataset a document's training settings name, splits it, creates
 * the trainer and evaluates the initial loss, awaiting `yieldToPage` between
 * chunks of examples. Returns the reason as text when the dataset or the graph
 * cannot train.
 */
export async function openSession(
  document: GraphDocument,
  registry: KindRegistry,
  source: DatasetSource,
  onProgress: (fraction: number) => void,
  yieldToPage: () => Promise<void>,
): Promise<SessionResult> {
  const settings = document.training;
  if (!settings) return { ok: false, error: { key: 'training.problem.no-settings' }, stage: 'graph' };

  let data: TrainingData;
  try {
    const dataset = await source.load(settings.dataset, onProgress);
    data = trainingDataFromSettings(dataset, settings);
  } catch (error) {
    if (error instanceof TranslatableError) return { ok: false, error: error.text, stage: 'dataset' };
    return { ok: false, error: error instanceof Error ? error.message : String(error), stage: 'dataset' };
  }

  const config = { optimizer: settings.optimizer, batchSize: settings.batchSize, seed: settings.seed, init: settings.init };
  const trainer = Trainer.create(document, registry, data, config);
  if ('error' in trainer) return { ok: false, error: failureMessage(trainer), stage: 'graph' };

  // A forward pass over two batches costs less than one training step (forward, backward and update).
  const evaluation = trainer.startEvaluation('train');
  while (!evaluation.advance(2 * trainer.batchSize)) await yieldToPage();

  const { lossKind, lossId } = trainer.structure;
  const margin = document.nodes.find((node) => node.id === lossId)?.params.margin;
  return {
    ok: true,
    session: {
      trainer,
      data,
      initialLoss: evaluation.result().dataLoss,
      expectedInitialLoss: expectedInitialLoss(lossKind, data.train.classes, typeof margin === 'number' ? margin : 1),
    },
  };
}

/**
 * A text that changes exactly when the trainer must be rebuilt: the nodes'
 * kinds and parameters, the wires and every training setting except the
 * number of epochs. Node positions and labels do not count.
 */
export function trainerKey(document: GraphDocument): string {
  const { epochs: _epochs, ...training } = document.training ?? { epochs: 0 };
  const nodes = document.nodes.map(({ id, kind, params }) => [id, kind, params]);
  const edges = document.edges.map(({ source, sourcePort, target, targetPort }) => [source, sourcePort, target, targetPort]);
  return JSON.stringify({ nodes, edges, training });
}
