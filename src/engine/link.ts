import { deflateSync } from 'fflate';
import { z } from 'zod';
import type { GraphDocument } from './document';
import { decodeBase64Url, encodeBase64Url, readVarint, writeVarint } from './link-bytes';
import { encodeCompact } from './link-compact';
import { decodeCompact } from './link-compact-decode';
import { inflateWithLimit, openEnvelope, wrapEnvelope, type EnvelopeProblem } from './link-envelope';
import { loadDocumentValue } from './load';
import type { LoadProblem, LoadProblemCode, SchemaIssueFields } from './load-problems';
import { documentSchema } from './schema';
import type { TensorData } from './tensor';
import type { KindRegistry } from './types';

/**
 * Share links: a graph document, and optionally a timeline position and
 * lecture-mode options, compressed into the fragment of a URL. The layout of
 * each link format version is described in docs/share-links.md.
 */

/** The link format version this build writes. It is separate from the document version. */
export const LINK_FORMAT_VERSION = 1;
/** Text before the encoded data in a fragment: a link's URL ends in "#graph=…". */
export const LINK_PREFIX = 'graph=';
/** Maximum length of link text, checked before anything is decoded. */
export const MAX_LINK_CHARS = 2_000_000;
/** Maximum size of a link's decompressed content in bytes, enforced while it inflates. */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

export const linkViewSchema = z
  .object({
    /** Timeline position: the number of trace steps already shown. */
    cursor: z.number().int().nonnegative().optional(),
    /** Id of the preset the graph came from, so the app shows its explanation and lecture view. */
    preset: z.string().min(1).max(100).optional(),
  })
  .strict();

export const lectureOptionsSchema = z
  .object({
    hidePalette: z.boolean().optional(),
    hideInspector: z.boolean().optional(),
    hidePanels: z.boolean().optional(),
    lockEditing: z.boolean().optional(),
    autoplay: z.boolean().optional(),
    /** Opens in projector mode: large type, high contrast, the active node followed. */
    projector: z.boolean().optional(),
    /** Trace step at which autoplay starts. */
    startStep: z.number().int().nonnegative().optional(),
  })
  .strict();

export const linkPayloadSchema = z
  .object({ document: documentSchema, view: linkViewSchema.optional(), lecture: lectureOptionsSchema.optional() })
  .strict();

export type LinkView = z.infer<typeof linkViewSchema>;
export type LectureOptions = z.infer<typeof lectureOptionsSchema>;

/** Everything a link carries. */
export interface LinkPayload {
  document: GraphDocument;
  view?: LinkView;
  lecture?: LectureOptions;
}

/**
 * Reason a link did not open. `corrupt`: not a link, bad characters, checksum
 * mismatch or undecodable data. `truncated`: data missing at the end.
 * `too-large`: over a size cap. `newer-version`: a link format this build
 * cannot read. `invalid`: decoded, but the graph or options fail validation.
 */
export type LinkErrorCode = 'corrupt' | 'truncated' | 'too-large' | 'newer-version' | 'invalid';

export type DecodeLinkResult =
  | ({ ok: true } & LinkPayload)
  /** `problems` has the code and values of each error, in the order of `errors`, or null for an error without a code. */
  | { ok: false; code: LinkErrorCode; message: string; errors: string[]; problems: (LoadProblem | null)[] };

type LinkFailure = Extract<DecodeLinkResult, { ok: false }>;

/**
 * Encodes a document, and optionally a view and lecture options, as a link
 * fragment without the "#". Throws when the payload fails the schema, because
 * callers pass documents that the loader or the editor produced. A fragment
 * longer than MAX_LINK_CHARS does not decode, so check its length before sharing it.
 */
export function encodeLink(document: GraphDocument, options: { view?: LinkView; lecture?: LectureOptions } = {}): string {
  const parsed = linkPayloadSchema.safeParse({ document, ...options });
  if (!parsed.success) {
    throw new Error(`encodeLink: the payload does not pass the schema: ${describeIssues(parsed.error.issues).join(' ')}`);
  }
  const payload = parsed.data as LinkPayload;

  const compact = encodeCompact(payload);
  const content: number[] = [];
  writeVarint(content, compact.length);
  // Level 9 takes three times as long as level 6 on megabyte-sized forms and gave the same size on every preset.
  const deflated = deflateSync(compact, { level: compact.length < 65_536 ? 9 : 6 });
  const bytes = new Uint8Array(content.length + deflated.length);
  bytes.set(content, 0);
  bytes.set(deflated, content.length);
  return LINK_PREFIX + encodeBase64Url(wrapEnvelope(LINK_FORMAT_VERSION, bytes));
}

/** Start of the message of a link whose decoding hit a bug in this code rather than a problem in the link. */
export const INTERNAL_ERROR_PREFIX = 'Internal error while decoding the link';

