import { describe, expect, test } from 'vitest';
import { decodeLink } from '../../src/engine/link';
import { isLinkHash, lectureModeOf, openLink } from '../../src/editor/share/open-link';
import { defaultShareOptions, shareFragment, type ShareInput } from '../../src/editor/share/share-link';
import { createEditorStore, normalMode } from '../../src/editor/store/store';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';

const backend = { name: 'wasm' as const, reason: 'test', reasonCode: 'node' as const };

function readyStore(preset = 'add-mul') {
  const store = createEditorStore();
  store.getState().setBackendReady(backend, null);
  store.getState().loadPreset(preset);
  return store;
}

/** Decodes a fragment the share dialog wrote; a failure to decode fails the test with the link's message. */
function decoded(fragment: string) {
  const result = decodeLink(fragment, registry);
  if (!result.ok) throw new Error(`the share link did not decode: ${result.message}`);
  return result;
}

function input(overrides: Partial<ShareInput> = {}): ShareInput {
  return { document: findPreset('add-mul')!.build(), cursor: 4, weights: null, ...overrides };
}

describe('share links', () => {
  test('plain link carries only the graph', () => {
    const link = decoded(shareFragment(input(), defaultShareOptions));

    expect(link.document.nodes.map((node) => node.id)).toEqual(['x', 'y', 'z', 'q', 'f']);
    expect(link.view).toBeUndefined();
    expect(link.lecture).toBeUndefined();
  });

  test('lecture options and timeline travel', () => {
    const options = { ...defaultShareOptions, includeTimeline: true, hidePalette: true, lockEditing: true, autoplay: true };
    const link = decoded(shareFragment(input(), options));

    expect(link.view).toEqual({ cursor: 4 });
    expect(link.lecture).toEqual({ hidePalette: true, lockEditing: true, autoplay: true, startStep: 4 });
  });

  test('trained weights replace parameter values', () => {
    const document = findPreset('matmul-example')!.build();
    const weights = { W: { shape: [2, 3], data: [6, 5, 4, 3, 2, 1] } };
    const link = decoded(shareFragment(input({ document, weights }), { ...defaultShareOptions, includeWeights: true }));

    const W = link.document.nodes.find((node) => node.id === 'W');
    expect(W?.params.value).toEqual({ shape: [2, 3], data: [6, 5, 4, 3, 2, 1] });
  });

  test('weights stay out unless requested', () => {
    const document = findPreset('matmul-example')!.build();
    const weights = { W: { shape: [2, 3], data: [6, 5, 4, 3, 2, 1] } };
    const link = decoded(shareFragment(input({ document, weights }), defaultShareOptions));

    const W = link.document.nodes.find((node) => node.id === 'W');
    expect(W?.params.value).toEqual({ shape: [2, 3], data: [1, 2, 3, 4, 5, 6] });
  });

  test('link hashes are told from presets', () => {
    expect(isLinkHash('#graph=AQID')).toBe(true);
    expect(isLinkHash('#preset=add-mul')).toBe(false);
    expect(isLinkHash('')).toBe(false);
  });

  test('link panels map to the store', () => {
    expect(lectureModeOf(undefined)).toEqual(normalMode);
    expect(lectureModeOf({ hidePanels: true, lockEditing: true })).toEqual({ ...normalMode, hideSidePanels: true, lockEditing: true });
  });
});

describe('opening links', () => {
  test('link loads graph, lock and position', () => {
    const store = readyStore('sigmoid-neuron');
    const options = { ...defaultShareOptions, includeTimeline: true, lockEditing: true };
    openLink(store, `#${shareFragment(input({ cursor: 3 }), options)}`);

    const state = store.getState();
    expect(state.document.nodes.map((node) => node.id)).toEqual(['x', 'y', 'z', 'q', 'f']);
    expect(state.lecture.lockEditing).toBe(true);
    expect(state.cursor).toBe(3);
    expect(state.playing).toBe(false);
  });

  test('autoplay starts at its step once computed', () => {
    const store = createEditorStore();
    const options = { ...defaultShareOptions, includeTimeline: true, autoplay: true };
    openLink(store, `#${shareFragment(input({ cursor: 2 }), options)}`);
    // The backend starts after the link opened, as it does on a page load.
    expect(store.getState().playing).toBe(false);

    store.getState().setBackendReady(backend, null);
    expect(store.getState().cursor).toBe(2);
    expect(store.getState().playing).toBe(true);
  });

  test('corrupt link keeps the graph', () => {
    const store = readyStore('sigmoid-neuron');
    const before = store.getState().document;
    const fragment = shareFragment(input(), defaultShareOptions);
    const corrupted = fragment.slice(0, 20) + (fragment[20] === 'A' ? 'B' : 'A') + fragment.slice(21);

    const result = openLink(store, `#${corrupted}`);

    expect(result.ok).toBe(false);
    expect(store.getState().document).toBe(before);
    expect(store.getState().loadError?.messages.join(' ')).toMatch(/corrupt/i);
  });

  test('opening a link is one undo step', () => {
    const store = readyStore('sigmoid-neuron');
    openLink(store, `#${shareFragment(input(), defaultShareOptions)}`);

    store.getState().undo();
    expect(store.getState().document.nodes.map((node) => node.id)).toContain('w0');
  });
});
