import { describe, expect, test } from 'vitest';
import { parseNumber } from '../../src/editor/canvas/ValueField';

describe('parseNumber', () => {
  test.each([
    ['1', 1],
    ['-2.5', -2.5],
    ['+3', 3],
    ['.5', 0.5],
    ['5.', 5],
    ['1e-3', 0.001],
    ['2E3', 2000],
    ['\u22123', -3],
    ['  4  ', 4],
  ])('reads %s', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  test.each(['', ' ', '0x10', '0b11', '0o7', '1_000', 'abc', '1e', '--1', '1e999', 'Infinity', 'NaN', '1,5'])('rejects %j', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});
