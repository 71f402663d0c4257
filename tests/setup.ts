import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll } from 'vitest';
import { activateNodeBackend } from '../src/engine/node-backend';

// Silences the tfjs-node banner and other tfjs warnings in test output.
tf.enableProdMode();

beforeAll(async () => {
  const preferred = process.env.BACKEND === 'cpu' ? 'cpu' : 'wasm';
  await activateNodeBackend(preferred);
});
