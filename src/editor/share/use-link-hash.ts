import { useEffect } from 'react';
import { editorStore } from '../store/use-editor';
import { isLinkHash, openLink } from './open-link';

/**
 * The link hash opened last, kept across mounts: React's StrictMode mounts
 * the app twice in development, and the same link must load only once.
 */
let openedHash: string | null = null;

function openFromHash(): void {
  const hash = location.hash;
  if (!isLinkHash(hash)) {
    openedHash = null;
    return;
  }
  if (hash === openedHash) return;
  openedHash = hash;
  openLink(editorStore, hash, localStorage);
}

/**
 * Opens the share link in the URL hash on start and on every hash change,
 * and removes the link from the URL once the user edits the graph, so a
 * reload restores the edited autosave instead of the link.
 */
export function useLinkHash(): void {
  useEffect(() => {
    openFromHash();
    window.addEventListener('hashchange', openFromHash);
    const unsubscribe = editorStore.subscribe((state, previous) => {
      if (!state.edited || previous.edited || !isLinkHash(location.hash)) return;
      history.replaceState(history.state, '', location.pathname + location.search);
      openedHash = null;
    });
    return () => {
      window.removeEventListener('hashchange', openFromHash);
      unsubscribe();
    };
  }, []);
}
