import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { BackendName } from '../src/engine/backend';
import { activateNodeBackend } from '../src/engine/node-backend';
import { generateToyDataset } from '../src/presets/datasets';
import { loadMnistFromDisk } from '../src/presets/datasets/mnist-node';
import { benchBrowserEngine } from './browser-engine';
import { benchBundle } from './bundle';
import { benchCanvas } from './canvas';
import { profileCanvas } from './canvas-profile';
import { benchEngine } from './engine';
import { benchFileOpen } from './file-open';
import { benchFuzz } from './fuzz';
import { benchHealth } from './health';
import { benchReplayMemory, benchTrainingMemory } from './memory';
import { benchMnist } from './mnist';
import { benchMnistPauses } from './mnist-pauses';
import { benchScaling } from './scaling';

/** Options after the benchmark's name: `--backend <name>` runs one backend instead of the default ones. */
interface BenchOptions {
  backends: BackendName[];
}

interface Benchmark {
  summary: string;
  /** Backends `--backend` may name; empty for benchmarks that use no tfjs backend. */
  backends: readonly BackendName[];
  /** Backends run without `--backend`; all of `backends` when absent. */
  defaultBackends?: readonly BackendName[];
  /** Prints one JSON line of figures per configuration on stdout, progress on stderr. */
  run(options: BenchOptions): Promise<void>;
}

const NODE_BACKENDS: readonly BackendName[] = ['wasm', 'cpu'];

