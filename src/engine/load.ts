import { documentSchema } from './schema';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type GraphDocument } from './document';
import type { LoadProblem, SchemaIssueFields } from './load-problems';
import { checkSemanticProblems } from './semantics';
import type { KindRegistry } from './types';
import { previewJson } from './value-preview';

/** Largest document text accepted, checked before parsing. */
export const MAX_DOCUMENT_CHARS = 20_000_000;

export type LoadResult =
  | { ok: true; document: GraphDocument }
  /**
   * `errors` are English sentences for logs, the CLI and tests. `problems` has
   * the same length and order: each error's code and values, or null for an
   * error without a code.
   */
  | { ok: false; errors: string[]; problems: (LoadProblem | null)[] };

/**
 * Upgrades a document of an older version, one version at a time. Entry n
 * turns a version-n document into a version-(n + 1) one.
 */
const migrations: Record<number, (document: Record<string, unknown>) => Record<string, unknown>> = {};

/** Parses and validates document text: size cap, JSON, version, schema, then semantics. */
export function loadDocumentText(text: string, registry: KindRegistry): LoadResult {
  if (text.length > MAX_DOCUMENT_CHARS) {
    return reject({
      text: `The document is ${text.length} characters long; the limit is ${MAX_DOCUMENT_CHARS}.`,
      problem: { code: 'too-long', details: { length: text.length, limit: MAX_DOCUMENT_CHARS } },
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    return reject({ text: `The document is not valid JSON: ${message}.`, problem: { code: 'invalid-json', details: { message } } });
  }
  return loadDocumentValue(parsed, registry);
}

/** Validates an already parsed value as a graph document. */
export function loadDocumentValue(value: unknown, registry: KindRegistry): LoadResult {
  const upgraded = upgrade(value);
  if ('error' in upgraded) return reject(upgraded.error);

  // `reportInput` keeps each issue's input, which zod's locale error maps read to name the type found.
  const parsed = documentSchema.safeParse(upgraded.document, { reportInput: true });
  if (!parsed.success) {
    const issues = parsed.error.issues as unknown as SchemaIssue[];
    return reject(...issues.slice(0, 20).map((issue) => describeIssue(innermostIssue(issue), upgraded.document)));
  }

  const document = parsed.data as GraphDocument;
  const { errors, problems } = checkSemanticProblems(document, registry);
  return errors.length > 0 ? { ok: false, errors, problems } : { ok: true, document };
}

/** An error's English sentence and, when it has one, its code and values. */
interface LoadError {
  text: string;
  problem: LoadProblem | null;
}

function upgrade(value: unknown): { document: Record<string, unknown> } | { error: LoadError } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: { text: 'The document must be a JSON object.', problem: { code: 'not-object', details: {} } } };
  }
  let document = value as Record<string, unknown>;
  if (document.format !== DOCUMENT_FORMAT) {
    const found = previewJson(document.format);
    return {
      error: {
        text: `Field "format": expected "${DOCUMENT_FORMAT}", found ${found}.`,
        problem: { code: 'wrong-format', details: { expected: DOCUMENT_FORMAT, found } },
      },
    };
  }
  const version = document.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    const found = previewJson(version);
    return {
      error: {
        text: `Field "version": expected a whole number from 1 to ${DOCUMENT_VERSION}, found ${found}.`,
        problem: { code: 'invalid-version', details: { latest: DOCUMENT_VERSION, found } },
      },
    };
  }
  if (version > DOCUMENT_VERSION) {
    return {
      error: {
        text: `The document has version ${version}, made by a newer Backprop Studio; this one reads versions up to ${DOCUMENT_VERSION}.`,
        problem: { code: 'newer-version', details: { version, latest: DOCUMENT_VERSION } },
      },
    };
  }
  for (let from = version; from < DOCUMENT_VERSION; from++) {
    document = { ...migrations[from](document), version: from + 1 };
  }
  return { document };
}

interface SchemaIssue extends SchemaIssueFields {
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

/**
 * Writes an issue with its field path and, under nodes or edges, the id of the
 * node or edge. The problem's details are `field` (empty for the document
 * itself) and, when there is an owner, `ownerList` ("node" or "edge") and
 * `owner`, the owner's id as a quoted JSON string.
 */
function describeIssue(issue: SchemaIssue, document: Record<string, unknown>): LoadError {
  const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  const field = cut(path.replace(/^\./, ''));
  const owner = ownerOf(issue.path, document);
  const ownerText = owner ? ` of ${owner.ownerList} ${owner.owner}` : '';
  const { errors: _alternatives, ...fields } = issue;
  return {
    text: `Field "${field || '(document)'}"${ownerText}: ${cut(issue.message)}.`,
    problem: { code: 'schema', details: { field, ...owner }, issue: fields },
  };
}

/** Maximum length of a field path or schema message quoted in full, because an unknown key in a file may be megabytes long. */
const MAX_QUOTED_CHARS = 200;

function cut(text: string): string {
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text;
}

function ownerOf([list, index]: PropertyKey[], document: Record<string, unknown>): { ownerList: 'node' | 'edge'; owner: string } | null {
  if ((list !== 'nodes' && list !== 'edges') || typeof index !== 'number') return null;
  const entries = document[list];
  const id = Array.isArray(entries) ? (entries[index] as { id?: unknown } | undefined)?.id : undefined;
  if (typeof id !== 'string' && typeof id !== 'number') return null;
  return { ownerList: list === 'nodes' ? 'node' : 'edge', owner: previewJson(String(id)) };
}

function reject(...errors: LoadError[]): LoadResult {
  return { ok: false, errors: errors.map((error) => error.text), problems: errors.map((error) => error.problem) };
}
