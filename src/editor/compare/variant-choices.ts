import type { RunVariant } from '../../engine/compare/variants';
import { OPTIMIZER_NAMES, type OptimizerName } from '../../engine/optimizers';
import type { WatchedActivation } from '../../engine/health/layers';

/** The setting in which the two runs of a comparison differ. */
export type CompareDimension = 'optimizer' | 'activation' | 'penalty' | 'loss';

/** The editable choices for one run; only the fields of the chosen dimension are used. */
export interface RunChoice {
  optimizer: OptimizerName;
  learningRate: number;
  activation: WatchedActivation;
  penalty: 'l1-penalty' | 'l2-penalty';
  loss: 'svm-loss' | 'softmax-ce';
}

/** The lecture's pairs: SGD vs Adam, ReLU vs sigmoid, L1 vs L2, SVM vs softmax. */
export const DEFAULT_CHOICES: readonly [RunChoice, RunChoice] = [
  { optimizer: 'sgd', learningRate: 0.1, activation: 'relu', penalty: 'l1-penalty', loss: 'svm-loss' },
  { optimizer: 'adam', learningRate: 0.01, activation: 'sigmoid', penalty: 'l2-penalty', loss: 'softmax-ce' },
];

export { OPTIMIZER_NAMES };

export function variantFor(dimension: CompareDimension, choice: RunChoice): RunVariant {
  switch (dimension) {
    case 'optimizer':
      return { optimizer: { name: choice.optimizer, learningRate: choice.learningRate } };
    case 'activation':
      return { activation: choice.activation };
    case 'penalty':
      return { penalty: choice.penalty };
    case 'loss':
      return { loss: choice.loss };
  }
}

/** Returns a short label of the run's setting in the field's terms: "adam, lr 0.01", "ReLU", "l2-penalty", "svm-loss". */
export function choiceLabel(dimension: CompareDimension, choice: RunChoice): string {
  switch (dimension) {
    case 'optimizer':
      return `${choice.optimizer}, lr ${choice.learningRate}`;
    case 'activation':
      return choice.activation === 'relu' ? 'ReLU' : choice.activation;
    case 'penalty':
      return choice.penalty;
    case 'loss':
      return choice.loss;
  }
}
