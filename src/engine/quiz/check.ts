import type { GraphDocument } from '../document';
import type { DescribedProblem, LoadProblem, LoadProblemCode } from '../load-problems';
import { moduleNameOf, MODULE_KIND, outputNames } from '../modules/types';
import type { KindRegistry } from '../types';
import type { QuizTarget } from './types';

/**
 * Checks that every hidden target of a document's quiz names a wire or an
 * output port that exists, and that no wire or port is listed twice. Returns
 * each problem with its code and English sentence.
 */
export function checkQuiz(document: GraphDocument, registry: KindRegistry): DescribedProblem[] {
  const hidden = document.quiz?.hidden ?? [];
  const problems: DescribedProblem[] = [];
  const edgeIds = new Set(document.edges.map((edge) => edge.id));
  const nodes = new Map(document.nodes.map((node) => [node.id, node]));
  const seen = new Set<string>();
  const add = (text: string, code: LoadProblemCode, details: LoadProblem['details']) => problems.push({ text, problem: { code, details } });

  hidden.forEach((target, index) => {
    const where = `Field "quiz.hidden[${index}]"`;
    const key = targetKey(target);
    const listedTwice = 'list each wire or port once with part "both" to hide value and gradient.';
    if (seen.has(key) && 'edge' in target) add(`${where}: wire "${target.edge}" is listed more than once; ${listedTwice}`, 'quiz-edge-listed-twice', { index, edge: target.edge });
    else if (seen.has(key) && 'node' in target) {
      add(`${where}: port "${target.port}" of node "${target.node}" is listed more than once; ${listedTwice}`, 'quiz-port-listed-twice', { index, node: target.node, port: target.port });
    }
    seen.add(key);

    if ('edge' in target) {
      if (!edgeIds.has(target.edge)) add(`${where}: wire "${target.edge}" does not exist. Remove it from the quiz or use an existing wire id.`, 'quiz-edge-missing', { index, edge: target.edge });
      return;
    }
    const node = nodes.get(target.node);
    if (!node) {
      add(`${where}: node "${target.node}" does not exist. Remove it from the quiz or use an existing node id.`, 'quiz-node-missing', { index, node: target.node });
      return;
    }
    const ports = outputPorts(node, document, registry);
    if (ports && !ports.includes(target.port)) {
      const outputs = ports.join(', ');
      add(
        `${where}: node "${node.id}" (${node.kind}) has no output port "${target.port}"; its outputs: ${outputs || 'none'}.`,
        outputs ? 'quiz-no-port' : 'quiz-no-ports',
        { index, node: node.id, kind: node.kind, port: target.port, ports: outputs },
      );
    }
  });
  return problems;
}

function targetKey(target: QuizTarget): string {
  return 'edge' in target ? JSON.stringify(['edge', target.edge]) : JSON.stringify(['port', target.node, target.port]);
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
