import type { GraphDocument, GraphEdge } from '../document';
import type { QuizPart, QuizQuestion, QuizSettings, QuizTarget } from './types';

/** Returns the key of the question about one part of a wire or port; JSON keeps ids with any characters apart. */
export function questionKey(target: QuizQuestion['target'], part: 'value' | 'gradient'): string {
  return 'edge' in target ? JSON.stringify(['edge', target.edge, part]) : JSON.stringify(['port', target.node, target.port, part]);
}

function partsOf(part: QuizPart): ('value' | 'gradient')[] {
  return part === 'both' ? ['value', 'gradient'] : [part];
}

/** Lists the questions of a quiz, one per hidden value and one per hidden gradient, in document order. */
export function quizQuestions(quiz: QuizSettings | undefined): QuizQuestion[] {
  return (quiz?.hidden ?? []).flatMap((target) => {
    const where = 'edge' in target ? { edge: target.edge } : { node: target.node, port: target.port };
    return partsOf(target.part).map((part): QuizQuestion => ({ key: questionKey(where, part), target: where, part }));
  });
}

/**
 * Everything a quiz keeps off the screen, with the keys of the questions that
 * hide it: a number stays hidden until each of those questions is revealed.
 * Hiding is conservative, because the same number shows in several places:
 *
 * - a hidden value of a wire hides the value of its source port, which every
 *   wire out of that port, the node and the inspectors show;
 * - a hidden gradient of a wire also hides the total gradient of its source
 *   port, from which the wire's share could be worked out;
 * - a hidden gradient of a port hides the gradient of every wire out of it.
 */
export interface HiddenIndex {
  /** By portKey of an output port. */
  values: ReadonlyMap<string, readonly string[]>;
  /** By portKey of an output port: its total gradient. */
  portGradients: ReadonlyMap<string, readonly string[]>;
  /** By edge id: the gradient flowing back along the wire. */
  edgeGradients: ReadonlyMap<string, readonly string[]>;
  /** By edge id: the value on the wire, the same list as `values` has for its source port. */
  edgeValues: ReadonlyMap<string, readonly string[]>;
}

/** Returns the key of an output port in a HiddenIndex. */
export function portKey(node: string, port: string): string {
  return `${node}\u0000${port}`;
}

const emptyIndex: HiddenIndex = { values: new Map(), portGradients: new Map(), edgeGradients: new Map(), edgeValues: new Map() };
const cache = new WeakMap<QuizSettings, WeakMap<readonly GraphEdge[], HiddenIndex>>();

/** Builds the hidden index of a document, once per quiz and edge list. */
export function hiddenIndex(document: Pick<GraphDocument, 'edges' | 'quiz'>): HiddenIndex {
  const { quiz, edges } = document;
  if (!quiz || quiz.hidden.length === 0) return emptyIndex;
  let byEdges = cache.get(quiz);
  if (!byEdges) cache.set(quiz, (byEdges = new WeakMap()));
  let index = byEdges.get(edges);
  if (!index) byEdges.set(edges, (index = buildIndex(quiz.hidden, edges)));
  return index;
}

function buildIndex(hidden: readonly QuizTarget[], edges: readonly GraphEdge[]): HiddenIndex {
  const values = new Map<string, string[]>();
  const portGradients = new Map<string, string[]>();
  const edgeGradients = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, question: string) => {
    const list = map.get(key);
    if (!list) map.set(key, [question]);
    else if (!list.includes(question)) list.push(question);
  };
  const edgesById = new Map(edges.map((edge) => [edge.id, edge]));
  const edgesFrom = (node: string, port: string) => edges.filter((edge) => edge.source === node && edge.sourcePort === port);

  for (const question of quizQuestions({ hidden: [...hidden] })) {
    const { target, part, key } = question;
    if ('edge' in target) {
      const edge = edgesById.get(target.edge);
      if (!edge) continue;
      const source = portKey(edge.source, edge.sourcePort);
      if (part === 'value') add(values, source, key);
      else {
        add(edgeGradients, edge.id, key);
        add(portGradients, source, key);
      }
    } else if (part === 'value') {
      add(values, portKey(target.node, target.port), key);
    } else {
      add(portGradients, portKey(target.node, target.port), key);
      for (const edge of edgesFrom(target.node, target.port)) add(edgeGradients, edge.id, key);
    }
  }
  const edgeValues = new Map<string, string[]>();
  for (const edge of edges) {
    const keys = values.get(portKey(edge.source, edge.sourcePort));
    if (keys) edgeValues.set(edge.id, keys);
  }
  return { values, portGradients, edgeGradients, edgeValues };
}

/**
 * Drops the quiz entries whose wire or node the document no longer has, such
 * as after a delete, so an edited graph still passes the load checks. Returns
 * the same document when nothing is dropped.
 */
export function pruneQuiz(document: GraphDocument): GraphDocument {
  const quiz = document.quiz;
  if (!quiz || quiz.hidden.length === 0) return document;
  const edgeIds = new Set(document.edges.map((edge) => edge.id));
  const nodeIds = new Set(document.nodes.map((node) => node.id));
  const hidden = quiz.hidden.filter((target) => ('edge' in target ? edgeIds.has(target.edge) : nodeIds.has(target.node)));
  if (hidden.length === quiz.hidden.length) return document;
  return { ...document, quiz: { ...quiz, hidden } };
}

/** Tells whether a number stays hidden: some question that hides it is not revealed yet. */
export function isHidden(questions: readonly string[] | undefined, revealed: ReadonlySet<string>): boolean {
  return questions !== undefined && questions.some((key) => !revealed.has(key));
}

/**
 * Returns the quiz with `part` of `target` hidden or shown, keeping one entry
 * per wire or port. Returns undefined when nothing is hidden any more.
 */
export function toggleHidden(quiz: QuizSettings | undefined, target: QuizQuestion['target'], part: 'value' | 'gradient'): QuizSettings | undefined {
  const hidden = quiz?.hidden ?? [];
  const same = (entry: QuizTarget) => ('edge' in target ? 'edge' in entry && entry.edge === target.edge : 'node' in entry && entry.node === target.node && entry.port === target.port);
  const index = hidden.findIndex(same);
  const parts = new Set(index >= 0 ? partsOf(hidden[index].part) : []);
  if (parts.has(part)) parts.delete(part);
  else parts.add(part);

  let next: QuizTarget[];
  if (parts.size === 0) next = hidden.filter((_entry, i) => i !== index);
  else {
    const entry: QuizTarget = { ...target, part: parts.size === 2 ? 'both' : [...parts][0] };
    next = index >= 0 ? hidden.map((old, i) => (i === index ? entry : old)) : [...hidden, entry];
  }
  if (next.length === 0 && quiz?.tolerance === undefined) return undefined;
  return { ...quiz, hidden: next };
}