function printFigures(figures: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/** Activates each requested Node backend in turn and runs `body` on it. */
async function forEachBackend(options: BenchOptions, body: (backend: string) => Promise<void>): Promise<void> {
  for (const backend of options.backends) {
    const choice = await activateNodeBackend(backend);
    if (choice.name !== backend) throw new Error(`backend ${backend} failed to start, and tfjs fell back to ${choice.name}`);
    await body(backend);
  }
}

/** CPU time of this process in milliseconds, user plus system. */
function cpuClock(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function runEngine(options: BenchOptions): Promise<void> {
  const mnist = await loadMnistFromDisk();
  const spiral = generateToyDataset('spiral');
  await forEachBackend(options, async (backend) => {
    for (const presetId of ['mlp2', 'mlp6']) {
      printFigures(await benchEngine({ presetId, data: mnist, batch: 128, backend, stepsPerRound: 3, rounds: 24, clock: cpuClock }));
      printFigures(await benchEngine({ presetId, data: spiral, batch: 64, backend, stepsPerRound: 10, rounds: 30, clock: cpuClock }));
    }
  });
}

async function runMnist(options: BenchOptions): Promise<void> {
  const mnist = await loadMnistFromDisk();
  await forEachBackend(options, async (backend) => {
    for (const presetId of ['linear-softmax', 'mlp2']) printFigures(benchMnist(presetId, backend, mnist));
  });
}

async function runHealth(options: BenchOptions): Promise<void> {
  const mnist = await loadMnistFromDisk();
  const spiral = generateToyDataset('spiral');
  await forEachBackend(options, async (backend) => {
    printFigures(benchHealth({ presetId: 'mlp2', settings: 'mnist', data: mnist, backend, clock: cpuClock }));
    for (const presetId of ['mlp2', 'mlp6']) printFigures(benchHealth({ presetId, settings: 'toy', data: spiral, backend, clock: cpuClock }));
  });
}

const benchmarks: Record<string, Benchmark> = {
  'browser-engine': {
    summary: 'the engine benchmark in headless Chromium on webgl (software WebGL here) and wasm; --backend cpu also works',
    backends: ['webgl', 'wasm', 'cpu'],
    defaultBackends: ['webgl', 'wasm'],
    run: (options) => benchBrowserEngine(options.backends, printFigures),
  },
  bundle: {
    summary: 'gzipped JavaScript that index.html loads before any dynamic import, and the chunks loaded later',
    backends: [],
    run: async () => printFigures(await benchBundle()),
  },
  canvas: {
    summary: 'load time, frame rates and idle work of a 1,016-node graph in headless Chromium (production build)',
    backends: [],
    run: async () => printFigures(await benchCanvas()),
  },
  'canvas-profile': {
    summary: 'where each browser thread spends its time while the 1,016-node canvas pans, zooms and drags (a Chromium trace)',
    backends: [],
    run: async () => printFigures(await profileCanvas()),
  },
  engine: {
    summary: 'training step of the engine vs the same network in plain tfjs (mlp2, mlp6; MNIST batch 128, spiral batch 64)',
    backends: NODE_BACKENDS,
    run: runEngine,
  },
  'file-open': {
    summary: 'opening a 10,060-node graph file through the app in headless Chromium: first node, first trace, all nodes in view',
    backends: [],
    run: async () => printFigures(await benchFileOpen()),
  },
  mnist: { summary: 'MNIST test accuracy and wall time of linear-softmax and mlp2', backends: NODE_BACKENDS, run: runMnist },
  'mnist-pauses': {
    summary: 'long tasks and the CPU time of each main-thread task, by source, while linear-softmax and mlp2 train on MNIST in headless Chromium',
    backends: [],
    run: () => benchMnistPauses(printFigures),
  },
  fuzz: {
    summary: '100,000 mutated documents and links: accepted, rejected and crashed cases (first backend only)',
    backends: NODE_BACKENDS,
    run: (options) => forEachBackend({ backends: options.backends.slice(0, 1) }, async () => {
      printFigures(benchFuzz(100_000, 'fuzz bench', (line) => process.stderr.write(`${line}\n`)));
    }),
  },
  health: {
    summary: 'one layer-health sample on 64 examples, new and traced, against one training batch (mlp2 on MNIST, mlp2 and mlp6 on the spiral)',
    backends: NODE_BACKENDS,
    run: runHealth,
  },
  memory: {
    summary: 'tfjs tensors and JS heap over 10,000 training steps (linear-softmax, mlp2) and 1,000 animation replays',
    backends: NODE_BACKENDS,
    run: (options) => forEachBackend(options, async (backend) => {
      for (const presetId of ['linear-softmax', 'mlp2']) printFigures(benchTrainingMemory(presetId, backend, 10_000));
      printFigures(benchReplayMemory('mlp2', backend, 1_000));
    }),
  },
  scaling: {
    summary: 'compile and one traced run of a 10,000-node unrolled scalar MLP vs a 1,000-node one; loading its JSON',
    backends: NODE_BACKENDS,
    run: (options) => forEachBackend(options, async (backend) => printFigures(benchScaling(backend, cpuClock))),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(benchmarks).map((name) => name.length));
  const lines = Object.entries(benchmarks).map(([name, bench]) => `  ${name.padEnd(width)}  ${bench.summary}`);
  return `Usage: npm run bench -- <name> [--backend webgl|wasm|cpu]\n\nBenchmarks (each prints one JSON line per configuration):\n${lines.join('\n')}`;
}

function parseOptions(bench: Benchmark, rest: string[]): BenchOptions | string {
  const flag = rest.indexOf('--backend');
  if (flag < 0) return { backends: [...(bench.defaultBackends ?? bench.backends)] };
  const backend = rest[flag + 1];
  const allowed = bench.backends as readonly string[];
  if (!allowed.includes(backend)) return `--backend must be one of ${allowed.join(', ') || '(none for this benchmark)'}, found ${backend ?? 'nothing'}`;
  return { backends: [backend as BackendName] };
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const bench = name === undefined ? undefined : benchmarks[name];
  if (!bench) {
    process.stderr.write(`unknown benchmark "${name ?? ''}"\n\n${usage()}\n`);
    return 2;
  }
  const options = parseOptions(bench, rest);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n\n${usage()}\n`);
    return 2;
  }
  tf.enableProdMode();
  await bench.run(options);
  return 0;
}
