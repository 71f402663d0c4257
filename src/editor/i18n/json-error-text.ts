import type { MessageParam } from './translate';

/**
 * Writes in Chinese where a JSON parser's English message places a syntax
 * error: the line and column, the character, or the text's early end. V8
 * writes "… in JSON at position 9", which Chromium 150 follows with
 * "(line 3 column 1)", or "Unexpected end of JSON input". A message that
 * names none of them becomes a plain "syntax error".
 */
export function jsonErrorInChinese(message: string): string {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return `第 ${lineColumn[1]} 行第 ${lineColumn[2]} 列有语法错误`;
  const position = /at position (\d+)/.exec(message);
  // V8 counts positions from 0.
  if (position) return `第 ${Number(position[1]) + 1} 个字符处有语法错误`;
  if (/end of JSON input/i.test(message)) return '内容在中途结束';
  return '有语法错误';
}

/** Returns a JSON parser's message as a message parameter: the parser's English, or its place in Chinese. */
export function jsonErrorParam(message: string): MessageParam {
  return { texts: { en: message, 'zh-CN': jsonErrorInChinese(message) } };
}
