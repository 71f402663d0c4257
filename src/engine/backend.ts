import * as tf from '@tensorflow/tfjs-core';

export type BackendName = 'webgl' | 'wasm' | 'cpu';

export interface BackendChoice {
  name: BackendName;
  /** Why this backend was chosen, in English; the editor translates by `reasonCode`. */
  reason: string;
  reasonCode: 'requested' | 'gpu' | 'software-webgl' | 'no-webgl' | 'node' | 'fallback';
}

export interface BackendOptions {
  /** Folder or URL prefix of the tfjs-backend-wasm binaries, or a map of file name to URL. */
  wasmPaths?: string | Record<string, string>;
  /** Renderer string of the browser's WebGL context; omitted in Node. */
  webglRenderer?: string | null;
}

let wasmConfigured = false;

/**
 * Activates a backend: the preferred one if it starts, else the best available.
 * WebGL wins only on a real GPU; software WebGL and Node use WASM, which is many
 * times faster than the CPU backend on matmul; CPU is the last resort.
 */
export async function activateBackend(preferred: BackendName | null, options: BackendOptions = {}): Promise<BackendChoice> {
  const candidates = rankBackends(options.webglRenderer);
  if (preferred) candidates.unshift({ name: preferred, reasonCode: 'requested', reason: `${preferred} was requested` });

  for (const candidate of candidates) {
    if (await tryBackend(candidate.name, options)) return candidate;
  }
  await loadBackend('cpu', options);
  await tf.setBackend('cpu');
  return { name: 'cpu', reasonCode: 'fallback', reason: 'no other backend started' };
}

function rankBackends(renderer: string | null | undefined): BackendChoice[] {
  const wasm = (reasonCode: BackendChoice['reasonCode'], reason: string): BackendChoice => ({ name: 'wasm', reasonCode, reason });
  const cpu: BackendChoice = { name: 'cpu', reasonCode: 'fallback', reason: 'the WASM backend did not start' };
  if (renderer === undefined) return [wasm('node', 'running outside a browser'), cpu];
  if (renderer === null) return [wasm('no-webgl', 'WebGL is not available'), cpu];
  if (/swiftshader|llvmpipe|software|basic render/i.test(renderer)) {
    return [wasm('software-webgl', `WebGL is software-rendered (${renderer})`), cpu];
  }
  return [{ name: 'webgl', reasonCode: 'gpu', reason: `GPU found (${renderer})` }, wasm('fallback', 'WebGL did not start'), cpu];
}

/**
 * Registers a backend by importing its package on first use. The imports are
 * dynamic, so the page's first chunk contains none of the backends, and tfjs-core
 * has no backend to run operations on until activateBackend has loaded one.
 */
async function loadBackend(name: BackendName, options: BackendOptions): Promise<void> {
  if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  if (name !== 'wasm' || wasmConfigured) return;

  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
  if (options.wasmPaths) setWasmPaths(options.wasmPaths as string);
  // The multi-threaded build breaks after minification and gives no speed-up on small machines.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasmConfigured = true;
}

async function tryBackend(name: BackendName, options: BackendOptions): Promise<boolean> {
  try {
    await loadBackend(name, options);
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}
