import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { activateBackend, type BackendName } from '../../../src/engine/backend';
import { loadMnistInBrowser } from '../../../src/editor/training/mnist-browser';
import { generateToyDataset, type Dataset } from '../../../src/presets/datasets';
import { benchEngine } from '../../engine';

/** One comparison that the Node side requests, as EngineCase in bench/engine.ts without data and clock. */
export interface PageCase {
  presetId: string;
  dataset: 'mnist' | 'spiral';
  batch: number;
  stepsPerRound: number;
  rounds: number;
}

const wasmPaths: Record<string, string> = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
};

let mnist: Promise<Dataset> | null = null;

function dataset(name: PageCase['dataset']): Promise<Dataset> {
  if (name === 'spiral') return Promise.resolve(generateToyDataset('spiral'));
  mnist ??= loadMnistInBrowser(() => {});
  return mnist;
}

/** Reads the WebGL renderer string, such as one naming SwiftShader, or null without WebGL. */
function webglRenderer(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

/** Activates `backend` and runs each case on it; throws when tfjs lands on another backend. */
async function runEngineBench(backend: BackendName, cases: PageCase[]): Promise<Record<string, unknown>[]> {
  tf.enableProdMode();
  const renderer = webglRenderer();
  const choice = await activateBackend(backend, { wasmPaths, webglRenderer: renderer });
  if (choice.name !== backend) throw new Error(`backend ${backend} failed to start in the browser, and tfjs fell back to ${choice.name}`);
  const results: Record<string, unknown>[] = [];
  for (const entry of cases) {
    const data = await dataset(entry.dataset);
    const figures = await benchEngine({ ...entry, data, backend, clock: () => performance.now() });
    results.push({ ...figures, renderer: backend === 'webgl' ? renderer : undefined });
  }
  return results;
}

(window as unknown as { runEngineBench: typeof runEngineBench }).runEngineBench = runEngineBench;
document.getElementById('status')!.textContent = 'Ready';
