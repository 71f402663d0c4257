import * as tf from '@tensorflow/tfjs-core';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Trainer } from '../src/engine/training/trainer';
import { edgeGradientText, edgePulseKey, edgeValueText, isActiveNode, nodeGradientText, nodeValueText } from '../src/editor/canvas/selectors';
import { createEditorStore, type EditorStoreApi } from '../src/editor/store/store';
import { registry } from '../src/nodes';
import { findPreset } from '../src/presets';
import { generateToyDataset, trainingDataFromSettings } from '../src/presets/datasets';

/** Number of memory samples over a run, each after a forced garbage collection. `count` must be a multiple of it. */
const SAMPLES = 10;

/** Returns V8's garbage collector, enabling it first, so the runner needs no --expose-gc flag. */
export function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

interface Sample {
  step: number;
  tensors: number;
  tensorBytes: number;
  heapBytes: number;
}

/** Runs `step` `count` times and samples tfjs tensors and the JS heap after garbage collection at SAMPLES points. */
function sampleWhile(count: number, step: (index: number) => void): Sample[] {
  const collect = garbageCollector();
  const sample = (index: number): Sample => {
    collect();
    const memory = tf.memory();
    return { step: index, tensors: memory.numTensors, tensorBytes: memory.numBytes, heapBytes: process.memoryUsage().heapUsed };
  };
  const samples = [sample(0)];
  for (let index = 1; index <= count; index++) {
    step(index);
    if (index % (count / SAMPLES) === 0) samples.push(sample(index));
  }
  return samples;
}

/**
 * Growth from the first sample to the last, and heap growth from the second
 * sample on, after the JIT and caches have warmed up, plus every sample.
 */
function summarize(samples: Sample[]): Record<string, unknown> {
  const [first, second, last] = [samples[0], samples[1], samples.at(-1)!];
  const kilobytes = (bytes: number) => Math.round(bytes / 1024);
  return {
    tensorGrowth: last.tensors - first.tensors,
    tensorByteGrowth: last.tensorBytes - first.tensorBytes,
    heapGrowthKB: kilobytes(last.heapBytes - first.heapBytes),
    heapGrowthAfterWarmupKB: kilobytes(last.heapBytes - second.heapBytes),
    sampleSteps: samples.map((sample) => sample.step),
    tensorsBySample: samples.map((sample) => sample.tensors),
    heapKBBySample: samples.map((sample) => kilobytes(sample.heapBytes)),
  };
}

/** Trains a classifier preset on the spiral for `steps` minibatches of 16 and samples memory. */
export function benchTrainingMemory(presetId: string, backend: string, steps: number): Record<string, unknown> {
  const document = findPreset(presetId)!.buildForDataset!({ name: 'spiral' });
  const settings = { ...document.training!, batchSize: 16 };
  const data = trainingDataFromSettings(generateToyDataset('spiral'), settings);
  const trainer = Trainer.create(document, registry, data, { optimizer: settings.optimizer, batchSize: 16, seed: 1, init: settings.init });
  if ('error' in trainer) throw new Error(`preset ${presetId} does not train: ${trainer.error}`);

  // A first epoch creates the optimizer's slots and compiles the programs, so it runs before the first sample.
  for (let i = 0; i < trainer.batchesPerEpoch; i++) trainer.step();
  const samples = sampleWhile(steps, () => trainer.step());
  const epochs = trainer.epoch;
  trainer.dispose();
  return { bench: 'memory', workload: 'training', model: presetId, backend, steps, batch: 16, epochs, ...summarize(samples) };
}

/** Evaluates every selector the canvas's node and edge components read, as one frame of the animation would. */
function readFrame(store: EditorStoreApi): void {
  const state = store.getState();
  for (const node of state.document.nodes) {
    nodeValueText(state, node.id);
    nodeGradientText(state, node.id);
    isActiveNode(state, node.id);
  }
  for (const edge of state.document.edges) {
    edgeValueText(state, edge.id, edge.source);
    edgeGradientText(state, edge.id, edge.target);
    edgePulseKey(state, edge.source, edge.target);
  }
}

/**
 * Replays the animation `runs` times through the editor store. Each replay edits
 * a weight's seed, which adds an undo step and compiles and traces the graph
 * again. Then it plays the timeline tick by tick to the end and reads every
 * node and edge selector at each tick.
 */
export function benchReplayMemory(presetId: string, backend: string, runs: number): Record<string, unknown> {
  const store = createEditorStore();
  store.getState().setBackendReady({ name: backend as 'wasm', reason: 'benchmark', reasonCode: 'requested' }, null);
  if (!store.getState().loadPreset(presetId)) throw new Error(`preset "${presetId}" not found`);
  const weight = store.getState().document.nodes.find((node) => node.kind === 'parameter')!;

  let ticks = 0;
  const samples = sampleWhile(runs, (index) => {
    store.getState().dispatch({ type: 'setParam', nodeId: weight.id, name: 'seed', value: index % 7 });
    store.getState().play();
    while (store.getState().playing) {
      store.getState().tick();
      readFrame(store);
      ticks++;
    }
  });
  const problem = store.getState().runError;
  if (problem) throw new Error(`replaying ${presetId} failed: ${problem}`);
  return { bench: 'memory', workload: 'replay', model: presetId, backend, runs, ticks, ...summarize(samples) };
}
