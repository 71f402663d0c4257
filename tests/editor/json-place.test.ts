import { describe, expect, test } from 'vitest';
import { loadDocumentText } from '../../src/engine/load';
import { withJsonErrorPlace } from '../../src/editor/i18n/json-error-text';
import { jsonSyntaxErrorOffset, jsonSyntaxErrorPlace } from '../../src/editor/i18n/json-place';
import { translateLoadProblem } from '../../src/editor/i18n/load-problem-text';
import { registry } from '../../src/nodes';

describe('JSON syntax error place', () => {
  // Offsets counted by hand from 0; line and column from 1.
  test.each([
    ['trailing comma in object', '{"a": 1,}', 8, 1, 9],
    ['trailing comma in array', '[1, 2,]', 6, 1, 7],
    ['trailing comma on its own line', '[\n  1,\n  2,\n]', 12, 4, 1],
    ['trailing comma before a closing brace', '{\n  "a": 1,\n}', 12, 3, 1],
    ['missing comma in object', '{"a": 1 "b": 2}', 8, 1, 9],
    ['missing comma in array', '[1 2]', 3, 1, 4],
    ['missing colon', '{"a" 1}', 5, 1, 6],
    ['unclosed string', '{"a": "abc', 10, 1, 11],
    ['unclosed string on line 2', '{\n"a": "ab}', 11, 2, 10],
    ['unclosed array', '[1, 2', 5, 1, 6],
    ['leading zero', '{"a": 01}', 7, 1, 8],
    ['misspelt literal', '{"a": tru}', 9, 1, 10],
    ['bad escape', '"\\x"', 2, 1, 3],
    ['tab inside a string', '"a\tb"', 2, 1, 3],
    ['short unicode escape', '"\\u12"', 5, 1, 6],
    ['exponent without digits', '1e', 2, 1, 3],
    ['text after the value', '{} x', 3, 1, 4],
    ['empty text', '', 0, 1, 1],
  ])('%s', (_name, text, offset, line, column) => {
    expect(jsonSyntaxErrorOffset(text), 'offset').toBe(offset);
    expect(jsonSyntaxErrorPlace(text), 'place').toEqual({ line, column });
  });

  test.each([
    ['nested values', '{"a": [1, -2.5e3, 0.5E+2, true, false, null, "x\\u00e9\\n\\""], "b": {}}'],
    ['whitespace around', ' \r\n\t[ ] \n'],
    ['a lone string', '"text"'],
  ])('valid JSON has no place: %s', (_name, text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonSyntaxErrorOffset(text)).toBeNull();
  });

  test('deep nesting scans without recursion', () => {
    const depth = 200_000;
    expect(jsonSyntaxErrorOffset('['.repeat(depth) + ']'.repeat(depth))).toBeNull();
    expect(jsonSyntaxErrorOffset('['.repeat(depth))).toBe(depth);
  });

  test('offsets agree with V8 where it gives one', () => {
    const texts = ['{"a": 1,}', '{"a": 1 "b": 2}', '{"a": "abc', '{\n  "a": 1,\n}', '{"a": 01}', '{"a" 1}', '[1, 2', '{"a": 1,, "b": 2}'];
    for (const text of texts) {
      let message = '';
      try {
        JSON.parse(text);
      } catch (error) {
        message = (error as Error).message;
      }
      const position = /at position (\d+)/.exec(message);
      if (position) expect(jsonSyntaxErrorOffset(text), `${JSON.stringify(text)}: ${message}`).toBe(Number(position[1]));
    }
  });
});

describe('load error names the JSON place', () => {
  test('array trailing comma in both languages', () => {
    const text = '{\n  "format": "backprop-studio-graph",\n  "nodes": [1,]\n}';
    const result = loadDocumentText(text, registry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [problem] = withJsonErrorPlace(result.problems, text);

    // Line 3 is `  "nodes": [1,]`; the bracket after the comma is its 15th character.
    expect(problem?.details).toMatchObject({ line: 3, column: 15 });
    expect(translateLoadProblem('en', problem!, result.errors[0])).toContain('line 3 column 15');
    expect(translateLoadProblem('zh-CN', problem!, result.errors[0])).toContain('第 3 行第 15 列有语法错误');
  });

  test('valid JSON with a schema problem is unchanged', () => {
    const text = '{"format": "something else"}';
    const result = loadDocumentText(text, registry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(withJsonErrorPlace(result.problems, text)).toEqual(result.problems);
  });
});
