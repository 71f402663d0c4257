import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { activateNodeBackend } from '../src/engine/node-backend';
import { generateToyDataset } from '../src/presets/datasets';
import { loadMnistFromDisk } from '../src/presets/datasets/mnist-node';
import { benchBundle } from './bundle';
import { benchCanvas } from './canvas';
import { benchEngine } from './engine';
import { benchFuzz } from './fuzz';
import { benchReplayMemory, benchTrainingMemory } from './memory';
import { benchMnist } from './mnist';
import { benchScaling } from './scaling';

/** Options after the benchmark's name: `--backend wasm|cpu` limits the Node backends. */
interface BenchOptions {
  backends: ('wasm' | 'cpu')[];
}

interface Benchmark {
  summary: string;
  /** Prints one JSON line of figures per configuration on stdout, progress on stderr. */
  run(options: BenchOptions): Promise<void>;
}

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

const benchmarks: Record<string, Benchmark> = {
  bundle: {
    summary: 'gzipped JavaScript that index.html loads before any dynamic import, and the chunks loaded later',
    run: async () => printFigures(await benchBundle()),
  },
  canvas: {
    summary: 'load time, frame rates and idle work of a 1,016-node graph in headless Chromium (production build)',
    run: async () => printFigures(await benchCanvas()),
  },
  engine: {
    summary: 'training step of the engine vs the same network in plain tfjs (mlp2, mlp6; MNIST batch 128, spiral batch 64)',
    run: runEngine,
  },
  mnist: { summary: 'MNIST test accuracy and wall time of linear-softmax and mlp2', run: runMnist },
  fuzz: {
    summary: '100,000 mutated documents and links: accepted, rejected and crashed cases (first backend only)',
    run: (options) => forEachBackend({ backends: options.backends.slice(0, 1) }, async () => {
      printFigures(benchFuzz(100_000, 'fuzz bench', (line) => process.stderr.write(`${line}\n`)));
    }),
  },
  memory: {
    summary: 'tfjs tensors and JS heap over 10,000 training steps (linear-softmax, mlp2) and 1,000 animation replays',
    run: (options) => forEachBackend(options, async (backend) => {
      for (const presetId of ['linear-softmax', 'mlp2']) printFigures(benchTrainingMemory(presetId, backend, 10_000));
      printFigures(benchReplayMemory('mlp2', backend, 1_000));
    }),
  },
  scaling: {
    summary: 'compile and one traced run of a 10,000-node unrolled scalar MLP vs a 1,000-node one; loading its JSON',
    run: (options) => forEachBackend(options, async (backend) => printFigures(benchScaling(backend, cpuClock))),
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(benchmarks).map((name) => name.length));
  const lines = Object.entries(benchmarks).map(([name, bench]) => `  ${name.padEnd(width)}  ${bench.summary}`);
  return `Usage: npm run bench -- <name> [--backend wasm|cpu]\n\nBenchmarks (each prints one JSON line per configuration):\n${lines.join('\n')}`;
}

function parseOptions(rest: string[]): BenchOptions | string {
  const flag = rest.indexOf('--backend');
  if (flag < 0) return { backends: ['wasm', 'cpu'] };
  const backend = rest[flag + 1];
  if (backend !== 'wasm' && backend !== 'cpu') return `--backend must be wasm or cpu, found ${backend ?? 'nothing'}`;
  return { backends: [backend] };
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const bench = name === undefined ? undefined : benchmarks[name];
  const options = parseOptions(rest);
  if (!bench || typeof options === 'string') {
    const problem = !bench ? `unknown benchmark "${name ?? ''}"` : options;
    process.stderr.write(`${problem}\n\n${usage()}\n`);
    return 2;
  }
  tf.enableProdMode();
  await bench.run(options);
  return 0;
}
