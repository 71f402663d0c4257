/**
 * Colour palettes of the editor: the colours of values and gradients, the
 * diverging map of tensor heat maps and weight templates, and the class
 * colours of 2-D plots. Canvas drawings read them here; HTML reads the CSS
 * variables that palette.css sets for each palette.
 */

export type Rgb = readonly [number, number, number];

export const PALETTE_NAMES = ['standard', 'colour-blind'] as const;
export type PaletteName = (typeof PALETTE_NAMES)[number];

export interface Palette {
  /** Colour of forward values, as CSS text. */
  value: string;
  /** Colour of gradients, as CSS text. */
  gradient: string;
  /** Ends of the diverging map, with white at 0. */
  negative: Rgb;
  positive: Rgb;
  /** Colours of classes 0, 1, … in 2-D plots; a label past the end wraps around. */
  classes: readonly Rgb[];
}

export const palettes: Readonly<Record<PaletteName, Palette>> = {
  standard: {
    value: '#1f4e9c',
    gradient: '#b3261e',
    // The ends of ColorBrewer's RdBu map.
    negative: [33, 102, 172],
    positive: [178, 24, 43],
    classes: [
      [31, 78, 156], [217, 113, 28], [46, 139, 87], [179, 38, 30], [128, 77, 179],
      [140, 86, 75], [214, 90, 166], [100, 100, 100], [160, 160, 20], [23, 160, 180],
    ],
  },
  // Okabe and Ito's palette (2008), which stays distinct under protanopia, deuteranopia and tritanopia:
  // blue against orange in place of red against blue or green.
  'colour-blind': {
    value: '#0072b2',
    gradient: '#d55e00',
    negative: [0, 114, 178],
    positive: [230, 159, 0],
    classes: [
      [0, 114, 178], [230, 159, 0], [0, 158, 115], [213, 94, 0], [204, 121, 167],
      [86, 180, 233], [240, 228, 66], [0, 0, 0], [120, 120, 120], [190, 190, 190],
    ],
  },
};

export function isPaletteName(value: unknown): value is PaletteName {
  return typeof value === 'string' && (PALETTE_NAMES as readonly string[]).includes(value);
}

/**
 * Colour of `value` on a palette's diverging map: white at 0, the positive or
 * negative end at |value| ≥ scale, and magenta for NaN or infinity.
 */
export function divergingColour(palette: Palette, value: number, scale: number): [number, number, number] {
  if (!Number.isFinite(value)) return [200, 0, 200];
  const amount = scale > 0 ? Math.min(Math.abs(value) / scale, 1) : 0;
  const end = value >= 0 ? palette.positive : palette.negative;
  return [255 + (end[0] - 255) * amount, 255 + (end[1] - 255) * amount, 255 + (end[2] - 255) * amount];
}

export function classColour(palette: Palette, label: number): Rgb {
  return palette.classes[label % palette.classes.length];
}
