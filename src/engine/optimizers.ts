import * as tf from '@tensorflow/tfjs-core';

export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

export interface OptimizerSettings {
  name: OptimizerName;
  learningRate: number;
  /** Velocity decay of momentum and Nesterov momentum. */
  momentum?: number;
  /** Decay of RMSProp's running mean of squared gradients. */
  decay?: number;
  /** Starting value of AdaGrad's sum of squared gradients. */
  initialAccumulator?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** The usual defaults; Adam's are those of its paper (lr 1e-3, β1 0.9, β2 0.999). */
export const OPTIMIZER_DEFAULTS: Record<OptimizerName, Required<Pick<OptimizerSettings, 'learningRate'>> & Partial<OptimizerSettings>> = {
  sgd: { learningRate: 0.1 },
  momentum: { learningRate: 0.01, momentum: 0.9 },
  nesterov: { learningRate: 0.01, momentum: 0.9 },
  // tfjs starts AdaGrad's accumulator at 0.1; the lecture's version starts at 0.
  adagrad: { learningRate: 0.1, initialAccumulator: 0.1 },
  rmsprop: { learningRate: 0.001, decay: 0.9, epsilon: 1e-8 },
  adam: { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
};

/**
 * Creates the tfjs optimizer whose update rule is the lecture's rule of the same name.
 * Momentum keeps v ← μv + g and steps w ← w − lr·v, the same path as the lecture's
 * v ← μv − lr·g, w ← w + v. Nesterov steps w ← w − lr·(g + μv). Adam applies bias correction.
 * RMSProp and AdaGrad add ε inside the square root where the lecture adds it outside.
 */
// NOTE: tfjs-core 4.22's momentum dispose() leaves its learning-rate scalar behind, so
// release optimizers with disposeOptimizer, not dispose().
export function createOptimizer(settings: OptimizerSettings): tf.Optimizer {
  const options = { ...OPTIMIZER_DEFAULTS[settings.name], ...settings };
  const lr = options.learningRate;
  switch (options.name) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, options.momentum!, false);
    case 'nesterov':
      return tf.train.momentum(lr, options.momentum!, true);
    case 'adagrad':
      return tf.train.adagrad(lr, options.initialAccumulator);
    case 'rmsprop':
      return tf.train.rmsprop(lr, options.decay, 0, options.epsilon, false);
    case 'adam':
      return tf.train.adam(lr, options.beta1, options.beta2, options.epsilon);
  }
}

/**
 * Disposes an optimizer and every tensor it holds. tfjs-core 4.22's
 * MomentumOptimizer.dispose() overrides SGDOptimizer.dispose() without calling
 * it, so the learning-rate scalar `c` of momentum and Nesterov stays allocated.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  if (optimizer instanceof tf.MomentumOptimizer) {
    const learningRate = (optimizer as unknown as { c?: tf.Scalar }).c;
    if (learningRate && !learningRate.isDisposed) learningRate.dispose();
  }
}
