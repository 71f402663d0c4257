import { describe, expect, test } from 'vitest';
import { createEditorStore } from '../../src/editor/store/store';
import { chooseInitialDocument, presetIdFromHash } from '../../src/editor/store/initial-document';
import { storageKeys, type KeyValueStorage } from '../../src/editor/store/persistence';

const backend = { name: 'wasm' as const, reason: 'test', reasonCode: 'node' as const };

function readyStore() {
  const store = createEditorStore();
  store.getState().setBackendReady(backend, null);
  store.getState().loadPreset('add-mul');
  return store;
}

function first(data: { data: number[] } | null | undefined): number | undefined {
  return data?.data[0];
}

function fakeStorage(entries: Record<string, string> = {}): KeyValueStorage {
  const map = new Map(Object.entries(entries));
  return { getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value) };
}

describe('editor store', () => {
  test('emptied canvas drops the preset', () => {
    const store = readyStore();
    const { document } = store.getState();
    store.getState().dispatch({ type: 'removeItems', nodeIds: ['x', 'y'], edgeIds: [] });
    expect(store.getState().presetId, 'after removing two of five nodes').toBe('add-mul');
    store.getState().dispatch({ type: 'removeItems', nodeIds: document.nodes.map((node) => node.id), edgeIds: [] });
    expect(store.getState().document.nodes).toEqual([]);
    expect(store.getState().presetId, 'after removing every node').toBeNull();
    store.getState().undo();
    expect(store.getState().presetId, 'after undo').toBe('add-mul');
  });

  test('add-mul trace is computed on load', () => {
    const { trace, cursor } = readyStore().getState();
    // q = x + y = -2 + 5 = 3; f = q · z = 3 · -4 = -12; df/dq = z = -4, df/dz = q = 3, df/dx = df/dy = -4.
    expect(first(trace!.nodes.f.outputs[0])).toBe(-12);
    expect(first(trace!.edges['q.out->f.a'].value)).toBe(3);
    expect(first(trace!.edges['q.out->f.a'].gradient)).toBe(-4);
    expect(first(trace!.edges['z.out->f.b'].gradient)).toBe(3);
    expect(first(trace!.edges['x.out->q.a'].gradient)).toBe(-4);
    expect(first(trace!.edges['y.out->q.b'].gradient)).toBe(-4);
    expect(cursor).toBe(trace!.steps.length);
  });

  test('node ids named like object members', () => {
    const store = readyStore();
    const position = { x: 0, y: 0 };
    store.getState().loadDocument({
      format: 'backprop-studio-graph',
      version: 1,
      nodes: [
        { id: 'constructor', kind: 'input', params: { value: { shape: [], data: [3] } }, position },
        { id: 'toString', kind: 'negate', params: {}, position },
        // An exp node with no wire into x has a problem to report.
        { id: '__proto__', kind: 'exp', params: {}, position },
      ],
      edges: [{ id: 'e', source: 'constructor', sourcePort: 'out', target: 'toString', targetPort: 'x' }],
    }, null);

    // The canvas reads `diagnosticsByNode[id] ?? []` for every node, so a node without problems must find nothing.
    const { diagnosticsByNode } = store.getState();
    expect(diagnosticsByNode['constructor']).toBeUndefined();
    expect(diagnosticsByNode['toString']).toBeUndefined();
    expect(Object.hasOwn(diagnosticsByNode, '__proto__')).toBe(true);
    expect(diagnosticsByNode['__proto__'].map((diagnostic) => diagnostic.nodeId)).toEqual(['__proto__']);
    expect(createEditorStore().getState().diagnosticsByNode['valueOf']).toBeUndefined();
  });

  test('nothing runs before the backend is ready', () => {
    const store = createEditorStore();
    store.getState().loadPreset('add-mul');
    expect(store.getState().trace).toBeNull();
    store.getState().setBackendReady(backend, null);
    expect(first(store.getState().trace!.nodes.f.outputs[0])).toBe(-12);
  });

  test('setParam reruns at once', () => {
    const store = readyStore();
    store.getState().dispatch({ type: 'setParam', nodeId: 'x', name: 'value', value: { shape: [], data: [-3] } });
    // q = -3 + 5 = 2; f = 2 · -4 = -8.
    expect(first(store.getState().trace!.nodes.f.outputs[0])).toBe(-8);
    expect(store.getState().edited).toBe(true);
  });

  test('setParam keeps the timeline cursor', () => {
    const store = readyStore();
    store.getState().seek(3);
    store.getState().dispatch({ type: 'setParam', nodeId: 'z', name: 'value', value: { shape: [], data: [2] } });
    expect(store.getState().cursor).toBe(3);
  });

  test('moveNode does not rerun', () => {
    const store = readyStore();
    const trace = store.getState().trace;
    store.getState().dispatch({ type: 'moveNode', nodeId: 'x', position: { x: 5, y: 5 } });
    expect(store.getState().trace).toBe(trace);
  });

  test('new multiply wired to two inputs', () => {
    const store = readyStore();
    const state = store.getState();
    const mul = state.addNodeOfKind('multiply', { x: 100, y: 400 })!;
    expect(mul).toBe('mul1');
    expect(store.getState().diagnosticsByNode.mul1?.[0].code).toBe('missing-input');

    state.dispatch(
      { type: 'connect', source: 'y', sourcePort: 'out', target: mul, targetPort: 'a' },
      { type: 'connect', source: 'z', sourcePort: 'out', target: mul, targetPort: 'b' },
    );
    const trace = store.getState().trace!;
    expect(first(trace.nodes.mul1.outputs[0])).toBe(-20);
    // mul1 and f are both sinks, so dL/dz = q (from f) + y (from mul1) = 3 + 5 = 8.
    expect(first(trace.nodes.z.upstream?.[0])).toBe(8);
    expect(trace.nodes.z.upstreamParts[0]).toHaveLength(2);
  });

  test('fresh ids skip used ones', () => {
    const store = readyStore();
    const ids = ['add', 'add', 'input', 'multiply-constant'].map((kind) => store.getState().addNodeOfKind(kind, { x: 0, y: 0 }));
    expect(ids).toEqual(['add1', 'add2', 'x1', 'mulc1']);
    expect(store.getState().addNodeOfKind('no-such-kind', { x: 0, y: 0 })).toBeNull();
  });

  test('removing a node prunes the selection', () => {
    const store = readyStore();
    store.getState().setSelection({ nodes: ['q', 'x'], edges: ['x.out->q.a'] });
    store.getState().dispatch({ type: 'removeItems', nodeIds: ['q'], edgeIds: [] });
    expect(store.getState().selection).toEqual({ nodes: ['x'], edges: [] });
    expect(store.getState().document.edges.map((edge) => edge.id)).toEqual(['z.out->f.b']);
  });

  test('play restarts at the end and ticks to the end', () => {
    const store = readyStore();
    const count = store.getState().trace!.steps.length;
    store.getState().play();
    expect(store.getState().cursor).toBe(0);
    expect(store.getState().playing).toBe(true);
    for (let i = 0; i < count; i++) store.getState().tick();
    expect(store.getState().cursor).toBe(count);
    expect(store.getState().playing).toBe(false);
  });

  test('steps clamp to the ends', () => {
    const store = readyStore();
    const count = store.getState().trace!.steps.length;
    store.getState().stepForward();
    expect(store.getState().cursor).toBe(count);
    store.getState().seek(0);
    store.getState().stepBack();
    expect(store.getState().cursor).toBe(0);
    store.getState().seek(99);
    expect(store.getState().cursor).toBe(count);
  });
});

