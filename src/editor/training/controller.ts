import { createStore, type StoreApi } from 'zustand/vanilla';
import type { GraphDocument } from '../../engine/document';
import type { LayerHealth } from '../../engine/health/metrics';
import type { OptimizerSettings } from '../../engine/optimizers';
import type { Trace } from '../../engine/trace';
import type { StepReport, Trainer, TrainingData } from '../../engine/training/trainer';
import type { KindRegistry } from '../../engine/types';
import type { EditorStore } from '../store/store';
import { DatasetSource, type ProgressiveMnistLoader } from './data-source';
import { PendingEvaluations } from './pending-evaluations';
import { openSession, trainerKey, type TrainingSession } from './session';
import { emptyRun, initialSnapshot, type StopInfo, type TrainingSnapshot } from './training-state';

export interface TrainingEnvironment {
  registry: KindRegistry;
  loadMnist: ProgressiveMnistLoader;
  /** Calls `callback` once the page had a chance to draw (requestAnimationFrame in the app); returns a cancel function. */
  schedule(callback: () => void): () => void;
  /** Current time in milliseconds (performance.now in the app). */
  now(): number;
  /** Time a slice of training steps may take before it yields to the browser. */
  sliceMilliseconds: number;
  /**
   * Minimum time between two updates of `store` while training runs. Every
   * update redraws the panel, and with epochs of a few milliseconds a redraw
   * per epoch would cost more than the training.
   */
  publishMilliseconds: number;
}

/** Examples per batch that the canvas shows, so the values on the wires stay readable. */
export const CANVAS_BATCH_EXAMPLES = 8;

/**
 * Trains the editor's document without freezing the page: training steps and
 * chunks of evaluation examples run in slices of `sliceMilliseconds` and yield
 * between slices. An evaluation that a pause interrupts (an epoch's, or the
 * test split's) goes on in the background until it is done. Owns at most one trainer
 * and disposes it on reset, on a change of the graph or its training settings,
 * on a backend switch and on detach. The panel reads `store`.
 */
export class TrainingController {
  readonly store: StoreApi<TrainingSnapshot> = createStore<TrainingSnapshot>()(() => initialSnapshot);
  private readonly datasets: DatasetSource;
  private session: TrainingSession | null = null;
  private editor: StoreApi<EditorStore> | null = null;
  private document: GraphDocument | null = null;
  private key: string | null = null;
  /** Incremented for every new trainer request, so a slow dataset load for an old graph is dropped. */
  private generation = 0;
  private cancelSlice: (() => void) | null = null;
  private readonly evaluations = new PendingEvaluations();
  private lastTracedStep = 0;
  /** Step counter and last batch loss, published to `store` once per slice. */
  private steps = 0;
  private lastLoss: number | null = null;
  /** Time of the last update of `store` during a run, and whether an epoch ended since. */
  private publishedAt = -Infinity;
  private epochEnded = false;

  constructor(private readonly environment: TrainingEnvironment) {
    this.datasets = new DatasetSource(environment.loadMnist);
  }

  get snapshot(): TrainingSnapshot {
    return this.store.getState();
  }

  /** The trainer's data splits, or null while there is no trainer. */
  get data(): TrainingData | null {
    return this.session?.data ?? null;
  }

  /** Follows an editor store's document and backend; returns a function that stops following and disposes the trainer. */
  attach(editor: StoreApi<EditorStore>): () => void {
    this.editor = editor;
    const follow = (state: EditorStore) => this.follow(state.document, state.backend.status === 'ready' ? state.backend.choice.name : null, state.loadCount);
    follow(editor.getState());
    const unsubscribe = editor.subscribe((state, previous) => {
      if (state.document !== previous.document || state.backend !== previous.backend || state.loadCount !== previous.loadCount) follow(state);
    });
    return () => {
      unsubscribe();
      this.editor = null;
      this.follow(null, null);
    };
  }

  /**
   * Rebuilds the trainer when the graph or its settings changed, or a document
   * was loaded again (`loadCount`), as reopening a preset does. `backend` is
   * null while tfjs starts.
   */
  follow(document: GraphDocument | null, backend: string | null, loadCount = 0): void {
    const training = document?.training;
    const key = training && backend ? `${backend} ${loadCount} ${trainerKey(document)}` : null;
    this.document = document;
    if (key !== null && key === this.key) {
      this.store.setState({ epochs: training!.epochs });
      return;
    }

    this.key = key;
    this.closeSession();
    if (!training) this.store.setState({ ...initialSnapshot, traceEvery: this.snapshot.traceEvery });
    else if (!backend) this.store.setState({ ...emptyRun, phase: 'waiting', epochs: training.epochs });
    else void this.openSession(document!);
  }