/**
 * Decodes a link: a fragment with or without "#", or a whole URL. Returns
 * every problem with a stable code and an English message instead of throwing.
 * An exception from a bug in the decoder becomes an `invalid` result whose
 * message starts with INTERNAL_ERROR_PREFIX.
 */
export function decodeLink(input: string, registry: KindRegistry): DecodeLinkResult {
  try {
    return decodeUnchecked(input, registry);
  } catch (error) {
    return fail('invalid', `${INTERNAL_ERROR_PREFIX}: ${String((error as Error)?.message ?? error).slice(0, 200)}. Please report it together with the link.`);
  }
}

function decodeUnchecked(input: string, registry: KindRegistry): DecodeLinkResult {
  if (typeof input !== 'string') return fail('corrupt', `A link must be text, found ${typeof input}.`, problem('link-not-text', { type: typeof input }));
  if (input.length > MAX_LINK_CHARS) {
    return fail(
      'too-large',
      `The link is ${input.length} characters long; links of up to ${MAX_LINK_CHARS} characters are accepted. Share the graph as a file instead.`,
      problem('link-too-long', { length: input.length, limit: MAX_LINK_CHARS }),
    );
  }
  const fragment = fragmentOf(input);
  if (!fragment.startsWith(LINK_PREFIX)) {
    const found = JSON.stringify(fragment.slice(0, 40));
    return fail(
      'corrupt',
      `This is not a Backprop Studio graph link: the part after "#" must start with "${LINK_PREFIX}", found ${found}.`,
      problem('link-not-link', { prefix: LINK_PREFIX, found }),
    );
  }

  const data = fragment.slice(LINK_PREFIX.length);
  const decoded = decodeBase64Url(data);
  if ('problem' in decoded) {
    // The whole code point, so that an emoji is not named by half its surrogate pair. Every character before
    // it is in the base64url alphabet, so the position counts characters as well as UTF-16 units.
    const character = String.fromCodePoint(data.codePointAt(decoded.index)!);
    return fail(
      'corrupt',
      `The link is corrupt: character ${JSON.stringify(character)} at position ${decoded.index + 1} of its data is not allowed in a link. Copy the whole link again.`,
      problem('link-bad-character', { character: JSON.stringify(character), position: decoded.index + 1 }),
    );
  }
  const envelope = openEnvelope(decoded.bytes);
  if ('problem' in envelope) return describeEnvelopeProblem(envelope);
  if (!decoded.exact) {
    return fail('corrupt', 'The link is corrupt: its last character does not belong to its data. Copy the whole link again.', problem('link-trailing-character', {}));
  }

  switch (envelope.version) {
    case 1:
      return decodeVersion1(envelope.content, registry);
    default:
      if (envelope.version > LINK_FORMAT_VERSION) {
        return fail(
          'newer-version',
          `The link uses link format ${envelope.version}, written by a newer Backprop Studio; this one reads link formats up to ${LINK_FORMAT_VERSION}. Open the link in a newer version of the app.`,
          problem('link-newer-format', { version: envelope.version, latest: LINK_FORMAT_VERSION }),
        );
      }
      return fail('corrupt', `The link declares link format ${envelope.version}, which does not exist.`, problem('link-unknown-format', { version: envelope.version }));
  }
}

/** Returns the fragment of a URL without "#", or the trimmed input when it has no "#". */
export function fragmentOf(input: string): string {
  const text = input.trim();
  const hash = text.indexOf('#');
  return hash >= 0 ? text.slice(hash + 1) : text;
}

/** Link format 1: varint content size, then the raw-deflated compact form. */
function decodeVersion1(content: Uint8Array, registry: KindRegistry): DecodeLinkResult {
  const size = readVarint(content, 0);
  if (!size) return fail('corrupt', 'The link is corrupt: the size of its content is missing.', problem('link-size-missing', {}));
  if (size.value > MAX_INFLATED_BYTES) {
    return fail(
      'too-large',
      `The link's content would be ${size.value} bytes once decompressed; the limit is ${MAX_INFLATED_BYTES}.`,
      problem('link-too-large', { size: size.value, limit: MAX_INFLATED_BYTES }),
    );
  }

  const inflated = inflateWithLimit(content.subarray(size.next), size.value);
  if ('problem' in inflated) {
    if (inflated.problem === 'over-limit') {
      return fail(
        'too-large',
        `The link's content decompresses to more than the ${size.value} bytes its header declares, so decoding stopped. The link is damaged or was built to exhaust memory.`,
        problem('link-inflate-overflow', { size: size.value }),
      );
    }
    return fail(
      'corrupt',
      `The link is corrupt: its compressed content cannot be decompressed (${inflated.reason}).`,
      problem('link-inflate-failed', { reason: inflated.reason }),
    );
  }
  if (inflated.bytes.length !== size.value) {
    return fail(
      'corrupt',
      `The link is corrupt: its content decompresses to ${inflated.bytes.length} bytes, but its header declares ${size.value}.`,
      problem('link-size-mismatch', { found: inflated.bytes.length, expected: size.value }),
    );
  }

  const parts = decodeCompact(inflated.bytes);
  if ('problem' in parts) {
    const { text, ...layout } = parts.problem;
    return fail('invalid', `The link's content does not have the layout of link format 1: ${text}.`, { code: 'link-layout', details: {}, layout });
  }
  return validateParts(parts, registry);
}

