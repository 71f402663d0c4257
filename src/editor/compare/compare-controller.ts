import { createStore, type StoreApi } from 'zustand/vanilla';
import { Comparison, type ComparisonRun } from '../../engine/compare/comparison';
import type { RunVariant } from '../../engine/compare/variants';
import type { GraphDocument } from '../../engine/document';
import type { EpochRecord, TrainingData } from '../../engine/training/trainer';
import type { KindRegistry } from '../../engine/types';
import type { EditorStore } from '../store/store';
import { describeStop } from '../training/controller';
import { failureMessage, type SessionError } from '../training/setup-error';
import type { StopInfo } from '../training/training-state';

export type ComparePhase = 'idle' | 'running' | 'paused' | 'done' | 'failed';

export interface CompareSnapshot {
  phase: ComparePhase;
  /** Per-epoch records of run A and run B. */
  histories: readonly [readonly EpochRecord[], readonly EpochRecord[]];
  /** The run that cannot train and why, or null. */
  error: { run: 'A' | 'B'; reason: SessionError } | null;
  /** Each run's stop on a NaN or infinite loss, or null while it has not stopped. */
  stops: readonly [StopInfo | null, StopInfo | null];
  epochs: number;
  /** Incremented when either run's weights reach a new epoch, so the boundary plots redraw. */
  revision: number;
}

export interface CompareEnvironment {
  registry: KindRegistry;
  /** Calls `callback` after the page had a chance to handle input and draw; returns a cancel function. */
  schedule(callback: () => void): () => void;
  now(): number;
  /** Time a slice of steps may take before it yields to the browser. */
  sliceMilliseconds: number;
}

const idle: CompareSnapshot = { phase: 'idle', histories: [[], []], error: null, stops: [null, null], epochs: 0, revision: 0 };

/**
 * Runs a comparison of two variants of the editor's training graph without
 * freezing the page: steps of both runs alternate within slices of
 * `sliceMilliseconds`, and the slices yield to the browser. Owns the
 * comparison's two trainers until the next start or dispose().
 */
export class CompareController {
  readonly store: StoreApi<CompareSnapshot> = createStore<CompareSnapshot>()(() => idle);
  private comparison: Comparison | null = null;
  private cancelSlice: (() => void) | null = null;

  constructor(private readonly environment: CompareEnvironment) {}

  get snapshot(): CompareSnapshot {
    return this.store.getState();
  }

  /**
   * Discards the comparison when the editor loads another document or switches
   * the tfjs backend, because its curves and boundaries belong to the previous
   * graph and its trainers to the previous backend. Returns a function that
   * stops following.
   */
  attach(editor: StoreApi<Pick<EditorStore, 'loadCount' | 'backend'>>): () => void {
    return editor.subscribe((state, previous) => {
      if (state.loadCount !== previous.loadCount || state.backend !== previous.backend) this.discard();
    });
  }

  /** Builds both runs from `document` on `data` and starts training them; a running comparison is discarded. */
  start(document: GraphDocument, data: TrainingData, variants: readonly [RunVariant, RunVariant], epochs: number): void {
    this.dispose();
    const result = Comparison.create(document, variants, this.environment.registry, data, epochs);
    if (!result.ok) {
      this.store.setState({ ...idle, phase: 'failed', error: { run: result.run === 0 ? 'A' : 'B', reason: result.failure ? failureMessage(result.failure) : result.error } });
      return;
    }
    this.comparison = result.comparison;
    this.store.setState({ ...idle, phase: 'running', epochs, revision: this.snapshot.revision + 1 });
    this.cancelSlice = this.environment.schedule(() => this.runSlice());
  }

  pause(): void {
    this.cancelSlice?.();
    this.cancelSlice = null;
    if (this.snapshot.phase === 'running') this.store.setState({ phase: 'paused' });
  }

  resume(): void {
    if (!this.comparison || this.snapshot.phase !== 'paused') return;
    this.store.setState({ phase: 'running' });
    this.cancelSlice = this.environment.schedule(() => this.runSlice());
  }

  /** Class scores of run `index` for `count` examples stored row-major in `x`, or null without a comparison. */
  scoresFor(index: 0 | 1, x: Float32Array, count: number): Float32Array | null {
    return this.comparison?.runs[index].trainer.scoresFor(x, count) ?? null;
  }

  /** Stops and disposes both runs; the curves stay in the store until the next start. */
  dispose(): void {
    this.pause();
    this.comparison?.dispose();
    this.comparison = null;
  }

  /** Disposes both runs and clears their curves. */
  discard(): void {
    this.dispose();
    if (this.snapshot.phase !== 'idle') this.store.setState({ ...idle, revision: this.snapshot.revision + 1 });
  }

  private runSlice(): void {
    this.cancelSlice = null;
    const comparison = this.comparison;
    if (!comparison || this.snapshot.phase !== 'running') return;

    const epochsBefore = comparison.runs.map((run) => run.trainer.epoch).join(' ');
    const deadline = this.environment.now() + this.environment.sliceMilliseconds;
    let stepped = true;
    do stepped = comparison.step();
    while (stepped && this.environment.now() < deadline);

    const epochsAfter = comparison.runs.map((run) => run.trainer.epoch).join(' ');
    const [a, b] = comparison.runs;
    const done = comparison.done;
    this.store.setState({
      phase: done ? 'done' : 'running',
      histories: [[...a.trainer.history], [...b.trainer.history]],
      stops: [this.stopOf(a, this.snapshot.stops[0]), this.stopOf(b, this.snapshot.stops[1])],
      revision: epochsAfter !== epochsBefore || done ? this.snapshot.revision + 1 : this.snapshot.revision,
    });
    if (!done) this.cancelSlice = this.environment.schedule(() => this.runSlice());
  }

  /** Describes a run's stop once, when it first stops, because describing traces a batch. */
  private stopOf(run: ComparisonRun, described: StopInfo | null): StopInfo | null {
    if (!run.stop || described) return described;
    return describeStop(run.trainer, run.stop, run.document.training!.optimizer).stop;
  }
}