  /** Starts training in slices until the document's number of epochs, a pause or a non-finite loss. */
  start(): void {
    const { phase, stop, epochs } = this.snapshot;
    if (!this.session || phase !== 'ready' || stop || this.session.trainer.epoch >= epochs) return;
    this.store.setState({ phase: 'running' });
    this.scheduleSlice();
  }

  /**
   * Stops training after the batch that is running, if any. The trainer and
   * its curves stay, and a pending evaluation still finishes in later slices.
   */
  pause(): void {
    if (!this.evaluationPending()) this.cancelScheduledSlice();
    if (this.snapshot.phase !== 'running') return;
    this.store.setState({ phase: 'ready' });
    this.publish();
  }

  /**
   * Trains on one batch while paused; the plots redraw after every such step.
   * Does nothing while an evaluation runs, because the weights must stay as
   * they are until it is done.
   */
  stepOnce(): void {
    if (!this.session || this.snapshot.phase !== 'ready' || this.snapshot.stop || this.evaluationPending()) return;
    this.record(this.session.trainer.trainBatch());
    this.publish();
    this.store.setState({ revision: this.snapshot.revision + 1 });
    this.traceIfDue();
    if (this.evaluationPending()) this.scheduleSlice();
  }

  /** Disposes the trainer and creates a fresh one with newly drawn initial weights. */
  reset(): void {
    if (!this.document?.training || this.snapshot.phase === 'off' || this.snapshot.phase === 'waiting') return;
    this.closeSession();
    void this.openSession(this.document);
  }

  /** Evaluates the test split once, in slices like training, and then stores its accuracy. */
  measureTestAccuracy(): void {
    if (!this.session || this.snapshot.phase === 'running' || !this.evaluations.requestTest(this.session.trainer)) return;
    this.store.setState({ testAccuracy: null, evaluation: this.evaluations.progress(this.session.trainer) });
    this.scheduleSlice();
  }

  /** Puts the current batch's traced forward and backward pass on the canvas. */
  showBatch(): void {
    if (!this.session || !this.editor) return;
    const { trace } = this.session.trainer.traceCurrentBatch(CANVAS_BATCH_EXAMPLES);
    this.lastTracedStep = this.steps;
    this.editor.getState().showTrace(trace);
  }

  /** Measures every layer's health on up to `count` examples from the current batch position, or returns null without a trainer. */
  measureHealth(count: number): LayerHealth[] | null {
    return this.session?.trainer.measureHealth(count) ?? null;
  }

  setTraceEvery(steps: number): void {
    if (Number.isInteger(steps) && steps >= 0) this.store.setState({ traceEvery: steps });
  }

  /** Class scores [count, classes] of the current weights for `count` examples stored row-major in `x`. */
  scoresFor(x: Float32Array, count: number): Float32Array | null {
    return this.session?.trainer.scoresFor(x, count) ?? null;
  }

  parameterValue(nodeId: string): { shape: number[]; data: number[] } | null {
    return this.session?.trainer.parameterValue(nodeId) ?? null;
  }

  /** Ids of the parameter nodes the trainer updates, or an empty list without a trainer. */
  parameterIds(): readonly string[] {
    return this.session?.trainer.structure.parameterIds ?? [];
  }

  /** Returns the optimizer's state for one parameter node, or null when no trainer updates that node. */
  optimizerState(nodeId: string): Record<string, { shape: number[]; data: number[] }> | null {
    if (!this.session || !this.session.trainer.structure.parameterIds.includes(nodeId)) return null;
    return this.session.trainer.optimizerState(nodeId);
  }

  private async openSession(document: GraphDocument): Promise<void> {
    const generation = ++this.generation;
    const training = document.training!;
    const loadsMnist = training.dataset.name === 'mnist';
    this.store.setState({ ...emptyRun, phase: 'loading', epochs: training.epochs, datasetProgress: loadsMnist ? 0 : null });

    const onProgress = (fraction: number) => this.store.setState({ datasetProgress: fraction });
    const yieldToPage = () => new Promise<void>((resolve) => void this.environment.schedule(resolve));
    const result = await openSession(document, this.environment.registry, this.datasets, onProgress, yieldToPage);
    if (generation !== this.generation) {
      if (result.ok) result.session.trainer.dispose();
      return;
    }
    if (!result.ok) {
      this.store.setState({ phase: 'failed', setupError: { stage: result.stage, reason: result.error }, datasetProgress: null });
      return;
    }

    this.session = result.session;
    this.lastTracedStep = 0;
    this.steps = 0;
    this.lastLoss = null;
    this.epochEnded = false;
    const { trainer, data, initialLoss, expectedInitialLoss } = result.session;
    this.store.setState({
      phase: 'ready',
      datasetProgress: null,
      counts: { train: data.train.y.length, validation: data.validation.y.length, test: data.test.y.length },
      features: data.train.features,
      classes: data.train.classes,
      lossKind: trainer.structure.lossKind,
      batchesPerEpoch: trainer.batchesPerEpoch,
      initialLoss,
      expectedInitialLoss,
      revision: this.snapshot.revision + 1,
    });
  }

