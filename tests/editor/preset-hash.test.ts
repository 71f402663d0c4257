import { describe, expect, test } from 'vitest';
import { chooseInitialDocument, presetIdFromHash } from '../../src/editor/store/initial-document';
import type { KeyValueStorage } from '../../src/editor/store/persistence';
import { findPreset } from '../../src/presets';

const emptyStorage: KeyValueStorage = { getItem: () => null, setItem: () => undefined };

describe('presetIdFromHash whitespace', () => {
  const cases: [name: string, hash: string, expected: string | null][] = [
    ['plain id', '#preset=knn', 'knn'],
    ['encoded space after', '#preset=knn%20', 'knn'],
    ['encoded space before', '#preset=%20knn', 'knn'],
    ['encoded line break after', '#preset=knn%0D%0A', 'knn'],
    ['zero-width space after', '#preset=knn%E2%80%8B', 'knn'],
    ['whitespace around hash', ' #preset=knn\n', 'knn'],
    ['inner space kept', '#preset=a%20b', 'a b'],
    ['only whitespace', '#preset=%20%20', null],
    ['malformed escape kept', '#preset=knn%zz', 'knn%zz'],
    ['other parameter', '#preset=knn&x=1', null],
  ];
  test.each(cases)('%s', (_name, hash, expected) => {
    expect(presetIdFromHash(hash)).toBe(expected);
  });
});

describe('initial preset with whitespace', () => {
  test('knn with encoded space opens', () => {
    const initial = chooseInitialDocument('#preset=knn%20', emptyStorage);
    expect(initial.notices).toStrictEqual([]);
    expect(initial.presetId).toBe('knn');
    expect(initial.document).toStrictEqual(findPreset('knn')!.build());
  });
});
