import { createRandom, type Dataset } from './dataset';

export const TOY_DATASETS = ['spiral', 'circles', 'xor', 'blobs'] as const;
export type ToyDatasetName = (typeof TOY_DATASETS)[number];

export interface ToyOptions {
  /** Examples per class. */
  perClass: number;
  classes: number;
  /** Standard deviation of the Gaussian noise added to each coordinate. */
  noise: number;
  seed: number;
}

export const TOY_DEFAULTS: Record<ToyDatasetName, ToyOptions> = {
  spiral: { perClass: 100, classes: 3, noise: 0.2, seed: 1 },
  circles: { perClass: 150, classes: 2, noise: 0.08, seed: 1 },
  xor: { perClass: 150, classes: 2, noise: 0.15, seed: 1 },
  blobs: { perClass: 100, classes: 3, noise: 0.35, seed: 1 },
};

type PointGenerator = (classIndex: number, i: number, options: ToyOptions, random: () => number, gauss: () => number) => [number, number];

const generators: Record<ToyDatasetName, PointGenerator> = {
  // Arm k winds from the centre outwards; the angle noise scales with options.noise.
  spiral: (k, i, { perClass, classes, noise }, _random, gauss) => {
    const radius = i / perClass;
    const angle = (k * 2 * Math.PI) / classes + radius * 4 + gauss() * noise;
    return [radius * Math.sin(angle), radius * Math.cos(angle)];
  },
  // Class k lies on a ring of radius (k + 1) / classes.
  circles: (k, _i, { classes, noise }, random, gauss) => {
    const radius = (k + 1) / classes;
    const angle = random() * 2 * Math.PI;
    return [radius * Math.cos(angle) + gauss() * noise, radius * Math.sin(angle) + gauss() * noise];
  },
  // Class 0 in quadrants where x·y > 0, class 1 where x·y < 0.
  xor: (k, _i, { noise }, random, gauss) => {
    const sx = random() < 0.5 ? -1 : 1;
    const sy = k === 0 ? sx : -sx;
    return [sx * (0.2 + random() * 0.8) + gauss() * noise * 0.3, sy * (0.2 + random() * 0.8) + gauss() * noise * 0.3];
  },
  // Gaussian blobs with centres evenly spaced on a circle of radius 0.6.
  blobs: (k, _i, { classes, noise }, _random, gauss) => {
    const angle = (k * 2 * Math.PI) / classes;
    return [0.6 * Math.cos(angle) + gauss() * noise * 0.5, 0.6 * Math.sin(angle) + gauss() * noise * 0.5];
  },
};

/** Generates a seeded 2-D toy dataset; the same options always give the same points. */
export function generateToyDataset(name: ToyDatasetName, overrides: Partial<ToyOptions> = {}): Dataset {
  const options = { ...TOY_DEFAULTS[name], ...overrides };
  if (name === 'xor') options.classes = 2;
  const random = createRandom(options.seed);
  const gauss = () => gaussian(random);

  const count = options.perClass * options.classes;
  const x = new Float32Array(count * 2);
  const y = new Int32Array(count);
  for (let k = 0, row = 0; k < options.classes; k++) {
    for (let i = 0; i < options.perClass; i++, row++) {
      const [px, py] = generators[name](k, i, options, random, gauss);
      x[row * 2] = px;
      x[row * 2 + 1] = py;
      y[row] = k;
    }
  }
  return { name, features: 2, classes: options.classes, x, y };
}

/** Draws a standard normal sample (Box–Muller). */
function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
