/** A problem that keeps a graph from training: a code, the values its message names, and English text. */
export interface TrainingProblem {
  code: 'batch-count' | 'loss-count' | 'scores-unwired' | 'scores-module' | 'no-parameters' | 'batch-size' | 'batch-features' | 'label-range';
  /** English text for the CLI and logs. The editor translates by code and details. */
  message: string;
  details: Record<string, string | number>;
}
