import { describe, expect, test } from 'vitest';
import { loadDocumentValue } from '../../src/engine/load';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { WHOLE_NUMBER_MAXIMUM, wholeNumberProblem, type WholeNumberSetting } from '../../src/editor/training/settings';

/** Loads linear-softmax with one training setting changed, as its autosave, file or share link would after the panel accepted it. */
function loadWith(field: WholeNumberSetting, value: number): string[] {
  const document = findPreset('linear-softmax')!.build();
  const changed = { ...document, training: { ...document.training!, [field]: value } };
  const loaded = loadDocumentValue(JSON.parse(JSON.stringify(changed)), registry);
  return loaded.ok ? [] : loaded.errors;
}

describe('training panel limits', () => {
  test.each(['batchSize', 'epochs', 'seed'] as const)('largest %s the panel takes loads', (field) => {
    const largest = WHOLE_NUMBER_MAXIMUM[field];

    expect(wholeNumberProblem(field, largest)).toBeNull();
    expect(loadWith(field, largest)).toEqual([]);
  });

  test('batch size of 1,000,000 loads', () => {
    expect(wholeNumberProblem('batchSize', 1_000_000)).toBeNull();
    expect(loadWith('batchSize', 1_000_000)).toEqual([]);
  });

  test('epochs above 100,000 rejected', () => {
    expect(wholeNumberProblem('epochs', 100_001)).toEqual({ key: 'training.invalidWholeRange', params: { min: 1, max: 100_000 } });
    expect(loadWith('epochs', 100_000)).toEqual([]);
    expect(loadWith('epochs', 100_001)).not.toEqual([]);
  });
});
