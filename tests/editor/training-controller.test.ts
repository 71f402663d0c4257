import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import { Trainer } from '../../src/engine/training/trainer';
import { createEditorStore } from '../../src/editor/store/store';
import { TrainingController } from '../../src/editor/training/controller';
import { withOptimizerValue, withOptimizerName, withWholeNumber } from '../../src/editor/training/settings';
import { translate } from '../../src/editor/i18n/translate';
import { stopMessage } from '../../src/editor/training/messages';
import { registry } from '../../src/nodes';
import { ManualScheduler } from '../helpers/manual-scheduler';

const backend = { name: 'wasm' as const, reason: 'test', reasonCode: 'node' as const };

/** Returns a clock that moves 4 ms forward each time it is read. */
function steppingClock(): () => number {
  let time = 0;
  return () => (time += 4);
}

function setup(presetId = 'linear-softmax', publishMilliseconds = 0) {
  const scheduler = new ManualScheduler();
  const editor = createEditorStore();
  editor.getState().setBackendReady(backend, null);
  editor.getState().loadPreset(presetId);
  const controller = new TrainingController({
    registry,
    loadMnist: () => Promise.reject(new Error('MNIST is not used in these tests')),
    schedule: scheduler.schedule,
    now: steppingClock(),
    sliceMilliseconds: 12,
    publishMilliseconds,
  });
  const detach = controller.attach(editor);
  cleanups.push(detach);
  return { scheduler, editor, controller, detach };
}

/** Applies one document change the way the training panel does. */
function edit(editor: ReturnType<typeof createEditorStore>, change: (document: GraphDocument) => GraphDocument): void {
  editor.getState().dispatch({ type: 'replaceDocument', document: change(editor.getState().document) });
}

/** Waits until the trainer is built, running the slices in which the initial loss is evaluated. */
async function whenSettled(controller: TrainingController, scheduler: ManualScheduler): Promise<void> {
  await vi.waitFor(() => {
    scheduler.runAll();
    expect(controller.snapshot.phase).not.toBe('loading');
  });
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  vi.restoreAllMocks();
});

