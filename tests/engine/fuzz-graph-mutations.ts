import type { NodeKind, ParamSpec } from '../../src/engine/types';
import { builtinKinds, registry } from '../../src/nodes';
import { asDocument, mutateDocument, pick, randomInt, type DocumentTree, type Json, type Mutation, type Random } from './fuzz-mutations';

/**
 * Mutations that follow the node kinds, so that most results still load and
 * reach compile and run: parameters of the right type with odd values, wires
 * between real ports, removed wires, swapped kinds and added nodes.
 */

type JsonObject = { [key: string]: Json };

interface KnownNode {
  node: JsonObject;
  kind: NodeKind;
}

function knownNodes(document: DocumentTree): KnownNode[] {
  const known: KnownNode[] = [];
  for (const node of document.nodes) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || typeof node.kind !== 'string') continue;
    const kind = registry.get(node.kind);
    if (kind && typeof node.params === 'object' && node.params !== null && !Array.isArray(node.params)) known.push({ node, kind });
  }
  return known;
}

function randomShape(random: Random, minDimension: number): number[] {
  return Array.from({ length: randomInt(random, 4) }, () => minDimension + randomInt(random, 5));
}

function randomTensor(random: Random): JsonObject {
  const shape = randomShape(random, 0);
  const size = shape.reduce((product, dimension) => product * dimension, 1);
  const length = random() < 0.1 ? size + 1 : size;
  const integers = random() < 0.5;
  const data = Array.from({ length }, () => (integers ? randomInt(random, 5) : Math.round((random() * 8 - 4) * 1000) / 1000));
  return { shape, data };
}

function randomParamValue(random: Random, spec: ParamSpec): Json {
  switch (spec.type) {
    case 'number': {
      const candidates = [spec.default as number, spec.min, spec.max, randomInt(random, 6), Math.round(random() * 600 - 300) / 100, 1e6, -1, 0.5];
      return pick(random, candidates.filter((value): value is number => value !== undefined));
    }
    case 'boolean':
      return random() < 0.5;
    case 'choice':
      return random() < 0.9 ? pick(random, spec.choices ?? ['']) : 'sideways';
    case 'shape':
      return randomShape(random, 1);
    case 'tensor':
      return randomTensor(random);
  }
}

/** Sets one parameter of a node to a value of the type its kind declares. */
function typedParameter(random: Random, document: DocumentTree): Mutation | null {
  const candidates = knownNodes(document).filter(({ kind }) => kind.params.length > 0);
  if (candidates.length === 0) return null;
  const { node, kind } = pick(random, candidates);
  const spec = pick(random, kind.params);
  (node.params as JsonObject)[spec.name] = randomParamValue(random, spec);
  return { name: `typed ${spec.name}`, keepsMeaning: false };
}

/** Replaces the wire into a random input port with one from a random output port, of a new node at times. */
function rewireInput(random: Random, document: DocumentTree): Mutation | null {
  const known = knownNodes(document);
  if (random() < 0.3) {
    const kind = pick(random, builtinKinds);
    const node: JsonObject = { id: `new${randomInt(random, 100)}`, kind: kind.kind, params: {}, position: { x: 0, y: 0 } };
    document.nodes.push(node);
    known.push({ node, kind });
  }
  const targets = known.filter(({ kind }) => kind.inputs.length > 0);
  const sources = known.filter(({ kind }) => kind.outputs.length > 0);
  if (targets.length === 0 || sources.length === 0) return null;

  const target = pick(random, targets);
  const source = pick(random, sources);
  const targetPort = pick(random, target.kind.inputs).name;
  const sourcePort = pick(random, source.kind.outputs).name;
  document.edges = document.edges.filter((edge) => !(typeof edge === 'object' && edge !== null && !Array.isArray(edge) && edge.target === target.node.id && edge.targetPort === targetPort));
  document.edges.push({ id: `${String(source.node.id)}.${sourcePort}->${String(target.node.id)}.${targetPort}`, source: source.node.id, sourcePort, target: target.node.id, targetPort });
  return { name: 'rewire input', keepsMeaning: false };
}

function removeEdge(random: Random, document: DocumentTree): Mutation | null {
  if (document.edges.length === 0) return null;
  document.edges.splice(randomInt(random, document.edges.length), 1);
  return { name: 'remove edge', keepsMeaning: false };
}

/** Gives a node another kind and no parameters; its wires stay, so ports may no longer exist. */
function changeKind(random: Random, document: DocumentTree): Mutation | null {
  const known = knownNodes(document);
  if (known.length === 0) return null;
  const { node } = pick(random, known);
  node.kind = pick(random, builtinKinds).kind;
  node.params = {};
  return { name: 'change kind', keepsMeaning: false };
}

const graphMutations = [typedParameter, typedParameter, rewireInput, rewireInput, removeEdge, changeKind];

/**
 * Applies one mutation to a document tree: a kind-aware one four times in ten,
 * to the top-level graph or to a module definition, otherwise one of
 * mutateDocument's, which also covers trees that are no longer documents.
 */
export function mutateAnyDocument(random: Random, root: Json): Mutation {
  const document = asDocument(root);
  const graph = document && random() < 0.3 ? moduleGraph(random, document) ?? document : document;
  const mutation = graph && random() < 0.4 ? pick(random, graphMutations)(random, graph) : null;
  return mutation ?? mutateDocument(random, root);
}

/** Returns a random module definition of the document as a graph to mutate, or null when it has none. */
function moduleGraph(random: Random, document: DocumentTree): DocumentTree | null {
  const modules = document.modules;
  if (typeof modules !== 'object' || modules === null || Array.isArray(modules)) return null;
  const definitions = Object.values(modules).map(asDocument).filter((definition) => definition !== null);
  return definitions.length > 0 ? pick(random, definitions) : null;
}
