import { useStore } from 'zustand';
import { registry } from '../../nodes';
import { CompareController, type CompareSnapshot } from './compare-controller';

/** The app's one comparison runner. */
export const compareController = new CompareController({
  registry,
  // setTimeout rather than requestAnimationFrame, as the training controller does, so
  // slow software rendering does not slow the runs down to its frame rate.
  schedule: (callback) => {
    const timer = setTimeout(callback, 0);
    return () => clearTimeout(timer);
  },
  now: () => performance.now(),
  sliceMilliseconds: 12,
});

export function useCompare<T>(selector: (snapshot: CompareSnapshot) => T): T {
  return useStore(compareController.store, selector);
}
