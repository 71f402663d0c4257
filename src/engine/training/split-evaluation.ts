/** Data loss, regularization loss and accuracy of the current weights on one split. */
export interface Evaluation {
  dataLoss: number;
  regularizationLoss: number;
  accuracy: number;
}

/** Sums over one chunk of examples. */
export interface ChunkSums {
  /** Mean data loss of the chunk times its number of examples. */
  lossSum: number;
  correct: number;
  /** Regularization loss of the weights, which does not depend on the examples. */
  regularizationLoss: number;
}

/** Evaluates examples start … end of a split with the current weights. */
export type ChunkEvaluator = (start: number, end: number) => ChunkSums;

/**
 * An evaluation of one split that advances a chunk of examples at a time, so
 * that a page can draw and handle input between chunks. The result is only
 * meaningful when the weights do not change before the last chunk.
 */
export class SplitEvaluation {
  private next = 0;
  private lossSum = 0;
  private correct = 0;
  private regularizationLoss = 0;

  /** `chunkSize` caps the examples of one forward pass, whatever `advance` is given. */
  constructor(
    readonly count: number,
    private readonly evaluateChunk: ChunkEvaluator,
    private readonly chunkSize: number,
  ) {}

  get done(): boolean {
    return this.next >= this.count;
  }

  /** Examples evaluated so far. */
  get evaluated(): number {
    return this.next;
  }

  /** Evaluates up to `maxExamples` more examples and returns true when the split is done. */
  advance(maxExamples: number): boolean {
    const stop = Math.min(this.next + maxExamples, this.count);
    while (this.next < stop) {
      const end = Math.min(this.next + this.chunkSize, stop);
      const sums = this.evaluateChunk(this.next, end);
      this.lossSum += sums.lossSum;
      this.correct += sums.correct;
      this.regularizationLoss = sums.regularizationLoss;
      this.next = end;
    }
    return this.done;
  }

  /** Returns the means over the split. An empty split gives zeros. */
  result(): Evaluation {
    if (!this.done) throw new Error(`SplitEvaluation.result: only ${this.next} of ${this.count} examples are evaluated. Call advance until it returns true.`);
    const count = Math.max(this.count, 1);
    return { dataLoss: this.lossSum / count, regularizationLoss: this.regularizationLoss, accuracy: this.correct / count };
  }
}

/** Evaluation of the training and validation splits after an epoch, advanced in chunks like SplitEvaluation. */
export class EpochEvaluation {
  constructor(
    /** Epoch (from 1) whose weights are evaluated. */
    readonly epoch: number,
    private readonly train: SplitEvaluation,
    /** Null when there is no validation split. */
    private readonly validation: SplitEvaluation | null,
  ) {}

  get total(): number {
    return this.train.count + (this.validation?.count ?? 0);
  }

  get evaluated(): number {
    return this.train.evaluated + (this.validation?.evaluated ?? 0);
  }

  /** Evaluates up to `maxExamples` more examples, training split first, and returns true when both splits are done. */
  advance(maxExamples: number): boolean {
    let budget = maxExamples;
    if (!this.train.done) {
      const before = this.train.evaluated;
      this.train.advance(budget);
      budget -= this.train.evaluated - before;
    }
    if (this.validation && budget > 0 && this.train.done) this.validation.advance(budget);
    return this.train.done && (this.validation?.done ?? true);
  }

  result(): { train: Evaluation; validationAccuracy: number } {
    return { train: this.train.result(), validationAccuracy: this.validation ? this.validation.result().accuracy : Number.NaN };
  }
}
