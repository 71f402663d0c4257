import { generateToyDataset } from '../datasets/toy';
import type { Dataset } from '../datasets/dataset';

/** Radius and angle θ = atan2(y, x) in (−π, π] of the point (x, y). */
export function toPolar(x: number, y: number): [number, number] {
  return [Math.hypot(x, y), Math.atan2(y, x)];
}

export function toCartesian(r: number, theta: number): [number, number] {
  return [r * Math.cos(theta), r * Math.sin(theta)];
}

/**
 * Two rings of radius 0.5 and 1 with Gaussian noise of σ = 0.05 per coordinate:
 * ten σ apart, so the rings do not touch, yet no straight line separates them.
 */
export function ringsDataset(): Dataset {
  return generateToyDataset('circles', { classes: 2, perClass: 100, noise: 0.05, seed: 7 });
}

/** Maps every example's features through `transform`, keeping the labels. */
export function mapFeatures(dataset: Dataset, transform: (x: number, y: number) => [number, number]): Dataset {
  const x = new Float32Array(dataset.x.length);
  for (let i = 0; i < dataset.y.length; i++) x.set(transform(dataset.x[i * 2], dataset.x[i * 2 + 1]), i * 2);
  return { ...dataset, x };
}

/** Writes a 2-D dataset as the CSV rows "a, b, label" that the training panel reads, with 4 decimals. */
export function datasetCsv(dataset: Dataset, header: string): string {
  const rows = [header];
  for (let i = 0; i < dataset.y.length; i++) rows.push(`${dataset.x[i * 2].toFixed(4)},${dataset.x[i * 2 + 1].toFixed(4)},${dataset.y[i]}`);
  return rows.join('\n');
}

/** The two feature spaces of the polar-features view, each with the CSV header that names its columns. */
export const FEATURE_SPACES = {
  cartesian: { header: 'x,y,label', transform: (x: number, y: number): [number, number] => [x, y] },
  polar: { header: 'r,theta,label', transform: toPolar },
} as const;

export type FeatureSpace = keyof typeof FEATURE_SPACES;

export function ringsCsv(space: FeatureSpace): string {
  const { header, transform } = FEATURE_SPACES[space];
  return datasetCsv(mapFeatures(ringsDataset(), transform), header);
}

/** Returns the feature space of a pasted CSV, read from its header line,, or null for other data. */
export function featureSpaceOfCsv(csv: string | undefined): FeatureSpace | null {
  const header = csv?.slice(0, csv.indexOf('\n')).trim();
  if (header === FEATURE_SPACES.polar.header) return 'polar';
  if (header === FEATURE_SPACES.cartesian.header) return 'cartesian';
  return null;
}
