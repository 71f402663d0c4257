import * as tf from '@tensorflow/tfjs-core';
import { compile, type Program } from '../compile';
import type { Diagnostic } from '../diagnostics';
import type { GraphDocument } from '../document';
import { computeGradients } from '../gradients';
import { measureBatchHealth } from '../health/batch-health';
import type { LayerHealth } from '../health/metrics';
import { createOptimizer, disposeOptimizer, type OptimizerSettings } from '../optimizers';
import { run } from '../run';
import { readTensor } from '../tensor';
import type { Trace } from '../trace';
import type { KindRegistry } from '../types';
import { batchTensors, countCorrect, forwardOutputs, type ExampleSet } from './evaluate';
import { initialValue, type WeightInit } from './init';
import { checkBatchNode, checkLabels } from './checks';
import type { TrainingProblem } from './problems';
import { shuffledIndices } from './random';
import { EpochEvaluation, SplitEvaluation, type ChunkSums, type Evaluation } from './split-evaluation';
import { findTrainingStructure, type TrainingStructure } from './structure';

export type { Evaluation } from './split-evaluation';

/** The reason a graph cannot train: English text, and the problem or the graph's blocking diagnostic. */
export interface TrainerFailure {
  error: string;
  problem: TrainingProblem | Diagnostic;
}

export interface TrainingData {
  train: ExampleSet;
  validation: ExampleSet;
  test: ExampleSet;
}

export interface TrainingConfig {
  optimizer: OptimizerSettings;
  batchSize: number;
  seed: number;
  init: WeightInit;
}

export interface EpochRecord {
  epoch: number;
  dataLoss: number;
  regularizationLoss: number;
  trainAccuracy: number;
  validationAccuracy: number;
}

export interface StepReport {
  /** Epochs completed and batches completed within the current epoch, after this step. */
  epoch: number;
  batch: number;
  batchesPerEpoch: number;
  /** Total loss of the step's batch: data loss plus regularization. */
  loss: number;
  /**
   * Present when this step completed an epoch and its evaluation: always from
   * step(), never from trainBatch(), which leaves the evaluation to evaluateEpoch().
   */
  epochRecord?: EpochRecord;
  /** Reason training must stop, present when the loss or a value became NaN or infinite. */
  stopReason?: string;
}

/** Maximum examples per forward pass when evaluating a split. */
const EVALUATION_CHUNK = 1000;

/**
 * Trains the parameter nodes of a graph on minibatches: a seeded shuffle each
 * epoch, forward and the per-node backward inside tf.tidy, then the optimizer's
 * update. Owns tfjs variables and an optimizer until dispose().
 */
export class Trainer {
  readonly structure: TrainingStructure;
  readonly history: EpochRecord[] = [];
  epoch = 0;
  batch = 0;
  private variables = new Map<string, tf.Variable>();
  private optimizer: tf.Optimizer;
  private readonly programs = new Map<number, Program>();
  private order: Int32Array;
  /** Evaluation of the epoch that trainBatch() completed last, until evaluateEpoch() finishes it. */
  private pendingEpoch: EpochEvaluation | null = null;

  private constructor(
    private readonly document: GraphDocument,
    private readonly registry: KindRegistry,
    private readonly data: TrainingData,
    private readonly config: TrainingConfig,
    structure: TrainingStructure,
  ) {
    this.structure = structure;
    this.optimizer = createOptimizer(config.optimizer);
    this.order = shuffledIndices(data.train.y.length, config.seed);
    this.initializeVariables();
  }

  /**
   * Creates a trainer, or returns what keeps the graph from training: English
   * text, and the problem or the graph's blocking diagnostic for translation.
   */
  static create(document: GraphDocument, registry: KindRegistry, data: TrainingData, config: TrainingConfig): Trainer | TrainerFailure {
    const found = findTrainingStructure(document);
    if (!found.ok) return { error: found.error, problem: found.problem };
    const problem = checkBatchNode(document, found.structure.batchId, data.train);
    if (problem) return { error: problem.message, problem };
    if (!(config.batchSize >= 1)) {
      const message = `Batch size must be at least 1, found ${config.batchSize}.`;
      return { error: message, problem: { code: 'batch-size', message, details: { size: config.batchSize } } };
    }

    const trainer = new Trainer(document, registry, data, config, found.structure);
    const program = trainer.program(Math.min(config.batchSize, data.train.y.length));
    const blocking = program.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
    const labelProblem = blocking ? null : checkLabels(program, found.structure, { ...data });
    if (blocking || labelProblem) {
      trainer.dispose();
      return blocking ? { error: blocking.message, problem: blocking } : { error: labelProblem!.message, problem: labelProblem! };
    }
    return trainer;
  }

