import type { Diagnostic } from '../../engine/diagnostics';
import type { TrainingStructure } from '../../engine/training/structure';
import type { EpochRecord } from '../../engine/training/trainer';
import type { SetupError } from './setup-error';

/**
 * Phase of the training panel. `off`: the document has no training settings;
 * `waiting`: the tfjs backend has not started; `loading`: the dataset or the
 * trainer is being built; `ready`: a trainer exists and is not running;
 * `failed`: the graph or dataset cannot train (see `setupError`).
 */
export type TrainingPhase = 'off' | 'waiting' | 'loading' | 'ready' | 'running' | 'failed';

/** Why training stopped on its own: the loss or a value became NaN or infinite. */
export interface StopInfo {
  /** Epoch (from 1) and batch (from 1) of the step whose loss was not finite. */
  epoch: number;
  batch: number;
  loss: number;
  optimizer: string;
  learningRate: number;
  /** The first node whose value or gradient became NaN or infinite on that batch, if the trace found one. */
  culprit: Diagnostic | null;
  /** The engine's English description, with the same facts. */
  detail: string;
}

/** Progress of an evaluation that runs in slices between training steps. */
export interface EvaluationProgress {
  /** Epoch whose training and validation splits are evaluated, or null for the test split. */
  epoch: number | null;
  /** Share of the examples evaluated, from 0 to 1. */
  fraction: number;
}

export interface SplitCounts {
  train: number;
  validation: number;
  test: number;
}

export interface TrainingSnapshot {
  phase: TrainingPhase;
  /** Fraction of MNIST loaded, from 0 to 1, while it loads; null otherwise. */
  datasetProgress: number | null;
  setupError: SetupError | null;
  counts: SplitCounts | null;
  features: number;
  classes: number;
  lossKind: TrainingStructure['lossKind'] | null;
  /** Epochs completed, batches completed in the current epoch, and batches per epoch. */
  epoch: number;
  batch: number;
  batchesPerEpoch: number;
  /** The number of epochs Train runs to, from the document. */
  epochs: number;
  /** Steps since the trainer was created or reset. */
  steps: number;
  /** Total loss (data + regularization) of the last step's batch. */
  lastLoss: number | null;
  history: readonly EpochRecord[];
  initialLoss: number | null;
  expectedInitialLoss: number | null;
  /** Accuracy on the test split, computed once on request. */
  testAccuracy: number | null;
  /** The evaluation running between slices, or null when none runs. */
  evaluation: EvaluationProgress | null;
  stop: StopInfo | null;
  /** Incremented when the weights change in a way the plots redraw for: a new trainer, an epoch end, a reset. */
  revision: number;
  /** Show the current batch on the canvas every this many steps; 0 turns it off. */
  traceEvery: number;
}

export const initialSnapshot: TrainingSnapshot = {
  phase: 'off',
  datasetProgress: null,
  setupError: null,
  counts: null,
  features: 0,
  classes: 0,
  lossKind: null,
  epoch: 0,
  batch: 0,
  batchesPerEpoch: 0,
  epochs: 0,
  steps: 0,
  lastLoss: null,
  history: [],
  initialLoss: null,
  expectedInitialLoss: null,
  testAccuracy: null,
  evaluation: null,
  stop: null,
  revision: 0,
  traceEvery: 0,
};

/** The fields that describe one trainer; cleared whenever the trainer is disposed. */
export const emptyRun: Partial<TrainingSnapshot> = {
  setupError: null,
  counts: null,
  epoch: 0,
  batch: 0,
  batchesPerEpoch: 0,
  steps: 0,
  lastLoss: null,
  history: [],
  initialLoss: null,
  expectedInitialLoss: null,
  testAccuracy: null,
  evaluation: null,
  stop: null,
};
