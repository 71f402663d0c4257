import { isDeepStrictEqual } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import seedrandom from 'seedrandom';
import { compile, type Program } from '../../src/engine/compile';
import type { GraphDocument } from '../../src/engine/document';
import { decodeLink, encodeLink, fragmentOf, INTERNAL_ERROR_PREFIX, MAX_INFLATED_BYTES, withTrainedWeights, type DecodeLinkResult, type LectureOptions, type LinkView } from '../../src/engine/link';
import { loadDocumentText, loadDocumentValue, type LoadResult } from '../../src/engine/load';
import { fullyConnectedModule, sigmoidModule } from '../../src/engine/modules';
import { run } from '../../src/engine/run';
import { sizeOf } from '../../src/engine/tensor';
import { registry } from '../../src/nodes';
import { presets } from '../../src/presets';
import { craftCompactForm, craftLink, leb128, openVersion1Link } from './link-craft';
import { mutateAnyDocument } from './fuzz-graph-mutations';
import { hasDeepMarker, materialize, mutateTree, pick, randomInt, toJsonText, type Json, type Mutation, type Random } from './fuzz-mutations';

/**
 * The fuzz harness shared by tests/engine/fuzz.test.ts and bench/fuzz.ts. Each
 * case mutates a document, a link's text or the content inside a link. Its
 * random generator is seeded by the run's seed and the case index, so any case
 * can be rerun alone. The case checks that the engine accepts the result or
 * rejects it with a message, and never throws.
 */

export interface FuzzTally {
  /** Cases run: accepted + rejected + crashes. */
  cases: number;
  accepted: number;
  rejected: number;
  /** Cases in which the engine or the harness threw. */
  crashes: number;
  /** Cases that did not throw but broke an invariant, such as a changed link that decoded. */
  violations: number;
  /** The first crashes and violations, each naming its case. */
  problems: string[];
}

/** Maximum graph size, in output elements, that a case also runs; compile runs on every accepted graph. */
const RUN_ELEMENT_BUDGET = 200_000;
const KEPT_PROBLEMS = 20;

interface BaseCase {
  document: GraphDocument;
  view?: LinkView;
  lecture?: LectureOptions;
  link: string;
}

/** Builds the cases that mutations start from: every preset, a trained mlp2, a graph with labels, groups and odd ids, and one with modules, each with a link. */
export function baseCases(): BaseCase[] {
  const random = seedrandom('base cases');
  const documents = presets.map((preset) => preset.build());
  const weights = { W1: { shape: [2, 100], data: Array.from({ length: 200 }, () => Math.fround(random() - 0.5)) }, b2: { shape: [3], data: [0.1, -0, 1e-7] } };
  documents.push(withTrainedWeights(presets.find((preset) => preset.id === 'mlp2')!.build(), weights));
  const odd = presets[0].build();
  odd.nodes[0] = { ...odd.nodes[0], label: '<i>x</i> 😀', group: 'inputs' };
  odd.edges[0] = { ...odd.edges[0], id: '17' };
  documents.push(odd, moduleDocument());

  return documents.map((document, index) => {
    const view = index % 3 === 0 ? { cursor: index } : undefined;
    const lecture = index % 4 === 1 ? { lockEditing: true, autoplay: index % 8 === 1, startStep: index } : undefined;
    return { document, view, lecture, link: encodeLink(document, { view, lecture }) };
  });
}

/** Builds x → sigmoid module → fully connected module → sum, with the module definitions. */
function moduleDocument(): GraphDocument {
  const document: GraphDocument = {
    format: 'backprop-studio-graph',
    version: 1,
    nodes: [
      { id: 'x', kind: 'input', params: { value: { shape: [2, 3], data: [1, -2, 0.5, 3, 0, -1] } }, position: { x: 0, y: 0 } },
      { id: 'W', kind: 'parameter', params: { value: { shape: [3, 2], data: [0.1, 0.2, -0.3, 0.4, 0.5, -0.6] } }, position: { x: 0, y: 200 } },
      { id: 'b', kind: 'parameter', params: { value: { shape: [2], data: [0, 1] } }, position: { x: 0, y: 400 } },
      { id: 's', kind: 'module', params: { module: 'sigmoid' }, position: { x: 200, y: 0 } },
      { id: 'layer', kind: 'module', params: { module: 'fully-connected' }, position: { x: 400, y: 0 } },
      { id: 'L', kind: 'sum', params: {}, position: { x: 600, y: 0 } },
    ],
    edges: [
      { id: 'x.out->s.x', source: 'x', sourcePort: 'out', target: 's', targetPort: 'x' },
      { id: 's.out->layer.x', source: 's', sourcePort: 'out', target: 'layer', targetPort: 'x' },
      { id: 'W.out->layer.W', source: 'W', sourcePort: 'out', target: 'layer', targetPort: 'W' },
      { id: 'b.out->layer.b', source: 'b', sourcePort: 'out', target: 'layer', targetPort: 'b' },
      { id: 'layer.out->L.x', source: 'layer', sourcePort: 'out', target: 'L', targetPort: 'x' },
    ],
  };
  return { ...document, modules: { sigmoid: sigmoidModule(), 'fully-connected': fullyConnectedModule() } };
}

