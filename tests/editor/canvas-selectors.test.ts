import { describe, expect, test } from 'vitest';
import { activePulseKey, parsePulseKey } from '../../src/editor/canvas/selectors';
import { createEditorStore } from '../../src/editor/store/store';

const backend = { name: 'wasm' as const, reason: 'test', reasonCode: 'node' as const };

function addMulStore() {
  const store = createEditorStore();
  store.getState().setBackendReady(backend, null);
  store.getState().loadPreset('add-mul');
  return store;
}

describe('compact wire pulse key', () => {
  test('null while not playing', () => {
    const store = addMulStore();
    store.setState({ playing: false, cursor: 1 });
    expect(activePulseKey(store.getState())).toBeNull();
  });

  test('names the step at the cursor', () => {
    const store = addMulStore();
    const steps = store.getState().trace!.steps;
    // add-mul has 5 nodes: 5 forward steps, then 5 backward steps.
    expect(steps).toHaveLength(10);

    store.setState({ playing: true, cursor: 1 });
    expect(activePulseKey(store.getState())).toBe(`forward:1:${steps[0].nodeId}`);
    store.setState({ playing: true, cursor: 10 });
    expect(activePulseKey(store.getState())).toBe(`backward:10:${steps[9].nodeId}`);
  });

  test('null before the first step', () => {
    const store = addMulStore();
    store.setState({ playing: true, cursor: 0 });
    expect(activePulseKey(store.getState())).toBeNull();
  });

  test('parse keeps colons in node ids', () => {
    expect(parsePulseKey('backward:7:layer:1')).toEqual({ phase: 'backward', cursor: 7, nodeId: 'layer:1' });
    expect(parsePulseKey('forward:2:x')).toEqual({ phase: 'forward', cursor: 2, nodeId: 'x' });
  });
});
