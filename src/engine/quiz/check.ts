import type { GraphDocument } from '../document';
import { moduleNameOf, MODULE_KIND, outputNames } from '../modules/types';
import type { KindRegistry } from '../types';
import type { QuizTarget } from './types';

/**
 * Checks that every hidden target of a document's quiz names a wire or an
 * output port that exists, and that no wire or port is listed twice. Returns
 * one message per problem.
 */
export function checkQuiz(document: GraphDocument, registry: KindRegistry): string[] {
  const hidden = document.quiz?.hidden ?? [];
  const errors: string[] = [];
  const edgeIds = new Set(document.edges.map((edge) => edge.id));
  const nodes = new Map(document.nodes.map((node) => [node.id, node]));
  const seen = new Set<string>();

  hidden.forEach((target, index) => {
    const where = `Field "quiz.hidden[${index}]"`;
    const key = targetKey(target);
    if (seen.has(key)) errors.push(`${where}: ${describeTarget(target)} is listed more than once; list each wire or port once with part "both" to hide value and gradient.`);
    seen.add(key);

    if ('edge' in target) {
      if (!edgeIds.has(target.edge)) errors.push(`${where}: wire "${target.edge}" does not exist. Remove it from the quiz or use an existing wire id.`);
      return;
    }
    const node = nodes.get(target.node);
    if (!node) {
      errors.push(`${where}: node "${target.node}" does not exist. Remove it from the quiz or use an existing node id.`);
      return;
    }
    const ports = outputPorts(node, document, registry);
    if (ports && !ports.includes(target.port)) {
      errors.push(`${where}: node "${node.id}" (${node.kind}) has no output port "${target.port}"; its outputs: ${ports.join(', ') || 'none'}.`);
    }
  });
  return errors;
}

function targetKey(target: QuizTarget): string {
  return 'edge' in target ? JSON.stringify(['edge', target.edge]) : JSON.stringify(['port', target.node, target.port]);
}

function describeTarget(target: QuizTarget): string {
  return 'edge' in target ? `wire "${target.edge}"` : `port "${target.port}" of node "${target.node}"`;
}

/** Output port names of a node, or null when its kind is unknown (the semantic checks report that). */
function outputPorts(node: GraphDocument['nodes'][number], document: GraphDocument, registry: KindRegistry): string[] | null {
  const kind = registry.get(node.kind);
  if (kind) return kind.outputs.map((port) => port.name);
  if (node.kind !== MODULE_KIND) return null;
  const name = moduleNameOf(node);
  const definition = name !== null && document.modules && Object.hasOwn(document.modules, name) ? document.modules[name] : undefined;
  return definition ? outputNames(definition) : null;
}