  get batchSize(): number {
    return this.config.batchSize;
  }

  get batchesPerEpoch(): number {
    return Math.ceil(this.data.train.y.length / this.config.batchSize);
  }

  /** Trains on the next minibatch. At the end of an epoch it also evaluates both splits and reshuffles. */
  step(): StepReport {
    const report = this.trainBatch();
    if (this.pendingEpoch) report.epochRecord = this.evaluateEpoch(Number.POSITIVE_INFINITY)!;
    return report;
  }

  /**
   * Trains on the next minibatch. At the end of an epoch it reshuffles and
   * starts the epoch's evaluation, which evaluateEpoch() then runs in chunks.
   * Throws while an epoch evaluation is pending, because new weights would mix into it.
   */
  trainBatch(): StepReport {
    if (this.pendingEpoch) {
      throw new Error(`Trainer.trainBatch: epoch ${this.pendingEpoch.epoch} is still being evaluated. Call evaluateEpoch until it returns the epoch record.`);
    }
    const start = this.batch * this.config.batchSize;
    const end = Math.min(start + this.config.batchSize, this.data.train.y.length);
    const program = this.program(end - start);

    const loss = tf.tidy(() => {
      const [x, y] = batchTensors(this.data.train, this.order, start, end);
      const result = computeGradients(program, { [this.structure.batchId]: [x, y] }, this.variables);
      this.optimizer.applyGradients(Object.fromEntries([...result.grads].map(([id, gradient]) => [this.variables.get(id)!.name, gradient])));
      return result.loss.dataSync()[0];
    });

    this.batch++;
    const report: StepReport = { epoch: this.epoch, batch: this.batch, batchesPerEpoch: this.batchesPerEpoch, loss };
    if (!Number.isFinite(loss)) {
      report.stopReason = this.describeNonFinite(loss, start, end);
      return report;
    }
    if (this.batch >= this.batchesPerEpoch) this.beginEpochEvaluation();
    report.epoch = this.epoch;
    report.batch = this.batch;
    return report;
  }

  /** Progress of the pending epoch evaluation in examples, or null when none is pending. */
  get epochEvaluation(): { epoch: number; evaluated: number; total: number } | null {
    const pending = this.pendingEpoch;
    return pending ? { epoch: pending.epoch, evaluated: pending.evaluated, total: pending.total } : null;
  }

  /**
   * Evaluates up to `maxExamples` more examples of the pending epoch evaluation.
   * Returns the epoch's record, also appended to `history`, once both splits
   * are done; null while examples remain or when no evaluation is pending.
   */
  evaluateEpoch(maxExamples: number): EpochRecord | null {
    const pending = this.pendingEpoch;
    if (!pending || !pending.advance(maxExamples)) return null;

    this.pendingEpoch = null;
    const { train, validationAccuracy } = pending.result();
    const record = { epoch: pending.epoch, dataLoss: train.dataLoss, regularizationLoss: train.regularizationLoss, trainAccuracy: train.accuracy, validationAccuracy };
    this.history.push(record);
    return record;
  }

  /** Evaluates data loss, regularization and accuracy on a whole split. */
  evaluate(part: keyof TrainingData): Evaluation {
    const evaluation = this.startEvaluation(part);
    evaluation.advance(Number.POSITIVE_INFINITY);
    return evaluation.result();
  }

  /** Starts an evaluation of a split that the caller advances in chunks while the weights stay as they are. */
  startEvaluation(part: keyof TrainingData): SplitEvaluation {
    const set = this.data[part];
    return new SplitEvaluation(set.y.length, (start, end) => this.evaluateChunk(set, start, end), EVALUATION_CHUNK);
  }

