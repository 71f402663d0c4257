import type { DatasetSettings } from '../../engine/document';
import { CsvDatasetError, datasetFromSettings, type Dataset } from '../../presets/datasets';
import { TranslatableError } from '../i18n/translate';
import { csvProblemMessage } from './messages';

/** Loads MNIST on the current platform and reports progress from 0 to 1. */
export type ProgressiveMnistLoader = (onProgress: (fraction: number) => void) => Promise<Dataset>;

/**
 * Builds datasets from settings and keeps the last few, so that pressing Reset
 * or changing the optimizer does not regenerate or reload the examples. MNIST
 * loads at most once per page; a failed load is retried on the next request.
 */
export class DatasetSource {
  private mnist: Promise<Dataset> | null = null;
  private readonly recent = new Map<string, Dataset>();

  constructor(
    private readonly loadMnist: ProgressiveMnistLoader,
    private readonly capacity = 4,
  ) {}

  async load(settings: DatasetSettings, onProgress: (fraction: number) => void): Promise<Dataset> {
    const key = JSON.stringify(settings);
    const cached = this.recent.get(key);
    if (cached) return cached;

    let dataset: Dataset;
    try {
      dataset = await datasetFromSettings(settings, () => this.mnistOnce(onProgress));
    } catch (error) {
      // A file or share link can carry CSV text that the CSV box never applied, so its problem is shown translated.
      if (error instanceof CsvDatasetError) throw new TranslatableError(csvProblemMessage(error.problem));
      throw error;
    }
    this.recent.set(key, dataset);
    if (this.recent.size > this.capacity) this.recent.delete(this.recent.keys().next().value!);
    return dataset;
  }

  private mnistOnce(onProgress: (fraction: number) => void): Promise<Dataset> {
    if (!this.mnist) {
      this.mnist = this.loadMnist(onProgress).catch((error: unknown) => {
        this.mnist = null;
        throw error;
      });
    }
    return this.mnist;
  }
}
