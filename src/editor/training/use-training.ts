import { useStore } from 'zustand';
import { registry } from '../../nodes';
import { TrainingController } from './controller';
import { loadMnistInBrowser } from './mnist-browser';
import type { TrainingSnapshot } from './training-state';

/**
 * Time one slice of training steps may take before the page handles input and
 * draws. Slices follow each other through setTimeout, which waits at least 4 ms
 * once timeouts nest, so training takes at most about 3/4 of the main thread.
 */
const SLICE_MILLISECONDS = 12;

/** The app's one training controller; the training panel attaches it to the editor store. */
export const trainingController = new TrainingController({
  registry,
  loadMnist: loadMnistInBrowser,
  // NOTE: requestAnimationFrame would tie training to the frame rate, which in
  // software-rendered Chromium fell to about 4 frames per second during training.
  schedule: (callback) => {
    const timer = setTimeout(callback, 0);
    return () => clearTimeout(timer);
  },
  now: () => performance.now(),
  sliceMilliseconds: SLICE_MILLISECONDS,
  // Ten panel updates per second keep the numbers and curves moving smoothly.
  publishMilliseconds: 100,
});

/** Subscribes a component to one slice of the training snapshot. */
export function useTraining<T>(selector: (snapshot: TrainingSnapshot) => T): T {
  return useStore(trainingController.store, selector);
}
