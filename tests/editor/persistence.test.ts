import { afterEach, describe, expect, test, vi } from 'vitest';
import { chooseInitialDocument } from '../../src/editor/store/initial-document';
import { AUTOSAVE_DELAY_MS, graphFingerprint, readViewport, startAutosave, startEditorSettings, storageKeys, writeViewport } from '../../src/editor/store/persistence';
import { createEditorStore } from '../../src/editor/store/store';
import { serializeDocument } from '../../src/engine/document';
import { encodeLink } from '../../src/engine/link';
import { findPreset } from '../../src/presets';
import { memoryStorage } from '../helpers/editor';

const viewportText = (value: unknown) => ({ [storageKeys.viewport]: JSON.stringify(value) });
const addMul = findPreset('add-mul')!.build();
const sigmoidNeuron = findPreset('sigmoid-neuron')!.build();
/** A saved viewport at x 10, y 20, zoom 0.5 for the graph of the preset `id`. */
const savedFor = (id: string) => viewportText({ x: 10, y: 20, zoom: 0.5, graph: graphFingerprint(findPreset(id)!.build()) });

describe('saved viewport', () => {
  test('round trip keeps pan and zoom', () => {
    const storage = memoryStorage();

    writeViewport(storage, { x: -120.5, y: 48, zoom: 1.75 }, addMul);

    expect(readViewport(storage, addMul)).toEqual({ x: -120.5, y: 48, zoom: 1.75 });
  });

  test('viewport of another graph reads as null', () => {
    const storage = memoryStorage();

    writeViewport(storage, { x: -120.5, y: 48, zoom: 1.75 }, addMul);

    expect(readViewport(storage, sigmoidNeuron)).toBeNull();
  });

  test('missing viewport reads as null', () => {
    expect(readViewport(memoryStorage(), addMul)).toBeNull();
  });

  test('malformed viewports read as null', () => {
    const malformed: Record<string, string>[] = [
      { [storageKeys.viewport]: '{not json' },
      viewportText(null),
      viewportText([1, 2, 3]),
      viewportText({ x: '10', y: 0, zoom: 1, graph: graphFingerprint(addMul) }),
      viewportText({ x: 0, y: 0, graph: graphFingerprint(addMul) }),
      viewportText({ x: 0, y: 0, zoom: 0, graph: graphFingerprint(addMul) }),
      viewportText({ x: 0, y: 0, zoom: -1, graph: graphFingerprint(addMul) }),
      viewportText({ x: 0, y: 0, zoom: 1e9, graph: graphFingerprint(addMul) }),
      { [storageKeys.viewport]: `{"x": 1e999, "y": 0, "zoom": 1, "graph": "${graphFingerprint(addMul)}"}` },
      viewportText({ x: 0, y: 0, zoom: 1 }),
    ];
    for (const entries of malformed) expect(readViewport(memoryStorage(entries), addMul), entries[storageKeys.viewport]).toBeNull();
  });

  test('autosave brings its viewport', () => {
    const storage = memoryStorage({
      [storageKeys.document]: serializeDocument(findPreset('sigmoid-neuron')!.build()),
      ...savedFor('sigmoid-neuron'),
    });

    const initial = chooseInitialDocument('', storage);

    expect(initial.document.title).toBe(findPreset('sigmoid-neuron')!.build().title);
    expect(initial.viewport).toEqual({ x: 10, y: 20, zoom: 0.5 });
  });

  test('unchanged preset keeps its viewport', () => {
    const storage = memoryStorage({
      [storageKeys.document]: serializeDocument(findPreset('add-mul')!.build()),
      ...savedFor('add-mul'),
    });

    expect(chooseInitialDocument('#preset=add-mul', storage).viewport).toEqual({ x: 10, y: 20, zoom: 0.5 });
  });

  test('other preset hash fits instead', () => {
    const storage = memoryStorage({
      [storageKeys.document]: serializeDocument(findPreset('sigmoid-neuron')!.build()),
      ...savedFor('sigmoid-neuron'),
    });

    expect(chooseInitialDocument('#preset=add-mul', storage).viewport).toBeNull();
  });

  test('link to another graph fits instead', () => {
    const storage = memoryStorage({
      [storageKeys.document]: serializeDocument(findPreset('sigmoid-neuron')!.build()),
      ...savedFor('sigmoid-neuron'),
    });
    const link = `#${encodeLink(findPreset('add-mul')!.build())}`;

    expect(chooseInitialDocument(link, storage).viewport).toBeNull();
  });

  test('reloaded share link keeps its viewport', () => {
    const document = findPreset('add-mul')!.build();
    const storage = memoryStorage({ [storageKeys.document]: serializeDocument(document), ...savedFor('add-mul') });

    expect(chooseInitialDocument(`#${encodeLink(document)}`, storage).viewport).toEqual({ x: 10, y: 20, zoom: 0.5 });
  });

  test('autosave of another graph fits', () => {
    const storage = memoryStorage({ [storageKeys.document]: serializeDocument(sigmoidNeuron), ...savedFor('add-mul') });

    expect(chooseInitialDocument('', storage).viewport).toBeNull();
  });

  test('default preset fits', () => {
    expect(chooseInitialDocument('', memoryStorage(savedFor('add-mul'))).viewport).toBeNull();
  });
});

describe('editor settings', () => {
  test('saved settings load into the store', () => {
    const store = createEditorStore();
    const storage = memoryStorage({ [storageKeys.language]: 'zh-CN', [storageKeys.explanation]: 'closed', [storageKeys.speed]: '4' });

    startEditorSettings(store, storage, ['en-US']);

    expect(store.getState().language).toBe('zh-CN');
    expect(store.getState().explanationOpen).toBe(false);
    expect(store.getState().speed).toBe(4);
  });

  test('changes are saved', () => {
    const store = createEditorStore();
    const storage = memoryStorage();
    startEditorSettings(store, storage, ['en-US']);

    store.getState().setLanguage('zh-CN');
    store.getState().setExplanationOpen(false);
    store.getState().setSpeed(0.5);

    expect(storage.getItem(storageKeys.language)).toBe('zh-CN');
    expect(storage.getItem(storageKeys.explanation)).toBe('closed');
    expect(storage.getItem(storageKeys.speed)).toBe('0.5');
  });

  test('unknown saved values keep the defaults', () => {
    const store = createEditorStore();
    const storage = memoryStorage({ [storageKeys.explanation]: 'maybe', [storageKeys.speed]: '3' });

    startEditorSettings(store, storage, ['zh-TW', 'en']);

    expect(store.getState().explanationOpen).toBe(true);
    expect(store.getState().speed).toBe(1);
  });
});

describe('autosave', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('first document is saved without an edit', () => {
    vi.useFakeTimers();
    const document = findPreset('sigmoid-neuron')!.build();
    const store = createEditorStore({ document, presetId: 'sigmoid-neuron' });
    const storage = memoryStorage();

    startAutosave(store, storage, () => {});
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS);

    expect(storage.getItem(storageKeys.document)).toBe(serializeDocument(document));
    expect(storage.getItem(storageKeys.presetId)).toBe('sigmoid-neuron');
  });
});
