import { describe, expect, test } from 'vitest';
import { HISTORY_LIMIT } from '../../src/editor/commands/history';
import { createEditorStore, normalMode } from '../../src/editor/store/store';

const backend = { name: 'wasm' as const, reason: 'test', reasonCode: 'node' as const };

/** A store with the add-mul preset loaded: x = −2, y = 5, z = −4, q = x + y, f = q · z = −12. */
function readyStore() {
  const store = createEditorStore();
  store.getState().setBackendReady(backend, null);
  store.getState().loadPreset('add-mul');
  return store;
}

function nodeIds(store: ReturnType<typeof readyStore>): string[] {
  return store.getState().document.nodes.map((node) => node.id).sort();
}

function output(store: ReturnType<typeof readyStore>, nodeId: string): number | undefined {
  return store.getState().trace?.nodes[nodeId]?.outputs[0].data[0];
}

function scalar(value: number) {
  return { shape: [], data: [value] };
}

describe('undo and redo', () => {
  test('one group is one undo step', () => {
    const store = readyStore();
    const setX = (value: number) => ({ type: 'setParam' as const, nodeId: 'x', name: 'value', value: scalar(value) });
    const setY = (value: number) => ({ type: 'setParam' as const, nodeId: 'y', name: 'value', value: scalar(value) });
    // Several nodes change together, as a view's slider changes its graph.
    store.getState().dispatchInGroup('drag 1', setX(1), setY(1));
    store.getState().dispatchInGroup('drag 1', setX(2), setY(2));
    store.getState().dispatchInGroup('drag 2', setX(3), setY(3));
    expect(output(store, 'f')).toBe(-24);

    store.getState().undo();
    expect(output(store, 'f')).toBe(-16);
    store.getState().undo();
    expect(output(store, 'f')).toBe(-12);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  test('first load is not an undo step', () => {
    const store = readyStore();
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  test('add node undoes and redoes', () => {
    const store = readyStore();
    const id = store.getState().addNodeOfKind('multiply', { x: 0, y: 300 })!;
    expect(nodeIds(store)).toContain(id);

    store.getState().undo();
    expect(nodeIds(store)).toEqual(['f', 'q', 'x', 'y', 'z']);

    store.getState().redo();
    expect(nodeIds(store)).toContain(id);
  });

  test('connect undo reruns the graph', () => {
    const store = readyStore();
    const id = store.getState().addNodeOfKind('add', { x: 0, y: 300 })!;
    store.getState().dispatch({ type: 'connect', source: 'x', sourcePort: 'out', target: id, targetPort: 'a' });
    store.getState().dispatch({ type: 'connect', source: 'y', sourcePort: 'out', target: id, targetPort: 'b' });
    // x + y = −2 + 5.
    expect(output(store, id)).toBe(3);

    store.getState().undo();
    expect(store.getState().document.edges.some((edge) => edge.target === id && edge.targetPort === 'b')).toBe(false);
    // With b unwired the new node cannot run, so it has no output.
    expect(output(store, id)).toBeUndefined();
    expect(store.getState().diagnosticsByNode[id]?.[0].code).toBe('missing-input');

    store.getState().redo();
    expect(output(store, id)).toBe(3);
  });

  test('delete of node and its wires is one step', () => {
    const store = readyStore();
    store.getState().dispatch({ type: 'removeItems', nodeIds: ['q'], edgeIds: [] });
    expect(store.getState().document.edges).toHaveLength(1);

    store.getState().undo();
    expect(nodeIds(store)).toEqual(['f', 'q', 'x', 'y', 'z']);
    expect(store.getState().document.edges).toHaveLength(4);
    expect(output(store, 'f')).toBe(-12);
  });

  test('selection of a deleted node is cleared', () => {
    const store = readyStore();
    const id = store.getState().addNodeOfKind('exp', { x: 0, y: 300 })!;
    store.getState().setSelection({ nodes: [id], edges: [] });

    store.getState().undo();
    expect(store.getState().selection.nodes).toEqual([]);
  });

  test('a drag of three nodes is one step', () => {
    const store = readyStore();
    const before = store.getState().document;
    // The canvas dispatches every dragged node's final position together when the drag stops.
    store.getState().dispatch(
      { type: 'moveNode', nodeId: 'x', position: { x: 500, y: 500 } },
      { type: 'moveNode', nodeId: 'y', position: { x: 520, y: 600 } },
      { type: 'moveNode', nodeId: 'z', position: { x: 540, y: 700 } },
    );
    expect(store.temporal.getState().pastStates).toHaveLength(1);

    store.getState().undo();
    expect(store.getState().document).toBe(before);
  });

  test('typing in one field is one step', () => {
    const store = readyStore();
    // A field dispatches each valid prefix of "-3.5" as the user types it.
    for (const value of [-3, -3, -3.5]) {
      store.getState().dispatch({ type: 'setParam', nodeId: 'x', name: 'value', value: scalar(value) });
    }
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    // q = −3.5 + 5 = 1.5 and f = 1.5 · (−4) = −6.
    expect(output(store, 'f')).toBe(-6);

    store.getState().undo();
    expect(output(store, 'f')).toBe(-12);
  });

  test('endEditGroup starts a new step for the same field', () => {
    const store = readyStore();
    store.getState().dispatch({ type: 'setParam', nodeId: 'x', name: 'value', value: scalar(1) });
    store.getState().endEditGroup();
    store.getState().dispatch({ type: 'setParam', nodeId: 'x', name: 'value', value: scalar(2) });
    expect(store.temporal.getState().pastStates).toHaveLength(2);

    store.getState().undo();
    // x = 1: q = 6 and f = −24.
    expect(output(store, 'f')).toBe(-24);
  });

  test('editing another field starts a new step', () => {
    const store = readyStore();
    store.getState().dispatch({ type: 'setParam', nodeId: 'x', name: 'value', value: scalar(1) });
    store.getState().dispatch({ type: 'setParam', nodeId: 'y', name: 'value', value: scalar(1) });
    expect(store.temporal.getState().pastStates).toHaveLength(2);
  });

  test('a new edit clears the redo steps', () => {
    const store = readyStore();
    store.getState().addNodeOfKind('exp', { x: 0, y: 300 });
    store.getState().undo();
    expect(store.temporal.getState().futureStates).toHaveLength(1);

    store.getState().addNodeOfKind('log', { x: 0, y: 300 });
    expect(store.temporal.getState().futureStates).toHaveLength(0);
  });

  test('selection and timeline changes are not steps', () => {
    const store = readyStore();
    store.getState().setSelection({ nodes: ['x'], edges: [] });
    store.getState().seek(2);
    store.getState().stepForward();
    store.getState().setLanguage('zh-CN');
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  test('loading a preset is one step', () => {
    const store = readyStore();
    store.getState().loadPreset('sigmoid-neuron');

    store.getState().undo();
    expect(nodeIds(store)).toEqual(['f', 'q', 'x', 'y', 'z']);
    expect(output(store, 'f')).toBe(-12);
  });

  test('undo restores the preset id', () => {
    const store = readyStore();
    store.getState().loadPreset('sigmoid-neuron');
    expect(store.getState().presetId).toBe('sigmoid-neuron');

    store.getState().undo();
    expect(store.getState().presetId).toBe('add-mul');
    store.getState().redo();
    expect(store.getState().presetId).toBe('sigmoid-neuron');
    expect(nodeIds(store)).not.toContain('q');
  });

  test('history is at least 100 steps deep', () => {
    const store = readyStore();
    const original = store.getState().document;
    for (let i = 1; i <= 120; i++) {
      store.getState().dispatch({ type: 'moveNode', nodeId: 'x', position: { x: i, y: i } });
    }
    expect(store.temporal.getState().pastStates.length).toBeGreaterThanOrEqual(100);
    expect(store.temporal.getState().pastStates.length).toBeLessThanOrEqual(HISTORY_LIMIT);

    for (let i = 0; i < 120; i++) store.getState().undo();
    expect(store.getState().document).toBe(original);
  });

  test('oldest steps drop past the limit', () => {
    const store = readyStore();
    for (let i = 1; i <= HISTORY_LIMIT + 5; i++) {
      store.getState().dispatch({ type: 'moveNode', nodeId: 'x', position: { x: i, y: 0 } });
    }
    expect(store.temporal.getState().pastStates).toHaveLength(HISTORY_LIMIT);

    for (let i = 0; i < HISTORY_LIMIT + 5; i++) store.getState().undo();
    // The five oldest moves were dropped, so undo stops at the sixth position.
    expect(store.getState().document.nodes.find((node) => node.id === 'x')!.position.x).toBe(5);
  });

  test('locked editing rejects edits and undo', () => {
    const store = readyStore();
    store.getState().addNodeOfKind('exp', { x: 0, y: 300 });
    store.getState().setLecture({ ...normalMode, lockEditing: true });
    const locked = store.getState().document;

    store.getState().dispatch({ type: 'removeItems', nodeIds: ['x'], edgeIds: [] });
    store.getState().undo();
    expect(store.getState().document).toBe(locked);

    store.getState().setLecture(normalMode);
    store.getState().undo();
    expect(nodeIds(store)).toEqual(['f', 'q', 'x', 'y', 'z']);
  });
});