function validateParts(parts: { document: unknown; view?: unknown; lecture?: unknown }, registry: KindRegistry): DecodeLinkResult {
  const loaded = loadDocumentValue(parts.document, registry);
  if (!loaded.ok) {
    return { ok: false, code: 'invalid', message: `The graph in the link is not a valid document: ${loaded.errors.join(' ')}`, errors: loaded.errors, problems: loaded.problems };
  }
  // `reportInput` keeps each issue's input, which zod's locale error maps read to name the type found.
  const options = z
    .object({ view: linkViewSchema.optional(), lecture: lectureOptionsSchema.optional() })
    .safeParse({ view: parts.view, lecture: parts.lecture }, { reportInput: true });
  if (!options.success) {
    const issues = options.error.issues.slice(0, 20) as unknown as SchemaIssueFields[];
    const errors = describeIssues(issues);
    const problems = issues.map((issue): LoadProblem => {
      const { errors: _alternatives, ...fields } = issue;
      return { code: 'schema', details: { field: issueField(issue) }, issue: fields };
    });
    return { ok: false, code: 'invalid', message: `The link's view or lecture options are invalid: ${errors.join(' ')}`, errors, problems };
  }

  const result: DecodeLinkResult = { ok: true, document: loaded.document };
  if (options.data.view) result.view = options.data.view;
  if (options.data.lecture) result.lecture = options.data.lecture;
  return result;
}

function describeEnvelopeProblem(envelopeProblem: EnvelopeProblem): LinkFailure {
  switch (envelopeProblem.problem) {
    case 'empty':
      return fail('truncated', `The link is incomplete: nothing follows "${LINK_PREFIX}". Copy the whole link again.`, problem('link-empty', { prefix: LINK_PREFIX }));
    case 'short': {
      if (envelopeProblem.expected === null) {
        return fail(
          'truncated',
          `The link is incomplete: it holds ${envelopeProblem.found} bytes of data, but its header cannot be read. Copy the whole link again.`,
          problem('link-short-unreadable', { found: envelopeProblem.found }),
        );
      }
      return fail(
        'truncated',
        `The link is incomplete: it holds ${envelopeProblem.found} bytes of data, but its header declares ${envelopeProblem.expected}. Copy the whole link again.`,
        problem('link-short', { found: envelopeProblem.found, expected: envelopeProblem.expected }),
      );
    }
    case 'long':
      return fail(
        'corrupt',
        `The link is corrupt: it holds ${envelopeProblem.found} bytes of data, but its header declares ${envelopeProblem.expected}. Copy the whole link again.`,
        problem('link-long', { found: envelopeProblem.found, expected: envelopeProblem.expected }),
      );
    case 'length-field':
      return fail('corrupt', 'The link is corrupt: the length in its header cannot be read.', problem('link-length-field', {}));
    case 'checksum': {
      const found = hex(envelopeProblem.found);
      const expected = hex(envelopeProblem.expected);
      return fail(
        'corrupt',
        `The link is corrupt: its checksum ${found} does not match its data (${expected}), so characters were changed or lost. Copy the whole link again.`,
        problem('link-checksum', { found, expected }),
      );
    }
  }
}

/** Writes the first schema issues, each with its field path, such as `Field "lecture.autoplay": …`. */
function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string[] {
  return issues.slice(0, 20).map((issue) => `Field "${issueField(issue)}": ${issue.message}.`);
}

/** Returns an issue's field path, such as `lecture.autoplay`, or "(payload)" for the payload itself. */
function issueField(issue: { path: PropertyKey[] }): string {
  const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  return path.replace(/^\./, '') || '(payload)';
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

/** Returns a failure whose only error is `message`, with that error's code and values (null when it has no code). */
function fail(code: LinkErrorCode, message: string, loadProblem: LoadProblem | null = null): LinkFailure {
  return { ok: false, code, message, errors: [message], problems: [loadProblem] };
}

function problem(code: LoadProblemCode, details: LoadProblem['details']): LoadProblem {
  return { code, details };
}

/**
 * Returns a copy of the document in which each parameter node named in
 * `weights` has that tensor as its value (init "value"), such as the weights
 * after training, so a link reopens the trained graph.
 */
export function withTrainedWeights(document: GraphDocument, weights: Readonly<Record<string, TensorData>>): GraphDocument {
  const nodes = document.nodes.map((node) => {
    if (node.kind !== 'parameter' || !Object.hasOwn(weights, node.id)) return node;
    const tensor = weights[node.id];
    return { ...node, params: { ...node.params, init: 'value', value: { shape: [...tensor.shape], data: [...tensor.data] } } };
  });
  return { ...document, nodes };
}
