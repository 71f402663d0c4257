import { useEffect } from 'react';
import { editorStore } from './store/use-editor';

/** Elements that act on Space themselves: text fields, buttons and selects. */
const USES_SPACE = 'input, textarea, select, button';
/** Elements that act on the arrow keys themselves; React Flow moves a focused, selected node with them. */
const USES_ARROWS = `${USES_SPACE}, .react-flow__node, .react-flow__edge`;

function targetUses(target: EventTarget | null, selector: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest(selector) !== null;
}

/** Space plays or pauses the timeline and Left/Right step it, unless the focused element uses that key. */
export function useTimelineShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.repeat && event.key === ' ') return;
      const store = editorStore.getState();
      if (event.key === ' ' && !targetUses(event.target, USES_SPACE)) store.togglePlay();
      else if (event.key === 'ArrowRight' && !targetUses(event.target, USES_ARROWS)) store.stepForward();
      else if (event.key === 'ArrowLeft' && !targetUses(event.target, USES_ARROWS)) store.stepBack();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
