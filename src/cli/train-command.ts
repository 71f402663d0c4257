import type { DatasetSettings, GraphDocument, TrainingSettings } from '../engine/document';
import { OPTIMIZER_DEFAULTS, OPTIMIZER_NAMES, type OptimizerName } from '../engine/optimizers';
import { MAX_BATCH_SIZE, MAX_EPOCHS } from '../engine/schema';
import { MAX_SEED } from '../engine/seed';
import { Trainer } from '../engine/training/trainer';
import { registry } from '../nodes';
import { findPreset } from '../presets';
import { datasetFromSettings, trainingDataFromSettings } from '../presets/datasets';
import { loadMnistFromDisk } from '../presets/datasets/mnist-node';
import { readGraph, UsageError } from './input';

export interface TrainOptions {
  dataset?: string;
  epochs?: string;
  batch?: string;
  optimizer?: string;
  lr?: string;
  seed?: string;
  json: boolean;
}

const DATASET_NAMES: DatasetSettings['name'][] = ['spiral', 'circles', 'xor', 'blobs', 'mnist'];

/** Trains a preset or graph file and writes a line per epoch, then the final metrics. */
export async function trainGraph(argument: string, options: TrainOptions, write: (line: string) => void): Promise<number> {
  const document = await resolveDocument(argument, options.dataset);
  const settings = applyOptions(document.training!, options);
  const dataset = await datasetFromSettings(settings.dataset, () => loadMnistFromDisk());
  const data = trainingDataFromSettings(dataset, settings);

  const trainer = Trainer.create(document, registry, data, { optimizer: settings.optimizer, batchSize: settings.batchSize, seed: settings.seed, init: settings.init });
  if ('error' in trainer) throw new UsageError(trainer.error);
  try {
    const started = performance.now();
    let lastLoss = Number.NaN;
    while (trainer.epoch < settings.epochs) {
      const report = trainer.step();
      if (report.stopReason) {
        write(options.json ? JSON.stringify({ stopped: report.stopReason }) : report.stopReason);
        return 1;
      }
      const record = report.epochRecord;
      if (!record) continue;
      lastLoss = record.dataLoss + record.regularizationLoss;
      write(options.json ? JSON.stringify({ ...record, loss: lastLoss }) : formatEpoch(record));
    }
    const final = {
      loss: lastLoss,
      trainAccuracy: trainer.history.at(-1)?.trainAccuracy ?? Number.NaN,
      validationAccuracy: trainer.history.at(-1)?.validationAccuracy ?? Number.NaN,
      testAccuracy: trainer.evaluate('test').accuracy,
      seconds: (performance.now() - started) / 1000,
    };
    write(options.json ? JSON.stringify(final) : formatFinal(final));
    return 0;
  } finally {
    trainer.dispose();
  }
}

async function resolveDocument(argument: string, datasetName: string | undefined): Promise<GraphDocument> {
  const preset = findPreset(argument);
  let document = await readGraph(argument);
  if (!document.training) throw new UsageError(`"${argument}" has no training settings; train a preset such as linear-softmax or mlp2, or a graph file with a "training" section.`);
  if (datasetName === undefined) return document;

  if (!(DATASET_NAMES as string[]).includes(datasetName)) {
    throw new UsageError(`--dataset: expected one of ${DATASET_NAMES.join(', ')}, found "${datasetName}".`);
  }
  const dataset: DatasetSettings = { name: datasetName as DatasetSettings['name'] };
  document = preset?.buildForDataset ? preset.buildForDataset(dataset) : { ...document, training: { ...document.training, dataset } };
  return document;
}

function applyOptions(base: TrainingSettings, options: TrainOptions): TrainingSettings {
  const settings = structuredClone(base);
  if (options.epochs !== undefined) settings.epochs = wholeNumber('--epochs', options.epochs, 1, MAX_EPOCHS);
  if (options.batch !== undefined) settings.batchSize = wholeNumber('--batch', options.batch, 1, MAX_BATCH_SIZE);
  if (options.seed !== undefined) settings.seed = wholeNumber('--seed', options.seed, 0, MAX_SEED);
  if (options.optimizer !== undefined) {
    if (!(OPTIMIZER_NAMES as readonly string[]).includes(options.optimizer)) {
      throw new UsageError(`--optimizer: expected one of ${OPTIMIZER_NAMES.join(', ')}, found "${options.optimizer}".`);
    }
    const name = options.optimizer as OptimizerName;
    settings.optimizer = { ...OPTIMIZER_DEFAULTS[name], name };
  }
  if (options.lr !== undefined) {
    const rate = Number(options.lr);
    if (!(rate > 0) || !Number.isFinite(rate)) throw new UsageError(`--lr: expected a positive number, found "${options.lr}".`);
    settings.optimizer.learningRate = rate;
  }
  return settings;
}

function wholeNumber(flag: string, text: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`${flag}: expected a whole number ${range}, found "${text}".`);
  }
  return value;
}

function percent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : '-';
}

function formatEpoch(record: { epoch: number; dataLoss: number; regularizationLoss: number; trainAccuracy: number; validationAccuracy: number }): string {
  return `epoch ${String(record.epoch).padStart(3)}  data loss ${record.dataLoss.toFixed(4)}  regularization ${record.regularizationLoss.toFixed(4)}  train ${percent(record.trainAccuracy)}  validation ${percent(record.validationAccuracy)}`;
}

function formatFinal(final: { loss: number; trainAccuracy: number; validationAccuracy: number; testAccuracy: number; seconds: number }): string {
  return `final  loss ${final.loss.toFixed(4)}  train ${percent(final.trainAccuracy)}  validation ${percent(final.validationAccuracy)}  test ${percent(final.testAccuracy)}  (${final.seconds.toFixed(1)} s)`;
}
