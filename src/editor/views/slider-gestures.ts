import { useMemo, useRef, type KeyboardEvent } from 'react';

/** A count of slider gestures and the handlers that count them, for one undo step per gesture. */
export interface SliderGestures {
  /** Returns the number of the current gesture. */
  current(): number;
  /** Handlers for a slider: each pointer press or key press starts a gesture, and a held key's repeats continue it. */
  handlers: { onPointerDown(): void; onKeyDown(event: KeyboardEvent): void };
}

/** Counts the gestures on a view's sliders, so the edits of one drag or key press can form one undo step. */
export function useSliderGestures(): SliderGestures {
  const count = useRef(0);
  return useMemo(
    () => ({
      current: () => count.current,
      handlers: {
        onPointerDown: () => {
          count.current++;
        },
        onKeyDown: (event: KeyboardEvent) => {
          if (!event.repeat) count.current++;
        },
      },
    }),
    [],
  );
}
