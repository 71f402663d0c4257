import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

/** One media query list for every caller, created on first use, because React reads the snapshot on every render. */
let media: MediaQueryList | null = null;

function query(): MediaQueryList {
  media ??= window.matchMedia(QUERY);
  return media;
}

function subscribe(onChange: () => void): () => void {
  const list = query();
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

/** True while the user asks the system for reduced motion; for code outside React, such as viewport animations. */
export function prefersReducedMotion(): boolean {
  return query().matches;
}

/** True while the user asks the system for reduced motion. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => query().matches, () => false);
}
