import type { Diagnostic } from '../../engine/diagnostics';
import { en, enKindGlosses, type MessageKey, type Messages } from './en';
import { reasonMessage } from './reason-message';
import { zhCN, zhCNKindGlosses } from './zh-CN';

export type Language = 'en' | 'zh-CN';

export const languages: readonly Language[] = ['en', 'zh-CN'];

/** Each language's name in that language, for the language menu. */
export const languageNames: Readonly<Record<Language, string>> = { en: 'English', 'zh-CN': '简体中文' };

const dictionaries: Readonly<Record<Language, Messages>> = { en, 'zh-CN': zhCN };
const glosses: Readonly<Record<Language, Readonly<Record<string, string>>>> = { en: enKindGlosses, 'zh-CN': zhCNKindGlosses };

/**
 * A placeholder's value: text, a number, text already written in each
 * language, or messages translated into the same language. A list of
 * messages is joined with the language's list separator.
 */
export type MessageParam = string | number | TextInLanguages | Message | readonly Message[];

/** Text written in each language by a library with its own translations, such as zod's issue messages. */
export interface TextInLanguages {
  texts: Readonly<Record<Language, string>>;
}
export type MessageParams = Readonly<Record<string, MessageParam>>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** A message to translate later, so stored notices follow a language switch. */
export interface Message {
  key: MessageKey;
  params?: MessageParams;
  /** Text shown when neither the language's template nor the English one can be filled, such as the engine's English sentence. */
  fallback?: string;
}

/** An error whose text is translated where it is shown. Its `message` is the English text, for logs. */
export class TranslatableError extends Error {
  constructor(readonly text: Message) {
    super(translate('en', text.key, text.params));
  }
}

/**
 * Fills a message's {placeholders}. Returns null when a placeholder has no value,
 * so callers can fall back to other text instead of showing braces.
 */
function fill(language: Language, template: string, params: MessageParams): string | null {
  let missing = false;
  const text = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    if (!(name in params)) missing = true;
    return paramText(language, params[name] ?? '');
  });
  return missing ? null : text;
}

function paramText(language: Language, value: MessageParam): string {
  if (typeof value !== 'object') return String(value);
  if ('texts' in value) return value.texts[language];
  if ('key' in value) return translateMessage(language, value);
  return value.map((message) => translateMessage(language, message)).join(translate(language, 'list.separator'));
}

export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  return translateMessage(language, { key, params });
}

/** Translates a message, falling back to its English template, then to its fallback text. */
export function translateMessage(language: Language, message: Message): string {
  const { key, params = {} } = message;
  return fill(language, dictionaries[language][key], params) ?? fill(language, en[key], params) ?? message.fallback ?? en[key];
}

export function translatorFor(language: Language): Translate {
  return (key, params) => translate(language, key, params);
}

/** Returns the message of a diagnostic: its code's key, and its details with the node and port. */
export function diagnosticMessage(diagnostic: Diagnostic): Message {
  const key = diagnosticKey(diagnostic);
  const reason = reasonMessage(diagnostic);
  // A diagnostic moved onto a module node names its inner node, such as "sig/e", because `details.kind` is that node's kind.
  const { innerNode } = diagnostic.details;
  const node = typeof innerNode === 'string' ? innerNode : diagnostic.nodeId;
  const portTypes: MessageParams = diagnostic.code === 'type-mismatch' ? { expected: portTypeParam(diagnostic.details.expected), found: portTypeParam(diagnostic.details.found) } : {};
  return {
    key,
    params: { ...diagnostic.details, ...portTypes, ...(reason ? { reason } : {}), node, ...(diagnostic.port ? { port: diagnostic.port } : {}) },
  };
}

/** Returns a port type, "tensor" or "labels", as a message, so its word follows the language; any other value stays as it is. */
export function portTypeParam(type: unknown): MessageParam {
  if (type === 'tensor') return { key: 'portType.tensor' };
  if (type === 'labels') return { key: 'portType.labels' };
  return String(type ?? '');
}

/**
 * Returns the message key of a diagnostic: its code's, or a non-finite
 * diagnostic's own key for a source node or a float32 overflow. Typed as
 * MessageKey, so a diagnostic code without a message fails to compile.
 */
function diagnosticKey(diagnostic: Diagnostic): MessageKey {
  if (diagnostic.code === 'non-finite-value' && diagnostic.details.source === 'yes') return 'diagnostic.non-finite-source';
  if (diagnostic.code === 'cycle' && diagnostic.details.onCycle === 'no') return 'diagnostic.cycle-downstream';
  if (diagnostic.code === 'cycle' && diagnostic.details.edge === undefined) return 'diagnostic.cycle-unnamed';
  if (diagnostic.details.cause === 'overflow') {
    return diagnostic.code === 'non-finite-gradient' ? 'diagnostic.non-finite-gradient-overflow' : 'diagnostic.non-finite-value-overflow';
  }
  return `diagnostic.${diagnostic.code}`;
}

/** Translates a diagnostic by its code and details, falling back to the engine's English message. */
export function translateDiagnostic(language: Language, diagnostic: Diagnostic): string {
  const { key, params } = diagnosticMessage(diagnostic);
  return fill(language, dictionaries[language][key], params ?? {}) ?? diagnostic.message;
}

export function kindGloss(language: Language, kind: string): string | undefined {
  return glosses[language][kind];
}

/** Picks zh-CN when any preferred language is Chinese (zh, zh-TW, zh-Hans, …), else English. */
export function detectLanguage(preferred: readonly string[]): Language {
  return preferred.some((tag) => /^zh\b/i.test(tag)) ? 'zh-CN' : 'en';
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}
