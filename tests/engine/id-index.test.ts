import { describe, expect, test } from 'vitest';
import { IdIndex } from '../../src/engine/id-index';

describe('id index', () => {
  test('finds every id of a large graph', () => {
    const ids = Array.from({ length: 20_000 }, (_unused, index) => `l${index % 7}n${index}`);
    const index = new IdIndex(ids);

    const wrong = ids.filter((id, position) => index.get(id) !== position);
    expect(wrong).toEqual([]);
  });

  test('unknown ids return undefined', () => {
    const index = new IdIndex(['a', 'b', 'ab']);

    expect(index.get('ba')).toBeUndefined();
    expect(index.get('')).toBeUndefined();
    expect(index.get('a ')).toBeUndefined();
  });

  test('last of duplicate ids wins', () => {
    const index = new IdIndex(['x', 'y', 'x']);

    expect(index.get('x')).toBe(2);
    expect(index.get('y')).toBe(1);
  });

  test('ids differing outside ASCII stay apart', () => {
    const ids = ['权重', '权量', 'w₁', 'w₂', '😀a', '😀b', ''];
    const index = new IdIndex(ids);

    expect(ids.map((id) => index.get(id))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  test('empty node list finds nothing', () => {
    expect(new IdIndex([]).get('a')).toBeUndefined();
  });
});
