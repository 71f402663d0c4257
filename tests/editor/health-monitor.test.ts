import { afterEach, describe, expect, test, vi } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import { HealthMonitor } from '../../src/editor/health/health-monitor';
import { createEditorStore } from '../../src/editor/store/store';
import { TrainingController } from '../../src/editor/training/controller';
import { registry } from '../../src/nodes';
import { ManualScheduler } from '../helpers/manual-scheduler';

const backend = { name: 'wasm' as const, reason: 'test', reasonCode: 'node' as const };

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
});

function setup(presetId: string) {
  const scheduler = new ManualScheduler();
  const editor = createEditorStore();
  editor.getState().setBackendReady(backend, null);
  editor.getState().loadPreset(presetId);
  let time = 0;
  const controller = new TrainingController({
    registry,
    loadMnist: () => Promise.reject(new Error('MNIST is not used in these tests')),
    schedule: scheduler.schedule,
    now: () => (time += 4),
    sliceMilliseconds: 12,
    publishMilliseconds: 0,
  });
  const monitor = new HealthMonitor();
  cleanups.push(controller.attach(editor), monitor.attach(editor, controller));
  return { scheduler, editor, controller, monitor };
}

async function whenReady(controller: TrainingController, scheduler: ManualScheduler): Promise<void> {
  await vi.waitFor(() => {
    scheduler.runAll();
    expect(controller.snapshot.phase).toBe('ready');
  });
}

describe('health monitor', () => {
  test('samples the initial weights and training steps', async () => {
    const { scheduler, controller, monitor } = setup('mlp2');
    await whenReady(controller, scheduler);
    await vi.waitFor(() => expect(monitor.store.getState().samples).toHaveLength(1));
    monitor.setSampleEvery(1);

    controller.start();
    scheduler.queue.shift()!();
    controller.pause();
    await vi.waitFor(() => expect(monitor.store.getState().samples).toHaveLength(2));

    const [initial, later] = monitor.store.getState().samples;
    expect(initial.step).toBe(0);
    expect(later.step).toBe(controller.snapshot.steps);
    expect(later.layers.map((entry) => entry.layer.nodeId)).toEqual(['W1', 'b1', 'relu1', 'W2', 'b2']);
    expect(monitor.store.getState().current).toBe(later.layers);
  });

  test('a rebuilt trainer clears the samples', async () => {
    const { scheduler, editor, controller, monitor } = setup('mlp2');
    await whenReady(controller, scheduler);
    await vi.waitFor(() => expect(monitor.store.getState().samples).toHaveLength(1));

    const document: GraphDocument = editor.getState().document;
    editor.getState().dispatch({ type: 'replaceDocument', document: { ...document, nodes: document.nodes.map((node) => (node.kind === 'relu' ? { ...node, kind: 'tanh' } : node)) } });
    await whenReady(controller, scheduler);

    await vi.waitFor(() => expect(monitor.store.getState().samples).toHaveLength(1));
    expect(monitor.store.getState().samples[0].layers.find((entry) => entry.layer.nodeId === 'relu1')?.layer.kind).toBe('tanh');
  });

  test('a diverged run blames the learning rate', async () => {
    const { scheduler, editor, controller, monitor } = setup('linear-softmax');
    await whenReady(controller, scheduler);
    const document = editor.getState().document;
    editor.getState().dispatch({ type: 'replaceDocument', document: { ...document, training: { ...document.training!, optimizer: { name: 'sgd', learningRate: 1e30 } } } });
    await whenReady(controller, scheduler);

    controller.start();
    scheduler.runAll();

    const explanation = monitor.store.getState().explanation;
    expect(controller.snapshot.stop).not.toBeNull();
    expect(explanation?.nodeId).toBe('W');
    expect(explanation?.learningRateSuspected).toBe(true);
    expect(explanation?.training).toEqual({ optimizer: 'sgd', learningRate: 1e30 });
  });
});
