import { describe, expect, test } from 'vitest';
import { jsonErrorInChinese, jsonErrorInEnglish } from '../../src/editor/i18n/json-error-text';

describe('JSON syntax errors in Chinese', () => {
  test.each([
    ["Expected ',' or '}' after property value in JSON at position 12 (line 2 column 5)", '第 2 行第 5 列有语法错误'],
    ['Unexpected token } in JSON at position 7', '第 8 个字符处有语法错误'],
    ['Unexpected end of JSON input', '内容在中途结束'],
    ['something else went wrong', '有语法错误'],
  ])('%s', (message, chinese) => {
    expect(jsonErrorInChinese(message)).toBe(chinese);
  });

  test('this Node parser message has a Chinese place', () => {
    let message = '';
    try {
      JSON.parse('{"a": 1,, "b": 2}');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(jsonErrorInChinese(message)).toMatch(/^第 \d+ (行第 \d+ 列|个字符处)有语法错误$/);
  });

  test('message without a place takes the scanned one', () => {
    const chromium = 'Unexpected token \']\', "[1, 2,]" is not valid JSON';
    const place = { line: 1, column: 7 };

    expect(jsonErrorInChinese(chromium, place)).toBe('第 1 行第 7 列有语法错误');
    expect(jsonErrorInEnglish(chromium, place)).toBe(`${chromium} (line 1 column 7)`);
  });

  test('message with its own place keeps it', () => {
    const v8 = "Expected double-quoted property name in JSON at position 8 (line 1 column 9)";

    expect(jsonErrorInChinese(v8, { line: 5, column: 5 })).toBe('第 1 行第 9 列有语法错误');
    expect(jsonErrorInEnglish(v8, { line: 5, column: 5 })).toBe(v8);
  });
});
