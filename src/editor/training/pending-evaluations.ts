import type { SplitEvaluation } from '../../engine/training/split-evaluation';
import type { Trainer } from '../../engine/training/trainer';
import type { EvaluationProgress } from './training-state';

/** Result of one evaluation chunk: nothing finished yet, an epoch's record, or the test accuracy. */
export type ChunkOutcome = { finished: 'none' } | { finished: 'epoch' } | { finished: 'test'; accuracy: number };

/**
 * The evaluations a trainer runs in chunks between slices: the pending epoch
 * evaluation, which the trainer keeps, and a requested test evaluation. Both
 * must end before the weights change again, so they run before any training step.
 */
export class PendingEvaluations {
  private test: SplitEvaluation | null = null;

  /** Starts evaluating the test split and returns true, or returns false when that evaluation already runs. */
  requestTest(trainer: Trainer): boolean {
    if (this.test) return false;
    this.test = trainer.startEvaluation('test');
    return true;
  }

  clear(): void {
    this.test = null;
  }

  isPending(trainer: Trainer | undefined): boolean {
    return Boolean(trainer?.epochEvaluation || this.test);
  }

  /**
   * Evaluates one chunk of two batches of examples, which costs less than a
   * training step, epoch first. Returns null when nothing is pending.
   */
  runChunk(trainer: Trainer): ChunkOutcome | null {
    const examples = 2 * trainer.batchSize;
    if (trainer.epochEvaluation) return trainer.evaluateEpoch(examples) ? { finished: 'epoch' } : { finished: 'none' };
    if (!this.test) return null;
    if (!this.test.advance(examples)) return { finished: 'none' };

    const { accuracy } = this.test.result();
    this.test = null;
    return { finished: 'test', accuracy };
  }

  progress(trainer: Trainer | undefined): EvaluationProgress | null {
    const epoch = trainer?.epochEvaluation;
    if (epoch) return { epoch: epoch.epoch, fraction: epoch.evaluated / Math.max(epoch.total, 1) };
    return this.test ? { epoch: null, fraction: this.test.evaluated / Math.max(this.test.count, 1) } : null;
  }
}
