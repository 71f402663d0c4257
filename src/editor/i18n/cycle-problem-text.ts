import type { LoadProblem } from '../../engine/load-problems';
import type { Message, MessageParams } from './translate';

/**
 * Returns the message of a "cycle" or "self-loop" problem. The node ids are
 * quoted as the language quotes names and joined with its list separator,
 * and the remedy and the count of downstream nodes are sentences of their own.
 */
export function cycleProblemMessage(problem: LoadProblem, english: string): Message {
  const { details } = problem;
  const wire: MessageParams = { edge: details.edge, source: details.source, sourcePort: details.sourcePort, target: details.target, targetPort: details.targetPort };
  const downstreamMessage = downstreamSentence(Number(details.downstream));

  if (problem.code === 'self-loop') {
    return { key: 'loadProblem.self-loop', params: { node: details.node, kind: details.kind, ...wire, downstream: downstreamMessage }, fallback: english };
  }

  const more = Number(details.more);
  return {
    key: 'loadProblem.cycle',
    params: {
      count: details.count,
      nodes: (problem.nodes ?? []).map((node): Message => ({ key: 'loadProblem.cycle.node', params: { node } })),
      more: more > 0 ? { key: 'loadProblem.cycle.more', params: { count: more } } : '',
      remedy: { key: details.breaks === 1 ? 'loadProblem.cycle.remove' : 'loadProblem.cycle.removeSome', params: wire },
      downstream: downstreamMessage,
    },
    fallback: english,
  };
}

/** Returns the sentence that counts the nodes downstream of a cycle, or no text for none. */
function downstreamSentence(count: number): Message | string {
  if (count === 0) return '';
  if (count === 1) return { key: 'loadProblem.cycle.downstreamOne' };
  return { key: 'loadProblem.cycle.downstream', params: { count } };
}
