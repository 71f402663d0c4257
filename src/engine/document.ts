import type { ModuleDefinition } from './modules/types';
import type { OptimizerName, OptimizerSettings } from './optimizers';
import type { QuizSettings } from './quiz/types';
import type { WeightInit } from './training/init';
import type { Params } from './types';

/** Format name written into every graph document. */
export const DOCUMENT_FORMAT = 'backprop-studio-graph';
/** The version this build writes; older versions load through migrations. */
export const DOCUMENT_VERSION = 1;

export interface GraphNode {
  id: string;
  kind: string;
  params: Params;
  position: { x: number; y: number };
  label?: string;
  group?: string;
}

/** A wire from an output port of one node to an input port of another. */
export interface GraphEdge {
  id: string;
  source: string;
  sourcePort: string;
  target: string;
  targetPort: string;
}

/** Source of a training graph's examples. */
export interface DatasetSettings {
  name: 'spiral' | 'circles' | 'xor' | 'blobs' | 'mnist' | 'csv';
  classes?: number;
  perClass?: number;
  noise?: number;
  seed?: number;
  /** Pasted rows "feature, …, label" when name is "csv". */
  csv?: string;
  /** Points added by clicking on a 2-D plot, as [x, y, label]. */
  extraPoints?: [number, number, number][];
}

/** Everything needed to rerun a training experiment exactly. */
export interface TrainingSettings {
  dataset: DatasetSettings;
  optimizer: OptimizerSettings;
  batchSize: number;
  epochs: number;
  seed: number;
  init: WeightInit;
  /** Fractions of the examples used for training and validation; the test part gets the rest. */
  split: { train: number; validation: number };
}

/** Number of classes, largest k and maximum number of points of the k-nearest-neighbour view. */
export const KNN_CLASSES = 3;
export const KNN_MAX_K = 15;
export const KNN_MAX_POINTS = 1000;

/** Curves the bump view's approximation can target, and its largest number of bumps. */
export const BUMP_TARGET_NAMES = ['sine', 'parabola', 'step', 'wave'] as const;
export const BUMP_MAX_COUNT = 40;
/** Largest |height| of a dragged bump, well beyond the −1.6 to 1.6 that the approximation's plot shows. */
export const BUMP_MAX_HEIGHT = 10;

/** The state of a lecture view that the document keeps, so that files and links restore it. */
export interface ViewSettings {
  /** The k-nearest-neighbour plot: its points as [x, y, class], k and the distance. */
  knn?: { points: [number, number, number][]; k: number; metric: 'l1' | 'l2' };
  /**
   * The bump view's approximation: the target curve, the number of bumps and,
   * once one was dragged, every bump's height in order. Without heights each
   * bump is as high as the target at the middle of its interval.
   */
  bump?: { target: (typeof BUMP_TARGET_NAMES)[number]; count: number; heights?: number[] };
  /** The optimizer race: the learning rate of each optimizer. */
  race?: { learningRates: Record<OptimizerName, number> };
}

export interface GraphDocument {
  format: typeof DOCUMENT_FORMAT;
  version: typeof DOCUMENT_VERSION;
  title?: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Subgraphs that nodes of kind "module" stand for, by module name. */
  modules?: Record<string, ModuleDefinition>;
  training?: TrainingSettings;
  /** Values and gradients hidden for the student to predict. Hiding is not encryption, because the hidden values are computed from the graph. */
  quiz?: QuizSettings;
  views?: ViewSettings;
}

export function emptyDocument(): GraphDocument {
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, nodes: [], edges: [] };
}

export function serializeDocument(document: GraphDocument): string {
  return JSON.stringify(document, null, 2);
}