describe('initial document', () => {
  test('hash preset wins over autosave', () => {
    const initial = chooseInitialDocument('#preset=gate-patterns', fakeStorage({ [storageKeys.document]: '{}' }));
    expect(initial.presetId).toBe('gate-patterns');
    expect(initial.notices).toEqual([]);
  });

  test('corrupt autosave falls back with a notice', () => {
    const initial = chooseInitialDocument('', fakeStorage({ [storageKeys.document]: '{not json' }));
    expect(initial.presetId).toBe('add-mul');
    expect(initial.notices.map((notice) => notice.key)).toEqual(['notice.corruptAutosave']);
  });

  test('corrupt autosave is set aside', () => {
    const storage = fakeStorage({ [storageKeys.document]: '{not json' });

    chooseInitialDocument('', storage);

    expect(storage.getItem(storageKeys.corruptDocument)).toBe('{not json');
  });

  test('unknown preset falls back to add-mul', () => {
    const initial = chooseInitialDocument('#preset=nope', fakeStorage());
    expect(initial.presetId).toBe('add-mul');
    expect(initial.notices[0].key).toBe('notice.unknownPreset');
  });

  test('hash parsing', () => {
    expect(presetIdFromHash('#preset=add-mul')).toBe('add-mul');
    expect(presetIdFromHash('#other')).toBeNull();
    expect(presetIdFromHash('')).toBeNull();
  });
});
