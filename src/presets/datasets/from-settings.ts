import type { DatasetSettings, TrainingSettings } from '../../engine/document';
import type { TrainingData } from '../../engine/training/trainer';
import { describeCsvProblem, parseCsvDataset, type CsvProblem } from './csv';
import { splitByFraction, type Dataset } from './dataset';
import { generateToyDataset } from './toy';

/** An invalid pasted CSV in a document's dataset settings, with the problem's line and column. */
export class CsvDatasetError extends Error {
  constructor(readonly problem: CsvProblem) {
    super(`Pasted CSV: ${describeCsvProblem(problem)}`);
    this.name = 'CsvDatasetError';
  }
}

/** Loads MNIST on the current platform; the browser and Node pass their own. */
export type MnistLoader = () => Promise<Dataset>;

/**
 * Builds the examples a document's dataset settings describe: a seeded toy set,
 * pasted CSV or MNIST, plus any points added by clicking on the plot.
 */
export async function datasetFromSettings(settings: DatasetSettings, loadMnist: MnistLoader): Promise<Dataset> {
  let dataset: Dataset;
  if (settings.name === 'mnist') {
    dataset = await loadMnist();
  } else if (settings.name === 'csv') {
    const parsed = parseCsvDataset(settings.csv ?? '');
    if (!parsed.ok) throw new CsvDatasetError(parsed.problem);
    dataset = parsed.dataset;
  } else {
    dataset = generateToyDataset(settings.name, {
      ...(settings.classes !== undefined && { classes: settings.classes }),
      ...(settings.perClass !== undefined && { perClass: settings.perClass }),
      ...(settings.noise !== undefined && { noise: settings.noise }),
      ...(settings.seed !== undefined && { seed: settings.seed }),
    });
  }
  return withExtraPoints(dataset, settings.extraPoints ?? []);
}

function withExtraPoints(dataset: Dataset, points: [number, number, number][]): Dataset {
  if (points.length === 0 || dataset.features !== 2) return dataset;
  const x = new Float32Array(dataset.x.length + points.length * 2);
  x.set(dataset.x);
  points.forEach(([px, py], i) => x.set([px, py], dataset.x.length + i * 2));
  const y = Int32Array.from([...dataset.y, ...points.map(([, , label]) => label)]);
  const classes = Math.max(dataset.classes, ...points.map(([, , label]) => label + 1));
  return { ...dataset, x, y, classes };
}

/** Splits a dataset into the training, validation and test parts the settings ask for. */
export function trainingDataFromSettings(dataset: Dataset, settings: TrainingSettings): TrainingData {
  return splitByFraction(dataset, settings.split.train, settings.split.validation, settings.seed);
}