  /** Draws new initial weights and a fresh optimizer; the history starts over. */
  reset(): void {
    for (const variable of this.variables.values()) variable.dispose();
    this.variables.clear();
    disposeOptimizer(this.optimizer);
    this.optimizer = createOptimizer(this.config.optimizer);
    this.epoch = 0;
    this.batch = 0;
    this.history.length = 0;
    this.pendingEpoch = null;
    this.order = shuffledIndices(this.data.train.y.length, this.config.seed);
    this.initializeVariables();
  }

  /**
   * The graph document with every parameter set to its current trained value.
   * Init becomes "value", because a parameter with a random init would draw new weights when run.
   */
  currentDocument(): GraphDocument {
    const document = structuredClone(this.document);
    for (const node of document.nodes) {
      const variable = this.variables.get(node.id);
      if (variable) node.params = { ...node.params, init: 'value', value: readTensor(variable) };
    }
    return document;
  }

  /** Runs the traced forward and backward pass on the current minibatch, for the canvas. */
  traceCurrentBatch(maxExamples = this.config.batchSize): { document: GraphDocument; trace: Trace } {
    const { start, count } = this.currentExamples(maxExamples);
    const document = withBatchSize(this.currentDocument(), this.structure.batchId, count);
    const [x, y] = batchTensors(this.data.train, this.order, start, start + count);
    try {
      return { document, trace: run(compile(document, this.registry), { [this.structure.batchId]: [x, y] }) };
    } finally {
      x.dispose();
      y.dispose();
    }
  }

  /**
   * Measures every layer's health on up to `maxExamples` examples from the
   * current batch position, the ones traceCurrentBatch traces, with the
   * current weights. The signals are computed on the backend, and nothing
   * but a few numbers per layer is read back.
   */
  measureHealth(maxExamples = this.config.batchSize): LayerHealth[] {
    const { start, count } = this.currentExamples(maxExamples);
    const [x, y] = batchTensors(this.data.train, this.order, start, start + count);
    try {
      // fromEntries defines own keys, where an assignment to feeds['__proto__'] would set the prototype.
      const feeds: Record<string, tf.Tensor[]> = Object.fromEntries([
        [this.structure.batchId, [x, y]],
        ...[...this.variables].map(([nodeId, variable]) => [nodeId, [variable]]),
      ]);
      return measureBatchHealth(this.program(count), feeds);
    } finally {
      x.dispose();
      y.dispose();
    }
  }

  /** Returns the class scores [count, classes] for `count` examples stored row-major in `x`. */
  scoresFor(x: Float32Array, count: number): Float32Array {
    const set: ExampleSet = { features: this.data.train.features, classes: this.data.train.classes, x, y: new Int32Array(count) };
    return tf.tidy(() => {
      const [features, labels] = batchTensors(set, null, 0, count);
      const [scores] = forwardOutputs(this.program(count), { [this.structure.batchId]: [features, labels] }, this.variables, [this.structure.scores]);
      return scores.dataSync() as Float32Array;
    });
  }

  /** The current value of one parameter node, or null when the node is not trained. */
  parameterValue(nodeId: string): { shape: number[]; data: number[] } | null {
    const variable = this.variables.get(nodeId);
    return variable ? readTensor(variable) : null;
  }

  /** Optimizer state per parameter (velocity, moments, accumulators), keyed by slot name. */
  optimizerState(nodeId: string): Record<string, { shape: number[]; data: number[] }> {
    const variable = this.variables.get(nodeId);
    if (!variable) return {};
    const prefix = `${variable.name}/`;
    const state: Record<string, { shape: number[]; data: number[] }> = {};
    for (const [name, tensor] of optimizerSlots(this.optimizer)) {
      if (name.startsWith(prefix)) state[name.slice(prefix.length)] = readTensor(tensor);
    }
    return state;
  }

  dispose(): void {
    for (const variable of this.variables.values()) variable.dispose();
    this.variables.clear();
    disposeOptimizer(this.optimizer);
    this.programs.clear();
    this.pendingEpoch = null;
  }