/** Runs `count` cases from `seed` and counts the outcomes; `onProgress` is called every 10,000 cases. */
export function runFuzz(count: number, seed: string, bases = baseCases(), onProgress?: (tally: FuzzTally) => void): FuzzTally {
  const tally: FuzzTally = { cases: 0, accepted: 0, rejected: 0, crashes: 0, violations: 0, problems: [] };
  for (let index = 0; index < count; index++) {
    if (index > 0 && index % 10_000 === 0) onProgress?.(tally);
    tally.cases++;
    let outcome: Outcome;
    try {
      outcome = runCase(index, seedrandom(`${seed}:${index}`), bases);
    } catch (error) {
      tally.crashes++;
      keepProblem(tally, `case ${index}: threw ${(error as Error)?.stack ?? String(error)}`);
      continue;
    }
    if (outcome.accepted) tally.accepted++;
    else tally.rejected++;
    if (outcome.problem) {
      tally.violations++;
      keepProblem(tally, `case ${index} (${outcome.label}): ${outcome.problem}`);
    }
  }
  return tally;
}

function keepProblem(tally: FuzzTally, problem: string): void {
  if (tally.problems.length < KEPT_PROBLEMS) tally.problems.push(problem);
}

type Outcome = { accepted: boolean; problem: string | null; label: string };

/** Half the cases mutate documents, three in ten the text of links, two in ten the content of links. */
function runCase(index: number, random: Random, bases: BaseCase[]): Outcome {
  const base = pick(random, bases);
  const slot = index % 10;
  if (slot < 5) return documentCase(random, base, slot === 0);
  if (slot < 8) return linkTextCase(random, base);
  return linkContentCase(random, base);
}

function documentCase(random: Random, base: BaseCase, throughText: boolean): Outcome {
  const tree = structuredClone(base.document) as unknown as Json;
  const mutations = Array.from({ length: 1 + randomInt(random, 3) }, () => mutateAnyDocument(random, tree));
  const label = `document: ${mutations.map((mutation) => mutation.name).join(', ')}`;
  const keepsMeaning = mutations.every((mutation) => mutation.keepsMeaning);

  const result = loadDocumentValue(materialize(tree), registry);
  if (throughText && !hasDeepMarker(tree)) {
    const fromText = loadDocumentText(toJsonText(tree, randomInt(random, 3)), registry);
    if (!isDeepStrictEqual(fromText, result)) return { accepted: result.ok, problem: 'loading the text and the value disagree', label };
  }
  return judgeLoad(result, keepsMeaning ? base.document : null, label);
}

function judgeLoad(result: LoadResult, original: GraphDocument | null, label: string): Outcome {
  if (!result.ok) {
    const problem = result.errors.length > 0 && result.errors.every((error) => typeof error === 'string' && error.length > 0) ? null : 'rejected without a message';
    return { accepted: false, problem, label };
  }
  if (original && !isDeepStrictEqual(result.document, original)) return { accepted: true, problem: 'a mutation that keeps the meaning changed the document', label };
  return { accepted: true, problem: exerciseDocument(result.document), label };
}

/** Compiles an accepted document, runs it when small, and checks that its link decodes to it exactly. */
function exerciseDocument(document: GraphDocument): string | null {
  const program = compile(document, registry);
  if (outputElements(program) <= RUN_ELEMENT_BUDGET) run(program);
  const decoded = decodeLink(encodeLink(document), registry);
  if (!decoded.ok) return `the link of an accepted document did not decode: ${decoded.message}`;
  return isDeepStrictEqual(decoded.document, document) ? null : 'the link of an accepted document decoded to another document';
}

function outputElements(program: Program): number {
  return program.order.reduce((total, node) => total + node.outputShapes.reduce((sum, shape) => sum + sizeOf(shape), 0), 0);
}

const TEXT_NOISE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_ !#%.=é';

/** Changes the link text: a change that keeps the meaning must decode, any other must be rejected. */
function linkTextCase(random: Random, base: BaseCase): Outcome {
  const { text, name, keepsMeaning } = mutateLinkText(random, base.link);
  const label = `link text: ${name}`;
  const result = decodeLink(text, registry);
  // Text around the fragment, such as a leading "#" or space, does not change the link.
  if (keepsMeaning || fragmentOf(text) === base.link) {
    const same = result.ok && isDeepStrictEqual(result.document, base.document) && isDeepStrictEqual(result.view, base.view) && isDeepStrictEqual(result.lecture, base.lecture);
    return { accepted: result.ok, problem: same ? null : `an unchanged link did not decode to its payload: ${result.ok ? 'other payload' : result.message}`, label };
  }
  if (result.ok) return { accepted: true, problem: 'a changed link decoded', label };
  return { accepted: false, problem: checkRejection(result), label };
}

