import type { LoadProblem } from '../../engine/load-problems';
import { en, type MessageKey } from './en';
import { jsonErrorParam } from './json-error-text';
import type { Message, MessageParam } from './translate';

type LayoutDetails = NonNullable<LoadProblem['layout']>['details'];

/** Returns `key` when the dictionaries have it, so a part or type name from a link cannot name a missing message. */
function knownKey(key: string): MessageKey | null {
  return Object.hasOwn(en, key) ? (key as MessageKey) : null;
}

/** Returns the name of a JSON type, such as "list", as a message, or the name itself when no message has it. */
function typeParam(type: string | number): MessageParam {
  const key = knownKey(`linkLayout.type.${type}`);
  return key ? { key } : String(type);
}

/** Returns the part a layout problem names, such as the node list of module "m", as a message. */
function partParam(details: LayoutDetails): MessageParam {
  const { part, index, module } = details;
  // A node or an edge inside a module also names the module.
  const inModule = module !== undefined && (part === 'node' || part === 'edge');
  const key = knownKey(inModule ? `linkLayout.part.${part === 'node' ? 'moduleNode' : 'moduleEdge'}` : `linkLayout.part.${part}`);
  if (!key) return String(part);
  const owner: Message = module === undefined ? { key: 'linkLayout.owner.document' } : { key: 'linkLayout.owner.module', params: { module } };
  return { key, params: { owner, ...(index === undefined ? {} : { index }) } };
}

/**
 * Returns why a link's content does not have the layout of its link format,
 * as a message: the code's sentence, with the part and the JSON types it
 * names written in the reader's language.
 */
export function linkLayoutMessage(layout: NonNullable<LoadProblem['layout']>): Message {
  const { details } = layout;
  const params: Record<string, MessageParam> = { ...details };
  if (details.part !== undefined) params.part = partParam(details);
  if (details.found !== undefined) params.found = typeParam(details.found);
  if (details.countType !== undefined) params.countType = typeParam(details.countType);
  // NOTE: only the parser's own place is known here. The editor's share link opener replaces this message with one naming the line, column and character (linkProblems).
  if (layout.code === 'json' && typeof details.message === 'string') params.message = jsonErrorParam(details.message);
  return { key: `linkLayout.${layout.code}`, params };
}
