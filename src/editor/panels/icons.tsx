/** Timeline button icons as inline SVG, because the media-control characters are missing from many system fonts. */
const paths = {
  play: 'M6 4 L18 11 L6 18 Z',
  pause: 'M6 4 H10 V18 H6 Z M13 4 H17 V18 H13 Z',
  stepBack: 'M5 4 H8 V18 H5 Z M18 4 L9 11 L18 18 Z',
  stepForward: 'M14 4 H17 V18 H14 Z M4 4 L13 11 L4 18 Z',
} as const;

export function Icon({ name }: { name: keyof typeof paths }) {
  return (
    <svg width="20" height="20" viewBox="0 0 22 22" aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="currentColor" />
    </svg>
  );
}
