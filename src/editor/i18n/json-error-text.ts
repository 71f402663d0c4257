import type { LoadProblem } from '../../engine/load-problems';
import { jsonSyntaxErrorPlace, type TextPlace } from './json-place';
import type { MessageParam } from './translate';

const LINE_COLUMN = /line (\d+) column (\d+)/;

/**
 * Writes in Chinese where a JSON parser's English message places a syntax
 * error: the line and column, the character, or the text's early end. V8
 * writes "… in JSON at position 9", which Chromium 150 follows with
 * "(line 3 column 1)", or "Unexpected end of JSON input". For a message that
 * names no place, such as Chromium's "Unexpected token ']', … is not valid
 * JSON", `place` gives it; without one the message becomes a plain "syntax error".
 */
export function jsonErrorInChinese(message: string, place?: TextPlace): string {
  const lineColumn = LINE_COLUMN.exec(message);
  if (lineColumn) return `第 ${lineColumn[1]} 行第 ${lineColumn[2]} 列有语法错误`;
  const position = /at position (\d+)/.exec(message);
  // V8 counts positions from 0.
  if (position) return `第 ${Number(position[1]) + 1} 个字符处有语法错误`;
  if (/end of JSON input/i.test(message)) return '内容在中途结束';
  if (place) return `第 ${place.line} 行第 ${place.column} 列有语法错误`;
  return '有语法错误';
}

/** Returns the parser's English message, followed by `place` when the message names no line and column of its own. */
export function jsonErrorInEnglish(message: string, place?: TextPlace): string {
  if (!place || LINE_COLUMN.test(message) || /end of JSON input/i.test(message)) return message;
  return `${message} (line ${place.line} column ${place.column})`;
}

/** Returns a JSON parser's message as a message parameter: the parser's English, or its place in Chinese. */
export function jsonErrorParam(message: string, place?: TextPlace): MessageParam {
  return { texts: { en: jsonErrorInEnglish(message, place), 'zh-CN': jsonErrorInChinese(message, place) } };
}

/** Reads the line and column that withJsonErrorPlace stored in an invalid-json problem's details. */
export function storedJsonErrorPlace(details: LoadProblem['details']): TextPlace | undefined {
  const { line, column } = details;
  return typeof line === 'number' && typeof column === 'number' ? { line, column } : undefined;
}

/**
 * Returns `problems` with the line and column of the JSON syntax error in
 * `text` added to each invalid-json problem, which the parser's message may
 * lack. The scan runs only when such a problem is present.
 */
export function withJsonErrorPlace(problems: readonly (LoadProblem | null)[], text: string): (LoadProblem | null)[] {
  if (!problems.some((problem) => problem?.code === 'invalid-json')) return [...problems];
  const place = jsonSyntaxErrorPlace(text);
  if (!place) return [...problems];
  return problems.map((problem) => (problem?.code === 'invalid-json' ? { ...problem, details: { ...problem.details, ...place } } : problem));
}
