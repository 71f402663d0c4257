import zodEnglish from 'zod/v4/locales/en.js';
import zodChinese from 'zod/v4/locales/zh-CN.js';
import type { LoadProblem, SchemaIssueFields } from '../../engine/load-problems';
import type { LoadError } from '../store/store';
import type { MessageKey } from './en';
import { cycleProblemMessage } from './cycle-problem-text';
import { jsonErrorParam, storedJsonErrorPlace } from './json-error-text';
import { linkLayoutMessage } from './link-layout-text';
import { translate, translateMessage, type Language, type Message, type TextInLanguages } from './translate';

/** zod's locale error maps, which write a schema issue in a language. */
const zodLocales: Readonly<Record<Language, ReturnType<typeof zodEnglish>['localeError']>> = {
  en: zodEnglish().localeError,
  'zh-CN': zodChinese().localeError,
};

/**
 * Message keys for the rules that schema.ts checks with `refine`, by their
 * English message, because zod's locales know only zod's own checks.
 */
const schemaRuleKeys: Readonly<Record<string, MessageKey>> = {
  'must be a finite number': 'loadProblem.rule.finite',
  'must not be "__proto__"': 'loadProblem.rule.proto',
  'heights must have one number per bump': 'loadProblem.rule.bumpHeights',
  'must be positive': 'loadProblem.rule.positive',
};

/** Maximum length of a field path or schema message shown in full, as in load.ts. */
const MAX_QUOTED_CHARS = 200;

function cut(text: string): string {
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text;
}

/**
 * Writes a schema issue in `language`: a rule of schema.ts from this app's
 * messages, any other issue with zod's locale error map. English keeps zod's
 * message as the engine stored it. Falls back to that English message.
 */
export function schemaIssueText(language: Language, issue: SchemaIssueFields): string {
  if (language === 'en') return issue.message;
  if (issue.code === 'custom') {
    const key = schemaRuleKeys[issue.message];
    const modules = /^must define at most (\d+) modules$/.exec(issue.message);
    if (key) return translate(language, key);
    if (modules) return translate(language, 'loadProblem.rule.maxModules', { max: Number(modules[1]) });
    return issue.message;
  }
  const formatted = zodLocales[language](issue as unknown as Parameters<(typeof zodLocales)['en']>[0]);
  if (typeof formatted === 'string') return formatted;
  return formatted?.message ?? issue.message;
}

/** Translates a load problem, with `english`, the engine's sentence, as the fallback. */
export function translateLoadProblem(language: Language, problem: LoadProblem, english: string): string {
  return translateMessage(language, loadProblemMessage(problem, english));
}

/** Returns the lines of a load error in `language`, falling back to the English sentence of a line without a code. */
export function loadErrorLines(language: Language, error: LoadError): string[] {
  return error.messages.map((english, index) => {
    const problem = error.problems?.[index];
    if (!problem) return english;
    if ('key' in problem) return translateMessage(language, { ...problem, fallback: problem.fallback ?? english });
    return translateLoadProblem(language, problem, english);
  });
}

/** Returns the name shown in a load error's title: the file's name, or a translated message such as "share link". */
export function loadErrorName(language: Language, error: LoadError): string {
  return typeof error.fileName === 'string' ? error.fileName : translateMessage(language, error.fileName);
}

/**
 * Returns a load problem as a message, such as for a notice, which stores
 * messages rather than load problems. A schema issue is formatted here once
 * per language, because a message's parameters cannot call zod's locales.
 * A problem inside a module's definition starts with the module's name.
 */
export function loadProblemMessage(problem: LoadProblem | null, english: string): Message {
  if (!problem) return { key: 'loadProblem.text', params: { text: english } };
  if (problem.module === undefined) return problemMessage(problem, english);
  const prefix = `Module "${problem.module}": `;
  const inner = problemMessage(problem, english.startsWith(prefix) ? english.slice(prefix.length) : english);
  return { key: 'loadProblem.inModule', params: { module: problem.module, problem: inner }, fallback: english };
}

/** Returns the message of a load problem's own sentence, without the module that contains it. */
function problemMessage(problem: LoadProblem, english: string): Message {
  if (problem.code === 'link-layout' && problem.layout) {
    return { key: 'loadProblem.link-layout', params: { problem: linkLayoutMessage(problem.layout) }, fallback: english };
  }
  if (problem.code === 'cycle' || problem.code === 'self-loop') return cycleProblemMessage(problem, english);
  if (problem.code === 'invalid-json' && typeof problem.details.message === 'string') {
    return { key: 'loadProblem.invalid-json', params: { ...problem.details, message: jsonErrorParam(problem.details.message, storedJsonErrorPlace(problem.details)) }, fallback: english };
  }
  if (problem.code !== 'schema' || !problem.issue) {
    // The engine previews a missing value as "nothing", without the quotes a JSON string gets.
    const params = problem.details.found === 'nothing' ? { ...problem.details, found: { key: 'linkLayout.type.missing' as const } } : problem.details;
    return { key: `loadProblem.${problem.code}`, params, fallback: english };
  }

  const { field, ownerList, owner } = problem.details;
  const issue = problem.issue;
  return {
    key: 'loadProblem.schema',
    params: {
      field: field ? String(field) : { key: 'loadProblem.documentField' },
      owner: ownerList === 'node' || ownerList === 'edge' ? { key: `loadProblem.owner.${ownerList}`, params: { owner: ownerParam(String(owner)) } } : '',
      issue: { texts: { en: cut(schemaIssueText('en', issue)), 'zh-CN': cut(schemaIssueText('zh-CN', issue)) } },
    },
    fallback: english,
  };
}

/**
 * Returns the id of a field's node or edge, which the engine stores as a JSON
 * string literal, quoted as each language quotes names: "id" in English and
 * “id” in Chinese. An id with control characters keeps its JSON escapes in both.
 */
function ownerParam(owner: string): TextInLanguages {
  // The Chinese template puts no space before the id, because “id” needs none, but the JSON form does.
  let chinese = ` ${owner}`;
  try {
    const id: unknown = JSON.parse(owner);
    if (typeof id === 'string' && !/[\u0000-\u001f]/.test(id)) chinese = `“${id}”`;
  } catch {
    // Not a JSON string literal: show it as it is.
  }
  return { texts: { en: owner, 'zh-CN': chinese } };
}

/**
 * Returns the errors of a failed load as one message: each error's sentence
 * in the reader's language, separated as the language separates sentences.
 * `problems` has the code of each error, in the order of `errors`.
 */
export function loadFailureMessage(errors: readonly string[], problems: readonly (LoadProblem | null)[]): Message {
  const lines = errors.map((english, index) => loadProblemMessage(problems[index] ?? null, english));
  if (lines.length === 0) return { key: 'loadProblem.text', params: { text: '' } };
  return lines.reduceRight((rest, line) => ({ key: 'loadProblem.join', params: { first: line, rest } }));
}
