import { useLayoutEffect, useRef } from 'react';
import { usePrefersReducedMotion } from './reduced-motion';

interface PulseProps {
  path: string;
  direction: 'forward' | 'backward';
  durationMs: number;
  /** Radius of the dot in flow units, 7 by default. */
  radius?: number;
}

/**
 * Draws a dot that travels once along an edge path: source to target for a forward
 * step, target to source for a backward one. The SMIL animation starts by
 * beginElement() on mount, because an element added to a running SVG with
 * begin="0s" would count from the document's start and finish at once.
 * Draws nothing while the user asks the system for reduced motion.
 */
export function Pulse({ path, direction, durationMs, radius = 7 }: PulseProps) {
  const motion = useRef<SVGAnimateMotionElement>(null);
  const reducedMotion = usePrefersReducedMotion();
  useLayoutEffect(() => {
    motion.current?.beginElement();
  }, [reducedMotion]);

  if (reducedMotion) return null;
  return (
    <circle r={radius} className={`edge-pulse ${direction}`} data-testid="edge-pulse">
      <animateMotion
        ref={motion}
        path={path}
        dur={`${durationMs}ms`}
        begin="indefinite"
        fill="freeze"
        calcMode="linear"
        keyPoints={direction === 'forward' ? '0;1' : '1;0'}
        keyTimes="0;1"
      />
    </circle>
  );
}
