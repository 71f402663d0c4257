import { describe, expect, test } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { CompareController } from '../../src/editor/compare/compare-controller';
import type { GraphDocument } from '../../src/engine/document';
import type { TrainingData } from '../../src/engine/training/trainer';
import type { EditorStore } from '../../src/editor/store/store';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';
import { datasetFromSettings, trainingDataFromSettings } from '../../src/presets/datasets';
import { ManualScheduler } from '../helpers/manual-scheduler';

async function setup(presetId = 'linear-softmax'): Promise<{ scheduler: ManualScheduler; controller: CompareController; document: GraphDocument; data: TrainingData }> {
  const document = findPreset(presetId)!.build();
  const settings = document.training!;
  const dataset = await datasetFromSettings(settings.dataset, () => Promise.reject(new Error('no MNIST in this test')));
  const scheduler = new ManualScheduler();
  let time = 0;
  // Each clock read moves 4 ms on, so a 12 ms slice takes a few steps and then yields.
  const controller = new CompareController({ registry, schedule: scheduler.schedule, now: () => (time += 4), sliceMilliseconds: 12 });
  return { scheduler, controller, document, data: trainingDataFromSettings(dataset, settings) };
}

describe('compare controller', () => {
  test('runs yield between slices', async () => {
    const { scheduler, controller, document, data } = await setup();

    controller.start(document, data, [{ optimizer: { name: 'sgd', learningRate: 0.1 } }, { optimizer: { name: 'adam', learningRate: 0.01 } }], 2);
    expect(controller.snapshot.phase).toBe('running');
    expect(scheduler.queue).toHaveLength(1);
    const slices = scheduler.runAll();

    // 210 training examples in batches of 32: 7 steps per epoch, 14 per run, 28 in all.
    expect(slices).toBeGreaterThan(5);
    expect(controller.snapshot.phase).toBe('done');
    expect(controller.snapshot.histories[0]).toHaveLength(2);
    expect(controller.snapshot.histories[1]).toHaveLength(2);
    controller.dispose();
  });

  test('pause keeps the curves and resume finishes', async () => {
    const { scheduler, controller, document, data } = await setup();
    controller.start(document, data, [{ penalty: 'l1-penalty' }, { penalty: 'l2-penalty' }], 1);

    scheduler.queue.shift()!();
    controller.pause();

    expect(controller.snapshot.phase).toBe('paused');
    expect(scheduler.queue).toHaveLength(0);
    controller.resume();
    scheduler.runAll();
    expect(controller.snapshot.phase).toBe('done');
    controller.dispose();
  });

  test('a run that cannot train is named', async () => {
    const { controller, document, data } = await setup();
    const withoutLoss = { ...document, nodes: document.nodes.filter((node) => node.id !== 'dataLoss') };

    controller.start(withoutLoss, data, [{}, {}], 1);

    expect(controller.snapshot.phase).toBe('failed');
    expect(controller.snapshot.error).toEqual({ run: 'A', reason: { key: 'training.problem.loss-count', params: { count: 0 } } });
  });

  test('boundary scores come from each run', async () => {
    const { scheduler, controller, document, data } = await setup();
    controller.start(document, data, [{ optimizer: { name: 'sgd', learningRate: 0.1 } }, { optimizer: { name: 'adam', learningRate: 0.01 } }], 1);
    scheduler.runAll();

    const point = new Float32Array([0.5, -0.5]);
    const a = controller.scoresFor(0, point, 1)!;
    const b = controller.scoresFor(1, point, 1)!;

    expect(a).toHaveLength(3);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    controller.dispose();
    expect(controller.scoresFor(0, point, 1)).toBeNull();
  });

  test('loading another graph discards the runs', async () => {
    const { scheduler, controller, document, data } = await setup();
    const editor = createStore<Pick<EditorStore, 'loadCount' | 'backend'>>()(() => ({ loadCount: 1, backend: { status: 'starting' } as EditorStore['backend'] }));
    const detach = controller.attach(editor);
    controller.start(document, data, [{ optimizer: { name: 'sgd', learningRate: 0.1 } }, { optimizer: { name: 'adam', learningRate: 0.01 } }], 30);
    scheduler.queue.shift()!();
    expect(controller.snapshot.phase).toBe('running');

    editor.setState({ loadCount: 2 });

    expect(controller.snapshot.phase).toBe('idle');
    expect(controller.snapshot.histories).toEqual([[], []]);
    expect(scheduler.queue).toHaveLength(0);
    expect(controller.scoresFor(0, new Float32Array([0.5, -0.5]), 1)).toBeNull();
    detach();
  });
});
