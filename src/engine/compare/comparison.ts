import type { GraphDocument } from '../document';
import { Trainer, type EpochRecord, type StepReport, type TrainerFailure, type TrainingConfig, type TrainingData } from '../training/trainer';
import type { KindRegistry } from '../types';
import { applyVariant, type RunVariant } from './variants';

/** One of the two runs of a comparison. */
export interface ComparisonRun {
  variant: RunVariant;
  /** The training graph with the variant's changes applied. */
  document: GraphDocument;
  trainer: Trainer;
  steps: number;
  /** The report of the step whose loss or values became NaN or infinite, with the reason in stopReason; null while the run can go on. */
  stop: StepReport | null;
}

export type ComparisonResult = { ok: true; comparison: Comparison } | { ok: false; error: string; failure?: TrainerFailure; run: 0 | 1 };

/**
 * Trains two variants of one training graph side by side on the same data
 * split, with the same seed, batch size, weight initialisation and shuffle
 * order, so their curves differ only by the variant. Each step() trains one
 * batch of the run that is behind, so a caller that slices steps across
 * frames keeps both runs at the same point. Owns both trainers until dispose().
 */
export class Comparison {
  private constructor(readonly runs: readonly [ComparisonRun, ComparisonRun], readonly epochs: number) {}

  /**
   * Builds both runs from a graph with training settings; `epochs` defaults to
   * the graph's. Returns which run failed and why when a variant cannot train.
   */
  static create(base: GraphDocument, variants: readonly [RunVariant, RunVariant], registry: KindRegistry, data: TrainingData, epochs?: number): ComparisonResult {
    const settings = base.training;
    if (!settings) return { ok: false, error: 'The graph has no training settings.', run: 0 };

    const runs: ComparisonRun[] = [];
    for (const [index, variant] of variants.entries()) {
      const document = applyVariant(base, variant);
      const config: TrainingConfig = { optimizer: document.training!.optimizer, batchSize: settings.batchSize, seed: settings.seed, init: settings.init };
      const trainer = Trainer.create(document, registry, data, config);
      if ('error' in trainer) {
        for (const run of runs) run.trainer.dispose();
        return { ok: false, error: trainer.error, failure: trainer, run: index as 0 | 1 };
      }
      runs.push({ variant, document, trainer, steps: 0, stop: null });
    }
    return { ok: true, comparison: new Comparison([runs[0], runs[1]], epochs ?? settings.epochs) };
  }

  /** True when both runs reached the number of epochs or stopped on a non-finite loss. */
  get done(): boolean {
    return this.runs.every((run) => !this.canStep(run));
  }

  /** Trains one batch of the run with fewer steps that can still train; returns false when both are done. */
  step(): boolean {
    const waiting = this.runs.filter((run) => this.canStep(run));
    if (waiting.length === 0) return false;
    const run = waiting.reduce((behind, candidate) => (candidate.steps < behind.steps ? candidate : behind));
    const report = run.trainer.step();
    run.steps++;
    if (report.stopReason) run.stop = report;
    return true;
  }

  /** Per-epoch records of both runs, in run order. */
  histories(): [readonly EpochRecord[], readonly EpochRecord[]] {
    return [this.runs[0].trainer.history, this.runs[1].trainer.history];
  }

  dispose(): void {
    for (const run of this.runs) run.trainer.dispose();
  }

  private canStep(run: ComparisonRun): boolean {
    return run.stop === null && run.trainer.epoch < this.epochs;
  }
}
