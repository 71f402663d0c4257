import { documentSchema } from './schema';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type GraphDocument } from './document';
import { checkSemantics } from './semantics';
import type { KindRegistry } from './types';
import { previewJson } from './value-preview';

/** Largest document text accepted, checked before parsing. */
export const MAX_DOCUMENT_CHARS = 20_000_000;

export type LoadResult =
  | { ok: true; document: GraphDocument }
  | { ok: false; errors: string[] };

/**
 * Upgrades a document of an older version, one version at a time. Entry n
 * turns a version-n document into a version-(n + 1) one.
 */
const migrations: Record<number, (document: Record<string, unknown>) => Record<string, unknown>> = {};

/** Parses and validates document text: size cap, JSON, version, schema, then semantics. */
export function loadDocumentText(text: string, registry: KindRegistry): LoadResult {
  if (text.length > MAX_DOCUMENT_CHARS) {
    return reject(`The document is ${text.length} characters long; the limit is ${MAX_DOCUMENT_CHARS}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return reject(`The document is not valid JSON: ${(error as Error).message}.`);
  }
  return loadDocumentValue(parsed, registry);
}

/** Validates an already parsed value as a graph document. */
export function loadDocumentValue(value: unknown, registry: KindRegistry): LoadResult {
  const upgraded = upgrade(value);
  if (typeof upgraded === 'string') return reject(upgraded);

  const parsed = documentSchema.safeParse(upgraded);
  if (!parsed.success) {
    return reject(...parsed.error.issues.slice(0, 20).map((issue) => describeIssue(innermostIssue(issue), upgraded)));
  }

  const document = parsed.data as GraphDocument;
  const errors = checkSemantics(document, registry);
  return errors.length > 0 ? reject(...errors) : { ok: true, document };
}

function upgrade(value: unknown): Record<string, unknown> | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'The document must be a JSON object.';
  }
  let document = value as Record<string, unknown>;
  if (document.format !== DOCUMENT_FORMAT) {
    return `Field "format": expected "${DOCUMENT_FORMAT}", found ${previewJson(document.format)}.`;
  }
  const version = document.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return `Field "version": expected a whole number from 1 to ${DOCUMENT_VERSION}, found ${previewJson(version)}.`;
  }
  if (version > DOCUMENT_VERSION) {
    return `The document has version ${version}, made by a newer Backprop Studio; this one reads versions up to ${DOCUMENT_VERSION}.`;
  }
  for (let from = version; from < DOCUMENT_VERSION; from++) {
    document = { ...migrations[from](document), version: from + 1 };
  }
  return document;
}

interface SchemaIssue {
  path: PropertyKey[];
  message: string;
  /** For a value that matched no alternative of a union: the issues of each alternative. */
  errors?: SchemaIssue[][];
}

/**
 * Replaces a failed union, whose own message is only "Invalid input", with the
 * issue of the alternative that matched deepest, such as the non-finite number
 * inside a tensor value.
 */
function innermostIssue(issue: SchemaIssue): SchemaIssue {
  const deepest = (issue.errors ?? [])
    .flat()
    .reduce<SchemaIssue | null>((best, candidate) => (candidate.path.length > (best?.path.length ?? 0) ? candidate : best), null);
  if (!deepest) return issue;
  return innermostIssue({ ...deepest, path: [...issue.path, ...deepest.path] });
}

/** Writes an issue with its field path and, under nodes or edges, the id of the node or edge. */
function describeIssue(issue: SchemaIssue, document: Record<string, unknown>): string {
  const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  return `Field "${cut(path.replace(/^\./, '')) || '(document)'}"${describeOwner(issue.path, document)}: ${cut(issue.message)}.`;
}

/** Maximum length of a field path or schema message quoted in full, because an unknown key in a file may be megabytes long. */
const MAX_QUOTED_CHARS = 200;

function cut(text: string): string {
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text;
}

function describeOwner([list, index]: PropertyKey[], document: Record<string, unknown>): string {
  if ((list !== 'nodes' && list !== 'edges') || typeof index !== 'number') return '';
  const entries = document[list];
  const id = Array.isArray(entries) ? (entries[index] as { id?: unknown } | undefined)?.id : undefined;
  if (typeof id !== 'string' && typeof id !== 'number') return '';
  return ` of ${list === 'nodes' ? 'node' : 'edge'} ${previewJson(String(id))}`;
}

function reject(...errors: string[]): LoadResult {
  return { ok: false, errors };
}
