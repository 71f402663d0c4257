import { useStore } from 'zustand';
import { HealthMonitor, type HealthState } from './health-monitor';

/** The app's one health monitor; the health dock attaches it to the editor store and the training controller. */
export const healthMonitor = new HealthMonitor();

/** Subscribes a component to one slice of the health state. */
export function useHealth<T>(selector: (state: HealthState) => T): T {
  return useStore(healthMonitor.store, selector);
}
