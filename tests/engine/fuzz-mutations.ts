import type seedrandom from 'seedrandom';

/**
 * Mutations of JSON trees for the fuzz tests: documents, and the compact form
 * inside links. Every mutation edits the tree in place and reports whether it
 * keeps the meaning, in which case a loader must return the original.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Random = seedrandom.PRNG;

export interface Mutation {
  name: string;
  /** True when the mutated tree means the same document, such as keys in another order. */
  keepsMeaning: boolean;
}

export function randomInt(random: Random, below: number): number {
  return Math.floor(random() * below);
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[randomInt(random, items.length)];
}

/**
 * Returns the marker string for a list nested `depth` levels deep. Trees
 * contain the marker instead of the list, so they stay cheap to walk, clone
 * and stringify. materialize() and toJsonText() put the real nesting in.
 */
function deepMarker(depth: number): string {
  return `\u0000deep:${depth}\u0000`;
}

const DEEP_MARKER = /^\u0000deep:(\d+)\u0000$/;

function isContainer(value: Json): value is Json[] | { [key: string]: Json } {
  return typeof value === 'object' && value !== null;
}

type Slot = { parent: Json[] | { [key: string]: Json }; key: string | number };

/** Walks down from the root along random children and stops at a random depth; null for a leaf root. */
function randomSlot(random: Random, root: Json): Slot | null {
  let slot: Slot | null = null;
  let current = root;
  while (isContainer(current)) {
    const keys: (string | number)[] = Array.isArray(current) ? current.map((_, index) => index) : Object.keys(current);
    if (keys.length === 0 || (slot && random() < 0.3)) break;
    const key = pick(random, keys);
    slot = { parent: current, key };
    current = (current as Record<string | number, Json>)[key];
  }
  return slot;
}

function setSlot(slot: Slot, value: Json): void {
  (slot.parent as Record<string | number, Json>)[slot.key] = value;
}

const SWAP_VALUES: Json[] = [0, 1, -1, 2.5, 'x', '', 'out', 'add', true, false, null, {}, [], [1, 2], [[]], { shape: [1], data: [1] }, { a: 1 }];
const EXTREME_NUMBERS: Json[] = [1e308, -1e308, -0, 'NaN', 'Infinity', '-Infinity', 5e-324, 2 ** 53 + 2, -1, 0.5, 1e21, -2147483649];
const PORT_NAMES = ['out', 'a', 'b', 'x', 'X', 'y', 'w', 'out0', 'out1', 'scores', 'labels', 'loss', 'nope'];

function typeSwap(random: Random, root: Json): Mutation {
  const slot = randomSlot(random, root);
  if (slot) setSlot(slot, structuredClone(pick(random, SWAP_VALUES)));
  return { name: 'type swap', keepsMeaning: slot === null };
}

function extremeNumber(random: Random, root: Json): Mutation {
  const slot = randomSlot(random, root);
  if (slot) setSlot(slot, pick(random, EXTREME_NUMBERS));
  return { name: 'extreme number', keepsMeaning: slot === null };
}

function deepNesting(random: Random, root: Json): Mutation {
  const slot = randomSlot(random, root);
  const depth = random() < 0.02 ? 100_000 : pick(random, [2, 50, 1000, 5000]);
  if (slot) setSlot(slot, deepMarker(depth));
  return { name: `nesting ${depth}`, keepsMeaning: slot === null };
}

function deleteField(random: Random, root: Json): Mutation {
  const slot = randomSlot(random, root);
  if (!slot) return { name: 'delete', keepsMeaning: true };
  if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
  else delete slot.parent[slot.key];
  return { name: 'delete', keepsMeaning: false };
}

function extraKey(random: Random, root: Json): Mutation {
  const slot = randomSlot(random, root);
  const target = slot ? (slot.parent as Record<string | number, Json>)[slot.key] : root;
  if (!isContainer(target) || Array.isArray(target)) return { name: 'extra key', keepsMeaning: true };
  // defineProperty makes "__proto__" an own key, as JSON.parse does, instead of setting the prototype.
  const key = pick(random, ['extra', 'label', 'value', '__proto__', 'constructor']);
  Object.defineProperty(target, key, { value: structuredClone(pick(random, SWAP_VALUES)), enumerable: true, writable: true, configurable: true });
  return { name: 'extra key', keepsMeaning: false };
}

