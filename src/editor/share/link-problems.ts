import type { DecodeLinkResult } from '../../engine/link';
import type { LoadProblem } from '../../engine/load-problems';
import { jsonSyntaxErrorOffset, placeOfOffset } from '../i18n/json-place';
import type { Message, TextInLanguages } from '../i18n/translate';
import { linkJsonText } from '../../engine/link-text';

type LinkFailure = Extract<DecodeLinkResult, { ok: false }>;

/** Characters that would be invisible or ambiguous between quotes, by the message key of their name. */
const NAMED_CHARACTERS: Readonly<Record<string, Message['key']>> = {
  ' ': 'share.character.space',
  '\t': 'share.character.tab',
  '\n': 'share.character.lineBreak',
  '\r': 'share.character.lineBreak',
};

/** Whitespace, format and control characters other than the named ones, which are shown by code point. */
const INVISIBLE = /^[\p{White_Space}\p{Cf}\p{Cc}]$/u;

/**
 * Names one character in both languages: a space, tab or line break by its
 * name, another invisible character by its code point, such as U+200B, and
 * any other character in each language's quotes. Undefined is the end of the text.
 */
export function characterParam(character: string | undefined): Message | TextInLanguages {
  if (character === undefined) return { key: 'share.character.end' };
  const named = NAMED_CHARACTERS[character];
  if (named) return { key: named };
  if (INVISIBLE.test(character)) {
    const codePoint = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    return { key: 'share.character.invisible', params: { codePoint } };
  }
  return { texts: { en: `"${character}"`, 'zh-CN': `“${character}”` } };
}

/** Returns the message for a character outside a link's alphabet at a 1-based position of its data. */
export function badCharacterMessage(character: string, position: number, fallback: string): Message {
  return { key: 'share.badCharacter', params: { character: characterParam(character), position }, fallback };
}

/**
 * Returns the message for JSON text in a link that the parser rejected,
 * naming the line, column and character of the first syntax error, or null
 * when the text is valid JSON after all.
 */
export function jsonSyntaxMessage(text: string, parserMessage: string, fallback: string): Message | null {
  const offset = jsonSyntaxErrorOffset(text);
  if (offset === null) return null;
  const { line, column } = placeOfOffset(text, offset);
  // Code points, not UTF-16 units, so a character outside the BMP is named whole.
  const character = offset < text.length ? String.fromCodePoint(text.codePointAt(offset)!) : undefined;
  // The Chinese message leaves out the parser's English text, because the line and column already give the place.
  const parserNote = { texts: { en: ` (${parserMessage})`, 'zh-CN': '' } };
  return { key: 'share.jsonSyntax', params: { line, column, character: characterParam(character), parserNote }, fallback };
}

/** Reads the character that the engine stores as a JSON string literal. */
function storedCharacter(stored: unknown): string {
  try {
    const character: unknown = JSON.parse(String(stored));
    if (typeof character === 'string') return character;
  } catch {
    // Not a JSON string literal: name it as stored.
  }
  return String(stored);
}

/**
 * Returns the problems of a link that did not open, for the load-error panel.
 * A bad character is named as a reader sees it, and a syntax error in the
 * link's JSON text by its line, column and character. Other problems stay
 * as the engine reported them.
 */
export function linkProblems(link: string, failure: LinkFailure): (LoadProblem | Message | null)[] {
  return failure.problems.map((problem, index) => {
    const english = failure.errors[index];
    if (problem?.code === 'link-bad-character') {
      return badCharacterMessage(storedCharacter(problem.details.character), Number(problem.details.position), english);
    }
    if (problem?.code === 'link-layout' && problem.layout?.code === 'json') {
      const text = linkJsonText(link);
      const message = text === null ? null : jsonSyntaxMessage(text, String(problem.layout.details.message), english);
      return message ?? problem;
    }
    return problem;
  });
}