  private closeSession(): void {
    this.pause();
    this.cancelScheduledSlice();
    this.evaluations.clear();
    this.generation++;
    this.session?.trainer.dispose();
    this.session = null;
  }

  private runSlice(): void {
    this.cancelSlice = null;
    const session = this.session;
    if (!session) return;

    // Each unit of work is one training batch or one chunk of evaluation examples,
    // so a slice overruns its deadline by at most one unit. Evaluations go first,
    // because the weights must not change before they are done.
    const deadline = this.environment.now() + this.environment.sliceMilliseconds;
    let training = this.snapshot.phase === 'running';
    do {
      const outcome = this.evaluations.runChunk(session.trainer);
      if (outcome?.finished === 'epoch') this.epochEnded = true;
      if (outcome?.finished === 'test') this.store.setState({ testAccuracy: outcome.accuracy });
      if (outcome) continue;
      if (!training) break;
      training = this.record(session.trainer.trainBatch());
    } while (this.environment.now() < deadline);

    // record() may have stopped the run, so read the phase again.
    training &&= this.snapshot.phase === 'running';
    const busy = training || this.evaluationPending();
    const now = this.environment.now();
    if (!busy || now - this.publishedAt >= this.environment.publishMilliseconds) this.publish(now);
    this.traceIfDue();
    if (busy) this.scheduleSlice();
    if (!training && this.snapshot.phase === 'running') this.store.setState({ phase: 'ready' });
  }

  private evaluationPending(): boolean {
    return this.evaluations.isPending(this.session?.trainer);
  }

  private scheduleSlice(): void {
    this.cancelSlice ??= this.environment.schedule(() => this.runSlice());
  }

  private cancelScheduledSlice(): void {
    this.cancelSlice?.();
    this.cancelSlice = null;
  }

  /** Records one step's report; returns false when training must not go on. */
  private record(report: StepReport): boolean {
    const trainer = this.session!.trainer;
    this.steps++;
    this.lastLoss = report.loss;
    if (report.stopReason) {
      this.stopOnNonFinite(report);
      return false;
    }
    if (report.epochRecord) this.epochEnded = true;
    return trainer.epoch < this.snapshot.epochs;
  }

  /** Keeps the trainer and the curves, and shows the failing batch on the canvas so its NaN can be traced. */
  private stopOnNonFinite(report: StepReport): void {
    const { stop, trace } = describeStop(this.session!.trainer, report, this.document!.training!.optimizer);
    this.store.setState({ stop, phase: 'ready' });
    this.editor?.getState().showTrace(trace);
  }

  /** Copies the step counters, and the history after an epoch end, to `store`. */
  private publish(now = this.environment.now()): void {
    const trainer = this.session!.trainer;
    const progress = { epoch: trainer.epoch, batch: trainer.batch, steps: this.steps, lastLoss: this.lastLoss, evaluation: this.evaluations.progress(trainer) };
    const epochs = this.epochEnded ? { history: [...trainer.history], revision: this.snapshot.revision + 1 } : {};
    this.store.setState({ ...progress, ...epochs });
    this.publishedAt = now;
    this.epochEnded = false;
  }

  private traceIfDue(): void {
    const { traceEvery, stop } = this.snapshot;
    if (traceEvery > 0 && !stop && this.steps - this.lastTracedStep >= traceEvery) this.showBatch();
  }
}

/**
 * Describes a step that stopped on a NaN or infinite loss, and traces its
 * batch (at most CANVAS_BATCH_EXAMPLES examples) to find the first node whose
 * value or gradient is not finite.
 */
export function describeStop(trainer: Trainer, report: StepReport, optimizer: OptimizerSettings): { stop: StopInfo; trace: Trace } {
  const { trace } = trainer.traceCurrentBatch(CANVAS_BATCH_EXAMPLES);
  const culprit = trace.diagnostics.find((diagnostic) => diagnostic.code === 'non-finite-value' || diagnostic.code === 'non-finite-gradient') ?? null;
  const stop: StopInfo = {
    epoch: report.epoch + 1,
    batch: report.batch,
    loss: report.loss,
    optimizer: optimizer.name,
    learningRate: optimizer.learningRate,
    culprit,
    detail: report.stopReason!,
  };
  return { stop, trace };
}