describe('training controller', () => {
  test('shows ln 3 beside the initial loss', async () => {
    const { controller, scheduler } = setup();
    await whenSettled(controller, scheduler);

    const { phase, expectedInitialLoss, initialLoss, counts, classes } = controller.snapshot;
    expect(phase).toBe('ready');
    expect(classes).toBe(3);
    // Softmax with near-zero scores gives each of the 3 classes probability 1/3, so the loss is ln 3.
    expect(expectedInitialLoss).toBeCloseTo(1.0986123, 6);
    expect(initialLoss).toBeCloseTo(1.0986, 2);
    // blobs: 3 classes × 100 points, split 0.7 / 0.15 / rest.
    expect(counts).toEqual({ train: 210, validation: 45, test: 45 });
  });

  test('SVM preset expects C − 1', async () => {
    const { controller, scheduler } = setup('linear-svm');
    await whenSettled(controller, scheduler);
    // Three classes, margin 1: each of the two wrong classes adds max(0, 0 − 0 + 1) = 1.
    expect(controller.snapshot.expectedInitialLoss).toBe(2);
    expect(controller.snapshot.initialLoss).toBeCloseTo(2, 1);
  });

  test('runs steps in slices and yields between them', async () => {
    const { controller, scheduler } = setup();
    await whenSettled(controller, scheduler);

    controller.start();
    expect(controller.snapshot.phase).toBe('running');
    expect(controller.snapshot.steps).toBe(0);
    expect(scheduler.queue).toHaveLength(1);

    // The clock reads 4 when the slice starts, so its deadline is 16; the reads after
    // steps 1, 2 and 3 give 8, 12 and 16, and the slice ends after step 3.
    scheduler.runNext();
    expect(controller.snapshot.steps).toBe(3);
    expect(scheduler.queue).toHaveLength(1);
    scheduler.runNext();
    expect(controller.snapshot.steps).toBe(6);
  });

  test('updates the panel at most every 50 ms', async () => {
    const { controller, scheduler } = setup('linear-softmax', 50);
    await whenSettled(controller, scheduler);
    controller.start();

    // Each slice reads the clock five times: at its start, after each of its
    // 3 units of work, and before publishing, so it takes 20 ms. The first slice
    // publishes at 20 ms; the next publish waits for a read of at least 70 ms.
    // Batch 7 ends epoch 1 in the third slice, whose last two units and the
    // fourth slice's first two evaluate it, so four slices train 8 batches.
    scheduler.runNext();
    expect(controller.snapshot.steps).toBe(3);
    scheduler.runNext();
    scheduler.runNext();
    expect(controller.snapshot.steps).toBe(3);
    scheduler.runNext();
    expect(controller.snapshot.steps).toBe(8);
    expect(controller.snapshot.history).toHaveLength(1);

    controller.pause();
    expect(controller.snapshot.steps).toBe(8);
  });

  test('pause stops before the next slice', async () => {
    const { controller, scheduler } = setup();
    await whenSettled(controller, scheduler);
    controller.start();
    scheduler.runNext();

    controller.pause();
    expect(controller.snapshot.phase).toBe('ready');
    expect(scheduler.queue).toHaveLength(0);
    scheduler.runAll();
    expect(controller.snapshot.steps).toBe(3);
  });

  test('stops after the set number of epochs', async () => {
    const { controller, scheduler, editor } = setup();
    await whenSettled(controller, scheduler);
    edit(editor, (document) => withWholeNumber(document, 'epochs', 3));
    expect(controller.snapshot.phase).toBe('ready');

    controller.start();
    scheduler.runAll();

    const { epoch, history, phase, steps, batchesPerEpoch } = controller.snapshot;
    expect(phase).toBe('ready');
    expect(epoch).toBe(3);
    expect(history.map((record) => record.epoch)).toEqual([1, 2, 3]);
    // 210 training examples in batches of 32 make ⌈210 / 32⌉ = 7 batches per epoch.
    expect(batchesPerEpoch).toBe(7);
    expect(steps).toBe(21);
    expect(history[2].dataLoss).toBeLessThan(controller.snapshot.initialLoss!);
    expect(history[2].trainAccuracy).toBeGreaterThan(0.8);

    controller.start();
    expect(scheduler.queue).toHaveLength(0);
  });

  test('pause during an epoch evaluation is honoured', async () => {
    const { controller, scheduler } = setup();
    await whenSettled(controller, scheduler);
    controller.start();

    // Three units of work per slice (see above): batches 1–3, 4–6, then batch 7 ends
    // epoch 1 and two chunks of 2 × 32 examples of its 210 + 45 evaluation examples follow.
    scheduler.runNext();
    scheduler.runNext();
    scheduler.runNext();
    expect(controller.snapshot.steps).toBe(7);
    expect(controller.snapshot.evaluation).toEqual({ epoch: 1, fraction: 128 / 255 });
    expect(controller.snapshot.history).toEqual([]);

    controller.pause();
    expect(controller.snapshot.phase).toBe('ready');
    controller.stepOnce();
    expect(controller.snapshot.steps).toBe(7);

    // The evaluation finishes in the background; no batch is trained after the pause.
    scheduler.runAll();
    expect(controller.snapshot.steps).toBe(7);
    expect(controller.snapshot.evaluation).toBeNull();
    expect(controller.snapshot.history.map((record) => record.epoch)).toEqual([1]);
    expect(scheduler.queue).toHaveLength(0);
  });

  test('step at an epoch end evaluates in slices', async () => {
    const { controller, scheduler } = setup();
    await whenSettled(controller, scheduler);

    for (let i = 0; i < 7; i++) controller.stepOnce();
    expect(controller.snapshot.evaluation).toEqual({ epoch: 1, fraction: 0 });
    expect(scheduler.queue).toHaveLength(1);

    scheduler.runAll();
    expect(controller.snapshot.history).toHaveLength(1);
    expect(controller.snapshot.epoch).toBe(1);
    expect(controller.snapshot.batch).toBe(0);
  });

  test('step trains one batch', async () => {
    const { controller, scheduler } = setup();
    await whenSettled(controller, scheduler);
    controller.stepOnce();
    controller.stepOnce();
    expect(controller.snapshot.steps).toBe(2);
    expect(controller.snapshot.batch).toBe(2);
    expect(controller.snapshot.lastLoss).toBeGreaterThan(0);
  });

  test('reset disposes the trainer and starts over', async () => {
    const { controller, scheduler } = setup();
    await whenSettled(controller, scheduler);
    controller.start();
    scheduler.runAll(8);
    const dispose = vi.spyOn(Trainer.prototype, 'dispose');

    controller.reset();
    expect(dispose).toHaveBeenCalledTimes(1);
    await whenSettled(controller, scheduler);
    expect(controller.snapshot.phase).toBe('ready');
    expect(controller.snapshot.steps).toBe(0);
    expect(controller.snapshot.history).toEqual([]);
    expect(controller.snapshot.initialLoss).toBeCloseTo(Math.log(3), 2);
  });

  test('graph change rebuilds the trainer, a move does not', async () => {
    const { controller, scheduler, editor } = setup();
    await whenSettled(controller, scheduler);
    const dispose = vi.spyOn(Trainer.prototype, 'dispose');

    editor.getState().dispatch({ type: 'moveNode', nodeId: 'W', position: { x: 5, y: 5 } });
    edit(editor, (document) => withWholeNumber(document, 'epochs', 7));
    expect(dispose).not.toHaveBeenCalled();
    expect(controller.snapshot.epochs).toBe(7);

    editor.getState().dispatch({ type: 'setParam', nodeId: 'W', name: 'seed', value: 9 });
    expect(dispose).toHaveBeenCalledTimes(1);
    await whenSettled(controller, scheduler);
    expect(controller.snapshot.phase).toBe('ready');
  });

  test('reloading the preset starts over', async () => {
    const { controller, scheduler, editor } = setup();
    await whenSettled(controller, scheduler);
    controller.stepOnce();

    editor.getState().loadPreset('linear-softmax');
    await whenSettled(controller, scheduler);
    expect(controller.snapshot.steps).toBe(0);
    expect(controller.snapshot.phase).toBe('ready');
  });

  test('detach disposes the trainer', async () => {
    const { controller, scheduler, detach } = setup();
    await whenSettled(controller, scheduler);
    const dispose = vi.spyOn(Trainer.prototype, 'dispose');
    detach();
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(controller.snapshot.phase).toBe('off');
  });

  test('tensor count stays flat while training', async () => {
    const { controller, scheduler, editor } = setup();
    await whenSettled(controller, scheduler);
    edit(editor, (document) => withOptimizerName(document, 'adam'));
    await whenSettled(controller, scheduler);
    controller.setTraceEvery(5);
    // One step creates Adam's moment variables; count from there.
    controller.stepOnce();
    controller.optimizerState('W');
    controller.scoresFor(new Float32Array(8), 4);
    const before = tf.memory().numTensors;

    edit(editor, (document) => withWholeNumber(document, 'epochs', 30));
    controller.start();
    scheduler.runAll();
    controller.showBatch();
    controller.optimizerState('W');
    controller.scoresFor(new Float32Array(4096 * 2), 4096);
    controller.measureTestAccuracy();
    scheduler.runAll();
    expect(controller.snapshot.testAccuracy).not.toBeNull();

    expect(controller.snapshot.steps).toBeGreaterThan(200);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('reset releases the old trainer tensors', async () => {
    const { controller, scheduler } = setup();
    await whenSettled(controller, scheduler);
    controller.stepOnce();
    controller.reset();
    await whenSettled(controller, scheduler);
    controller.stepOnce();
    const before = tf.memory().numTensors;

    for (let i = 0; i < 3; i++) {
      controller.reset();
      await whenSettled(controller, scheduler);
      controller.stepOnce();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  test('NaN loss stops training and names the cause', async () => {
    const { controller, scheduler, editor } = setup();
    await whenSettled(controller, scheduler);
    // λ = 1e-3 and lr 1e4 multiply W by 1 − 2λ·lr = −19 per step, so the scores overflow float32.
    edit(editor, (document) => withOptimizerValue(withOptimizerName(withWholeNumber(document, 'epochs', 50), 'sgd'), 'learningRate', 1e4));
    await whenSettled(controller, scheduler);

    controller.start();
    scheduler.runAll();

    const { stop, phase, history } = controller.snapshot;
    expect(phase).toBe('ready');
    expect(stop).not.toBeNull();
    expect(Number.isFinite(stop!.loss)).toBe(false);
    expect(stop!.learningRate).toBe(1e4);
    expect(history.length).toBeGreaterThan(0);
    const message = stopMessage(translate.bind(null, 'en'), stop!, 'en');
    expect(message).toMatch(/NaN|Infinity/);
    expect(message).toContain('learning rate');
    expect(message).toContain('10000');
    // The failing batch is on the canvas, so its non-finite values can be traced.
    const traced = editor.getState().trace!.diagnostics.filter((diagnostic) => diagnostic.code.startsWith('non-finite'));
    expect(traced.map((diagnostic) => diagnostic.nodeId)).toContain(stop!.culprit!.nodeId);
    expect(message).toContain(`Node "${stop!.culprit!.nodeId}"`);

    controller.start();
    expect(controller.snapshot.phase).toBe('ready');
  });

  test('test accuracy is measured on request', async () => {
    const { controller, scheduler } = setup();
    await whenSettled(controller, scheduler);
    expect(controller.snapshot.testAccuracy).toBeNull();
    controller.measureTestAccuracy();
    expect(controller.snapshot.evaluation).toEqual({ epoch: null, fraction: 0 });
    scheduler.runAll();
    expect(controller.snapshot.evaluation).toBeNull();
    expect(controller.snapshot.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(controller.snapshot.testAccuracy).toBeLessThanOrEqual(1);
  });

  test('show batch puts an 8-example trace on the canvas', async () => {
    const { controller, scheduler, editor } = setup();
    await whenSettled(controller, scheduler);
    controller.stepOnce();
    controller.showBatch();
    const { trace, cursor, document } = editor.getState();
    expect(trace!.nodes.data.outputs[0].shape).toEqual([8, 2]);
    expect(cursor).toBe(trace!.steps.length);
    // The document keeps its own batch size; only the shown trace uses 8 examples.
    expect(document.nodes.find((node) => node.id === 'data')!.params.batchSize).toBe(32);
    // The trace runs with the trained weights, not with freshly drawn ones.
    expect(trace!.nodes.W.outputs[0].data).toEqual(controller.parameterValue('W')!.data);
  });

  test('trace every N steps follows the setting', async () => {
    const { controller, scheduler, editor } = setup();
    await whenSettled(controller, scheduler);
    const showTrace = vi.spyOn(editor.getState(), 'showTrace');
    controller.setTraceEvery(2);
    for (let i = 0; i < 5; i++) controller.stepOnce();
    expect(showTrace).toHaveBeenCalledTimes(2);
  });

  test('a graph without training turns the panel off', async () => {
    const { controller, scheduler, editor } = setup();
    await whenSettled(controller, scheduler);
    editor.getState().loadPreset('add-mul');
    expect(controller.snapshot.phase).toBe('off');
  });
});
