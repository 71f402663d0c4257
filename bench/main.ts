import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { activateNodeBackend } from '../src/engine/node-backend';
import { loadMnistFromDisk } from '../src/presets/datasets/mnist-node';
import { benchEngine } from './engine';
import { benchMnist } from './mnist';

const USAGE = `Usage: npm run bench -- <name> [--backend wasm|cpu]

Benchmarks (each prints one JSON line per configuration):
  engine   training step of the engine vs the same network in plain tfjs (mlp2, mlp6; MNIST, batch 128)
  mnist    MNIST test accuracy and wall time of linear-softmax and mlp2`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const backendFlag = rest.indexOf('--backend');
  const backends = backendFlag >= 0 ? [rest[backendFlag + 1]] : ['wasm', 'cpu'];
  if (name !== 'engine' && name !== 'mnist') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  tf.enableProdMode();
  const mnist = await loadMnistFromDisk();
  for (const backend of backends) {
    const choice = await activateNodeBackend(backend as 'wasm' | 'cpu');
    if (choice.name !== backend) throw new Error(`backend ${backend} did not start (got ${choice.name})`);
    const models = name === 'engine' ? ['mlp2', 'mlp6'] : ['linear-softmax', 'mlp2'];
    for (const model of models) {
      const figures = name === 'engine' ? benchEngine(model, backend, mnist) : benchMnist(model, backend, mnist);
      process.stdout.write(`${JSON.stringify(figures)}\n`);
    }
  }
  return 0;
}