/** Rebuilds a random object with its keys in reverse order, which means the same. */
function reorderKeys(random: Random, root: Json): Mutation {
  const slot = randomSlot(random, root);
  const target = slot ? (slot.parent as Record<string | number, Json>)[slot.key] : root;
  if (isContainer(target) && !Array.isArray(target)) {
    const entries = Object.entries(target).reverse();
    for (const [key] of entries) delete target[key];
    for (const [key, value] of entries) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return { name: 'reorder keys', keepsMeaning: true };
}

const treeMutations = [typeSwap, extremeNumber, deepNesting, deleteField, extraKey, reorderKeys];

/** Applies one random mutation that ignores the document layout. */
export function mutateTree(random: Random, root: Json): Mutation {
  return pick(random, treeMutations)(random, root);
}

export type DocumentTree = { [key: string]: Json } & { nodes: Json[]; edges: Json[] };

/** Returns the root as a document when it is an object with node and edge lists. */
export function asDocument(root: Json): DocumentTree | null {
  if (!isContainer(root) || Array.isArray(root)) return null;
  return Array.isArray(root.nodes) && Array.isArray(root.edges) ? (root as DocumentTree) : null;
}

function idOf(item: Json): Json {
  return isContainer(item) && !Array.isArray(item) ? item.id : null;
}

/** Applies one random mutation aimed at graph documents: versions, ids, wires and parameters. */
export function mutateDocument(random: Random, root: Json): Mutation {
  const document = asDocument(root);
  if (!document || document.nodes.length === 0) return mutateTree(random, root);
  const nodeIds = document.nodes.map(idOf);
  const choice = randomInt(random, 6);
  // An earlier mutation may have replaced a node or edge with a number or list.
  const objects = (list: Json[]) => list.filter((item): item is { [key: string]: Json } => isContainer(item) && !Array.isArray(item));

  if (choice === 0) {
    const field = pick(random, ['version', 'format']);
    document[field] = pick(random, field === 'version' ? [0, 2, 99, -1, '1', 1.5, null] : ['', 'backprop', null, 1]);
    return { name: `wrong ${field}`, keepsMeaning: false };
  }
  if (choice === 1) {
    const list = objects(pick(random, [document.nodes, document.edges]));
    if (list.length < 2) return mutateTree(random, root);
    const [from, to] = [randomInt(random, list.length), randomInt(random, list.length)];
    list[to].id = idOf(list[from]);
    return { name: 'duplicate id', keepsMeaning: from === to };
  }
  if (choice === 2) {
    document.edges.push({
      id: `fuzz${randomInt(random, 1000)}`,
      source: random() < 0.9 ? pick(random, nodeIds) : 'missing',
      sourcePort: pick(random, PORT_NAMES),
      target: pick(random, nodeIds),
      targetPort: pick(random, PORT_NAMES),
    });
    return { name: 'random edge', keepsMeaning: false };
  }
  if (choice === 3 && objects(document.edges).length > 0) {
    const edge = pick(random, objects(document.edges));
    edge[pick(random, ['source', 'target'])] = pick(random, nodeIds);
    return { name: 'rewire', keepsMeaning: false };
  }
  if (choice === 4) return mutateParam(random, document);
  return mutateTree(random, root);
}

const PARAM_VALUES: Json[] = [
  [1_000_000, 1_000_000], [2000, 5000], [3, 0], [2, 3], [], 'he', 'zeros', 'value', 'sideways', 1e9, -5, 0, 0.5,
  { shape: [2], data: [1] }, { shape: [1e6, 1e6], data: [] }, { shape: [2, 2], data: [1, 2, 3, 4] }, { shape: [3], data: [0, 1, 7] },
];

function mutateParam(random: Random, document: DocumentTree): Mutation {
  const node = pick(random, document.nodes);
  if (!isContainer(node) || Array.isArray(node) || !isContainer(node.params) || Array.isArray(node.params)) return { name: 'parameter', keepsMeaning: true };
  const names = [...Object.keys(node.params), 'value', 'shape', 'init', 'batchSize', 'features', 'c', 'axis'];
  node.params[pick(random, names)] = structuredClone(pick(random, PARAM_VALUES));
  return { name: 'parameter', keepsMeaning: false };
}

/** Returns the tree with each nesting marker replaced by real nested lists. */
export function materialize(value: Json): unknown {
  if (typeof value === 'string') {
    const match = DEEP_MARKER.exec(value);
    return match ? nestedList(Number(match[1])) : value;
  }
  if (!isContainer(value)) return value;
  if (Array.isArray(value)) return value.map(materialize);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, materialize(item)]));
}

function nestedList(depth: number): unknown[] {
  let list: unknown[] = [];
  for (let level = 1; level < depth; level++) list = [list];
  return list;
}

const NEGATIVE_ZERO_MARKER = '\u0000-0\u0000';

/**
 * Writes the tree as JSON text, with each nesting marker written as brackets
 * and -0 written as "-0", which JSON.stringify writes as 0.
 */
export function toJsonText(value: Json, indent?: number): string {
  const text = JSON.stringify(value, (_key, item: unknown) => (Object.is(item, -0) ? NEGATIVE_ZERO_MARKER : item), indent);
  return text
    .replaceAll('"\\u0000-0\\u0000"', '-0')
    .replace(/"\\u0000deep:(\d+)\\u0000"/g, (_match, depth: string) => `${'['.repeat(Number(depth))}${']'.repeat(Number(depth))}`);
}

/** Tells whether the tree contains a nesting marker, whose real nesting JSON.stringify cannot write. */
export function hasDeepMarker(value: Json): boolean {
  return JSON.stringify(value).includes('"\\u0000deep:');
}
