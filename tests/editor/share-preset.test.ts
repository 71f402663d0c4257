import { describe, expect, test } from 'vitest';
import { decodeLink } from '../../src/engine/link';
import { openLink } from '../../src/editor/share/open-link';
import { defaultShareOptions, shareFragment } from '../../src/editor/share/share-link';
import { createEditorStore } from '../../src/editor/store/store';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';

const backend = { name: 'wasm' as const, reason: 'test', reasonCode: 'node' as const };

function readyStore() {
  const store = createEditorStore();
  store.getState().setBackendReady(backend, null);
  store.getState().loadPreset('add-mul');
  return store;
}

describe('share links and presets', () => {
  test('link reopens its lecture view', () => {
    const document = findPreset('optimizer-race')!.build();
    const fragment = shareFragment({ document, cursor: 0, weights: null, presetId: 'optimizer-race' }, defaultShareOptions);
    const store = readyStore();

    openLink(store, `#${fragment}`);

    expect(store.getState().presetId).toBe('optimizer-race');
    expect(store.getState().document.nodes.map((node) => node.id)).toEqual(document.nodes.map((node) => node.id));
  });

  test('link without preset opens none', () => {
    const document = findPreset('add-mul')!.build();
    const store = readyStore();

    openLink(store, `#${shareFragment({ document, cursor: 0, weights: null, presetId: null }, defaultShareOptions)}`);

    expect(store.getState().presetId).toBeNull();
  });

  test('unknown preset in a link is ignored', () => {
    const document = findPreset('add-mul')!.build();
    const fragment = shareFragment({ document, cursor: 0, weights: null, presetId: 'no-such-preset' }, defaultShareOptions);
    const store = readyStore();

    const result = openLink(store, `#${fragment}`);

    expect(result.ok).toBe(true);
    expect(store.getState().presetId).toBeNull();
  });

  test('link without timeline has no cursor', () => {
    const document = findPreset('bump')!.build();
    const result = decodeLink(shareFragment({ document, cursor: 5, weights: null, presetId: 'bump' }, defaultShareOptions), registry);

    expect(result.ok).toBe(true);
    if (result.ok) expect(result.view).toEqual({ preset: 'bump' });
  });
});
