import { z } from 'zod';
import { BUMP_MAX_COUNT, BUMP_MAX_HEIGHT, BUMP_TARGET_NAMES, DOCUMENT_FORMAT, DOCUMENT_VERSION, KNN_CLASSES, KNN_MAX_K, KNN_MAX_POINTS } from './document';
import { OPTIMIZER_NAMES } from './optimizers';
import { MAX_QUIZ_TARGETS } from './quiz/types';
import { WEIGHT_INITS } from './training/init';

/**
 * Largest batch size: more examples than any dataset here has. MNIST has
 * 10,000 digits, and a pasted CSV of at most 2,000,000 characters has at most
 * 500,000 rows. A batch larger than the training split trains on the whole split.
 */
export const MAX_BATCH_SIZE = 1_000_000;

/** Largest number of epochs a document may ask for. */
export const MAX_EPOCHS = 100_000;

/** Ids may arrive as numbers from hand-written files; they are kept as strings. */
const id = z
  .union([z.string().min(1).max(200), z.number().int()])
  .transform((value) => String(value));

const finiteNumber = z.number().refine(Number.isFinite, 'must be a finite number');

const tensorValue = z
  .object({
    shape: z.array(z.number().int().min(0).max(1_000_000)).max(8),
    data: z.array(finiteNumber).max(10_000_000),
  })
  .strict();

const shapeValue = z.array(z.number().int().min(1).max(1_000_000)).max(8);

const paramValue = z.union([finiteNumber, z.string().max(200), z.boolean(), shapeValue, tensorValue]);

const node = z
  .object({
    id,
    kind: z.string().min(1).max(100),
    params: z.record(z.string().max(100), paramValue),
    position: z.object({ x: finiteNumber, y: finiteNumber }).strict(),
    label: z.string().max(500).optional(),
    group: z.string().max(200).optional(),
  })
  .strict();

const edge = z
  .object({
    id,
    source: id,
    sourcePort: z.string().min(1).max(100),
    target: id,
    targetPort: z.string().min(1).max(100),
  })
  .strict();

const modulePort = z
  .object({ name: z.string().min(1).max(100), node: id, port: z.string().min(1).max(100) })
  .strict();

/** Maximum number of module definitions in one document. */
const MAX_MODULES = 200;

const moduleName = z
  .string()
  .min(1)
  .max(100)
  .refine((name) => name !== '__proto__', 'must not be "__proto__"');

const modules = z
  .record(
    moduleName,
    z
      .object({
        nodes: z.array(node).max(10_000),
        edges: z.array(edge).max(20_000),
        inputs: z.array(modulePort).max(100),
        outputs: z.array(modulePort).max(100),
      })
      .strict(),
  )
  .refine((library) => Object.keys(library).length <= MAX_MODULES, `must define at most ${MAX_MODULES} modules`);

const training = z
  .object({
    dataset: z
      .object({
        name: z.enum(['spiral', 'circles', 'xor', 'blobs', 'mnist', 'csv']),
        classes: z.number().int().min(2).max(100).optional(),
        perClass: z.number().int().min(1).max(100_000).optional(),
        noise: z.number().min(0).max(10).optional(),
        seed: z.number().int().optional(),
        csv: z.string().max(2_000_000).optional(),
        extraPoints: z.array(z.tuple([finiteNumber, finiteNumber, z.number().int().min(0).max(99)])).max(10_000).optional(),
      })
      .strict(),
    optimizer: z
      .object({
        name: z.enum(OPTIMIZER_NAMES),
        learningRate: z.number().positive().max(1000),
        momentum: z.number().min(0).max(1).optional(),
        decay: z.number().min(0).max(1).optional(),
        initialAccumulator: z.number().min(0).optional(),
        beta1: z.number().min(0).max(1).optional(),
        beta2: z.number().min(0).max(1).optional(),
        epsilon: z.number().positive().optional(),
      })
      .strict(),
    batchSize: z.number().int().min(1).max(MAX_BATCH_SIZE),
    epochs: z.number().int().min(1).max(MAX_EPOCHS),
    seed: z.number().int(),
    init: z.enum(WEIGHT_INITS),
    split: z.object({ train: z.number().gt(0).max(1), validation: z.number().min(0).lt(1) }).strict(),
  })
  .strict();

const quizPart = z.enum(['value', 'gradient', 'both']);

const quiz = z
  .object({
    hidden: z
      .array(
        z.union([
          z.object({ edge: id, part: quizPart }).strict(),
          z.object({ node: id, port: z.string().min(1).max(100), part: quizPart }).strict(),
        ]),
      )
      .max(MAX_QUIZ_TARGETS),
    tolerance: z.object({ relative: z.number().min(0).max(1), absolute: z.number().min(0).max(1e6) }).strict().optional(),
  })
  .strict();

/** A coordinate of a point of the knn view, whose plot shows −1.1 to 1.1. */
const knnCoordinate = z.number().min(-10).max(10);

const views = z
  .object({
    knn: z
      .object({
        points: z.array(z.tuple([knnCoordinate, knnCoordinate, z.number().int().min(0).max(KNN_CLASSES - 1)])).min(1).max(KNN_MAX_POINTS),
        k: z.number().int().min(1).max(KNN_MAX_K),
        metric: z.enum(['l1', 'l2']),
      })
      .strict()
      .optional(),
    bump: z
      .object({
        target: z.enum(BUMP_TARGET_NAMES),
        count: z.number().int().min(1).max(BUMP_MAX_COUNT),
        heights: z.array(z.number().min(-BUMP_MAX_HEIGHT).max(BUMP_MAX_HEIGHT)).max(BUMP_MAX_COUNT).optional(),
      })
      .strict()
      .refine((bump) => bump.heights === undefined || bump.heights.length === bump.count, 'heights must have one number per bump')
      .optional(),
    race: z.object({ learningRates: z.record(z.enum(OPTIMIZER_NAMES), finiteNumber.refine((rate) => rate > 0, 'must be positive')) }).strict().optional(),
  })
  .strict();

export const documentSchema = z
  .object({
    format: z.literal(DOCUMENT_FORMAT),
    version: z.literal(DOCUMENT_VERSION),
    title: z.string().max(500).optional(),
    nodes: z.array(node).max(100_000),
    edges: z.array(edge).max(200_000),
    modules: modules.optional(),
    training: training.optional(),
    quiz: quiz.optional(),
    views: views.optional(),
  })
  .strict();
