import { describe, expect, test } from 'vitest';
import { findPreset } from '../../src/presets';
import { commandEnvironment } from '../helpers/editor';

const scalar = (value: number) => ({ shape: [], data: [value] });

describe('load id across undo', () => {
  test('undo of an import restores it', () => {
    // commandEnvironment loads add-mul as the store's first load, so that load has id 1.
    const store = commandEnvironment().editor;
    const graph = findPreset('add-mul')!.build();
    store.getState().loadDocument(graph, null);
    store.getState().loadDocument({ ...graph, title: 'second' }, null);
    expect(store.getState().loadId).toBe(3);

    store.getState().undo();
    expect(store.getState().loadId).toBe(2);
    expect(store.getState().presetId).toBeNull();
    store.getState().redo();
    expect(store.getState().loadId).toBe(3);
    // The load count only grows, so views that refit on a new load do not refit on undo.
    expect(store.getState().loadCount).toBe(3);
  });

  test('edit keeps it', () => {
    const store = commandEnvironment().editor;
    store.getState().dispatch({ type: 'setParam', nodeId: 'x', name: 'value', value: scalar(1) });
    store.getState().undo();
    expect(store.getState().loadId).toBe(1);
  });
});
