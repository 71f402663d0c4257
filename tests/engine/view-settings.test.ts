import { describe, expect, test } from 'vitest';
import { serializeDocument, type GraphDocument, type ViewSettings } from '../../src/engine/document';
import { decodeLink, encodeLink } from '../../src/engine/link';
import { loadDocumentText, loadDocumentValue } from '../../src/engine/load';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';

const SAVED: ViewSettings = {
  knn: { points: [[-0.7, 0.6, 0], [0.25, -0.4, 2], [1.05, -1.1, 1]], k: 3, metric: 'l2' },
  race: { learningRates: { sgd: 0.5, momentum: 0.1, nesterov: 0.1, adagrad: 0.6, rmsprop: 0.05, adam: 1e-3 } },
  bump: { target: 'step', count: 3, heights: [-0.5, 1.25, 1] },
};

function withViews(presetId: string, views: unknown): GraphDocument {
  return { ...findPreset(presetId)!.build(), views } as GraphDocument;
}

/** Loads a document given as data and returns its errors, failing when it loads. */
function errorsOf(document: unknown): string[] {
  const result = loadDocumentValue(document, registry);
  if (result.ok) expect.fail('document should be rejected');
  return result.errors;
}

describe('view settings in documents and links', () => {
  test('file keeps view settings', () => {
    const document = withViews('knn', SAVED);
    const result = loadDocumentText(serializeDocument(document), registry);
    if (!result.ok) expect.fail(result.errors.join(' '));
    expect(result.document.views).toStrictEqual(SAVED);
  });

  test('link keeps view settings', () => {
    const views: ViewSettings = { ...SAVED, knn: { ...SAVED.knn!, points: [...SAVED.knn!.points, [-0, 0.5, 1]] } };
    const result = decodeLink(encodeLink(withViews('optimizer-race', views)), registry);
    if (!result.ok) expect.fail(result.message);
    expect(result.document.views).toStrictEqual(views);
    expect(Object.is(result.document.views!.knn!.points[3][0], -0)).toBe(true);
  });

  test('link without views', () => {
    const result = decodeLink(encodeLink(findPreset('knn')!.build()), registry);
    if (!result.ok) expect.fail(result.message);
    expect(result.document.views).toBeUndefined();
  });

  test.each([
    ['a class the plot does not have', { knn: { points: [[0, 0, 3]], k: 1, metric: 'l1' } }, 'views.knn.points[0][2]'],
    ['k of 0', { knn: { points: [[0, 0, 1]], k: 0, metric: 'l1' } }, 'views.knn.k'],
    ['k above 15', { knn: { points: [[0, 0, 1]], k: 16, metric: 'l1' } }, 'views.knn.k'],
    ['an unknown distance', { knn: { points: [[0, 0, 1]], k: 1, metric: 'l3' } }, 'views.knn.metric'],
    ['no points', { knn: { points: [], k: 1, metric: 'l1' } }, 'views.knn.points'],
    ['1,001 points', { knn: { points: Array.from({ length: 1001 }, () => [0, 0, 1]), k: 1, metric: 'l1' } }, 'views.knn.points'],
    ['a point far outside the plot', { knn: { points: [[1e300, 0, 1]], k: 1, metric: 'l1' } }, 'views.knn.points[0][0]'],
    ['a negative learning rate', { race: { learningRates: { ...SAVED.race!.learningRates, adam: -0.1 } } }, 'views.race.learningRates.adam'],
    ['a missing optimizer', { race: { learningRates: { sgd: 0.5 } } }, 'views.race.learningRates'],
    ['an unknown bump curve', { bump: { target: 'cosine', count: 6 } }, 'views.bump.target'],
    ['41 bumps', { bump: { target: 'sine', count: 41 } }, 'views.bump.count'],
    ['a bump height beyond 10', { bump: { target: 'sine', count: 1, heights: [11] } }, 'views.bump.heights[0]'],
    ['fewer heights than bumps', { bump: { target: 'sine', count: 3, heights: [0, 1] } }, 'views.bump'],
    ['an unknown view', { warp: {} }, 'views'],
  ])('rejects %s and names where', (_name, views, path) => {
    const errors = errorsOf(JSON.parse(serializeDocument(withViews('knn', views))));
    expect(errors.join(' ')).toContain(path);
  });
});