function mutateLinkText(random: Random, link: string): { text: string; name: string; keepsMeaning: boolean } {
  const at = randomInt(random, link.length);
  const noise = pick(random, [...TEXT_NOISE]);
  switch (randomInt(random, 8)) {
    case 0:
      return { text: link.slice(0, at), name: 'truncate', keepsMeaning: false };
    case 1:
      return { text: link.slice(0, at) + noise + link.slice(at + 1), name: 'replace a character', keepsMeaning: false };
    case 2:
      return { text: link.slice(0, at) + noise + link.slice(at), name: 'insert a character', keepsMeaning: false };
    case 3:
      return { text: link.slice(0, at) + link.slice(at + 1), name: 'delete a character', keepsMeaning: false };
    case 4:
      return { text: link.slice(0, at) + link.slice(at + 1, at + 2) + link.slice(at, at + 1) + link.slice(at + 2), name: 'swap neighbours', keepsMeaning: false };
    case 5:
      return { text: link.slice(0, at) + link.slice(at, at + 8) + link.slice(at), name: 'repeat a slice', keepsMeaning: false };
    case 6:
      return { text: link.slice(0, at) + link.slice(at, at + 1).toUpperCase() + link.slice(at + 1), name: 'upper case', keepsMeaning: false };
    default:
      return { text: pick(random, [`http://127.0.0.1:4173/?x=1#${link}`, `#${link}`, ` ${link}\n`]), name: 'wrap in a URL', keepsMeaning: true };
  }
}

function checkRejection(result: Extract<DecodeLinkResult, { ok: false }>): string | null {
  if (result.message.startsWith(INTERNAL_ERROR_PREFIX)) return result.message;
  return result.message.length > 0 && result.errors.length > 0 ? null : 'rejected without a message';
}

/** Mutates the compact form, the binary section or the envelope of a link and rebuilds a valid checksum. */
function linkContentCase(random: Random, base: BaseCase): Outcome {
  const opened = openVersion1Link(base.link);
  const tree = opened.json as Json;
  let binary: Uint8Array = opened.binary;
  let mutation: Mutation;
  const choice = randomInt(random, 10);
  if (choice < 7) {
    mutation = random() < 0.5 ? mutateTree(random, tree) : mutateCompactDocument(random, tree);
  } else if (choice < 8) {
    binary = random() < 0.5 ? binary.subarray(0, Math.max(0, binary.length - 4)) : Buffer.concat([binary, Buffer.alloc(4)]);
    mutation = { name: 'binary length', keepsMeaning: false };
  } else {
    return envelopeCase(random, tree, binary);
  }

  const label = `link content: ${mutation.name}`;
  const compactForm = craftCompactForm(toJsonText(tree), binary);
  const result = decodeLink(craftLink(1, Buffer.concat([Buffer.from(leb128(compactForm.length)), deflateRawSync(compactForm)])), registry);
  return judgeLink(result, mutation.keepsMeaning && binary === opened.binary ? base : null, label);
}

/** Applies a document mutation to the document inside a compact form, seen as [version, title, nodes, edges, …]. */
function mutateCompactDocument(random: Random, tree: Json): Mutation {
  const document = Array.isArray(tree) ? tree[0] : null;
  if (!Array.isArray(document)) return mutateTree(random, tree);
  const target = pick(random, [document, document[2], document[3]]);
  return mutateTree(random, target ?? tree);
}

function envelopeCase(random: Random, tree: Json, binary: Uint8Array): Outcome {
  const compactForm = craftCompactForm(toJsonText(tree), binary);
  let deflated = deflateRawSync(compactForm);
  let declared = compactForm.length;
  let version = 1;
  const choice = randomInt(random, 3);
  if (choice === 0) version = randomInt(random, 256);
  if (choice === 1) declared = pick(random, [0, declared - 1, declared + 1, 2 ** 31, MAX_INFLATED_BYTES + 1]);
  if (choice === 2) {
    deflated = Buffer.from(deflated);
    deflated[randomInt(random, deflated.length)] ^= 1 << randomInt(random, 8);
  }
  const result = decodeLink(craftLink(version, Buffer.concat([Buffer.from(leb128(declared)), deflated])), registry);
  return judgeLink(result, null, `envelope: ${['version', 'declared size', 'deflate bit'][choice]}`);
}

function judgeLink(result: DecodeLinkResult, original: BaseCase | null, label: string): Outcome {
  if (!result.ok) return { accepted: false, problem: checkRejection(result), label };
  if (original && !isDeepStrictEqual(result.document, original.document)) return { accepted: true, problem: 'a mutation that keeps the meaning changed the document', label };
  return { accepted: true, problem: exerciseDocument(result.document), label };
}
