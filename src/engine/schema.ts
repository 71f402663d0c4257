import { z } from 'zod';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION } from './document';

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

const paramValue = z.union([finiteNumber, z.string().max(200), z.boolean(), tensorValue]);

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

export const documentSchema = z
  .object({
    format: z.literal(DOCUMENT_FORMAT),
    version: z.literal(DOCUMENT_VERSION),
    title: z.string().max(500).optional(),
    nodes: z.array(node).max(100_000),
    edges: z.array(edge).max(200_000),
  })
  .strict();
