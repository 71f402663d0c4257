import { describe, expect, test } from 'vitest';
import { TranslatableError, translate } from '../../src/editor/i18n/translate';
import { DatasetSource } from '../../src/editor/training/data-source';

const noMnist = () => Promise.reject(new Error('no MNIST in this test'));

/** Invalid CSV texts with their English and Chinese messages, written out by hand. */
const invalidCsvCases: [string, string, string, string][] = [
  ['not a number', '1, 2, 0\n1, x, 1\n', 'Line 2, column 2: "x" is not a number.', '第 2 行第 2 列：“x”不是数字。'],
  ['one class', '1, 2, 0\n3, 4, 0\n', 'Every label is 0; the CSV needs at least two classes, such as labels 0 and 1.', '所有标签都是 0；CSV 至少需要两个类别，例如标签 0 和 1。'],
];

describe('DatasetSource', () => {
  // A file or share link can carry CSV text that the CSV box never applied.
  test.each(invalidCsvCases)('invalid CSV (%s) is translatable', async (_name, csv, english, chinese) => {
    const source = new DatasetSource(noMnist);
    const error: unknown = await source.load({ name: 'csv', csv }, () => {}).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TranslatableError);
    const { key, params } = (error as TranslatableError).text;
    expect(translate('en', key, params)).toBe(english);
    expect(translate('zh-CN', key, params)).toBe(chinese);
  });
});
