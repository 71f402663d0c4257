import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { GraphDocument } from '../../engine/document';
import type { GradientCheckResult } from '../../engine/gradcheck';

export type TeachingPanel = 'gradcheck' | 'formula' | 'module';

export interface TeachingState {
  /** The open teaching panel, or null when none is open. */
  panel: TeachingPanel | null;
  /** The latest gradient check of the document, or null before the first one. */
  gradcheck: GradientCheckResult | null;
  /** The document the latest check ran on, to tell when the table no longer matches the graph. */
  checkedDocument: GraphDocument | null;
  /** Message of an exception the check threw, which is a bug rather than a problem in the graph. */
  gradcheckError: string | null;
}

export const teachingStore = createStore<TeachingState>()(() => ({ panel: null, gradcheck: null, checkedDocument: null, gradcheckError: null }));

export function useTeaching<T>(select: (state: TeachingState) => T): T {
  return useStore(teachingStore, select);
}

export function closeTeachingPanel(): void {
  teachingStore.setState({ panel: null });
}