  /** The first of up to `maxExamples` examples from the current batch position, and their number. */
  private currentExamples(maxExamples: number): { start: number; count: number } {
    const count = Math.min(maxExamples, this.data.train.y.length);
    return { start: Math.min(this.batch * this.config.batchSize, this.data.train.y.length - count), count };
  }

  private beginEpochEvaluation(): void {
    this.epoch++;
    this.batch = 0;
    this.order = shuffledIndices(this.data.train.y.length, this.config.seed + this.epoch);
    const validation = this.data.validation.y.length > 0 ? this.startEvaluation('validation') : null;
    this.pendingEpoch = new EpochEvaluation(this.epoch, this.startEvaluation('train'), validation);
  }

  /** Runs examples start … end of a set forward and sums what an evaluation records. */
  private evaluateChunk(set: ExampleSet, start: number, end: number): ChunkSums {
    const requested = [{ nodeId: this.structure.lossId }, this.structure.scores, ...this.structure.penaltyIds.map((nodeId) => ({ nodeId }))];
    return tf.tidy(() => {
      const [x, y] = batchTensors(set, null, start, end);
      const [loss, scores, ...penalties] = forwardOutputs(this.program(end - start), { [this.structure.batchId]: [x, y] }, this.variables, requested);
      const regularizationLoss = penalties.reduce((total, value) => total + value.dataSync()[0], 0);
      return { lossSum: loss.dataSync()[0] * (end - start), correct: countCorrect(scores, y), regularizationLoss };
    });
  }

  private initializeVariables(): void {
    const { order } = this.program(Math.min(this.config.batchSize, this.data.train.y.length));
    for (const [index, nodeId] of this.structure.parameterIds.entries()) {
      const node = order.find((entry) => entry.id === nodeId);
      if (!node) continue;
      const current = tf.tidy(() => tf.tensor(node.kind.forward({ inputs: [], params: node.params })[0].dataSync(), node.outputShapes[0]));
      const value = initialValue(this.config.init, node.outputShapes[0], current, this.config.seed * 1000 + index);
      this.variables.set(nodeId, tf.variable(value, true));
      tf.dispose([current, value]);
    }
  }

  private program(batchSize: number): Program {
    let program = this.programs.get(batchSize);
    if (!program) {
      program = compile(withBatchSize(this.document, this.structure.batchId, batchSize), this.registry);
      this.programs.set(batchSize, program);
    }
    return program;
  }

  private describeNonFinite(loss: number, start: number, end: number): string {
    const where = `epoch ${this.epoch + 1}, batch ${this.batch}`;
    const { trace } = this.traceCurrentBatch(end - start);
    const culprit = trace.diagnostics.find((diagnostic) => diagnostic.code === 'non-finite-value' || diagnostic.code === 'non-finite-gradient');
    const origin = culprit ? ` ${culprit.message}` : '';
    // The first batch's loss comes from the starting weights, before any update, so the learning rate is not the cause.
    if (this.epoch === 0 && this.batch === 1) {
      return `Training stopped at ${where}, before any update: the loss of the starting weights is ${loss}.${origin} Check the parameter values and the data, then reset the weights.`;
    }
    return `Training stopped at ${where}: the loss became ${loss}.${origin} A learning rate of ${this.config.optimizer.learningRate} may be too large; lower it and reset the weights.`;
  }
}

function withBatchSize(document: GraphDocument, batchId: string, batchSize: number): GraphDocument {
  return {
    ...document,
    nodes: document.nodes.map((node) => (node.id === batchId ? { ...node, params: { ...node.params, batchSize } } : node)),
  };
}

/** Lists an optimizer's state variables by name, such as "W/m" for Adam's first moment of W. */
function optimizerSlots(optimizer: tf.Optimizer): [string, tf.Tensor][] {
  const slots: [string, tf.Tensor][] = [];
  for (const field of Object.values(optimizer as unknown as Record<string, unknown>)) {
    if (!Array.isArray(field)) continue;
    for (const entry of field) {
      if (entry && typeof entry === 'object' && 'originalName' in entry && 'variable' in entry) {
        slots.push([String(entry.originalName), entry.variable as tf.Tensor]);
      }
    }
  }
  return slots;
}
