import { activateBackend, type BackendName } from '../../engine/backend';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { storageKeys, writeSetting } from '../store/persistence';
import { editorStore } from '../store/use-editor';

/** URLs of the tfjs-backend-wasm binaries as Vite serves and bundles them. */
const wasmPaths: Record<string, string> = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
};

export const backendNames: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/**
 * Returns the unmasked WebGL renderer string (for example one containing "SwiftShader"
 * for software rendering), the masked one when the debug extension is missing,
 * or null when the browser has no WebGL.
 */
export function detectWebglRenderer(): string | null {
  const canvas = document.createElement('canvas');
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return renderer;
}

let renderer: string | null | undefined;
let latestRequest = 0;

/**
 * Activates the preferred backend, or the best available one, and reruns the
 * graph on it. While it starts the editor shows "Starting…" and runs nothing.
 * When requests overlap, only the latest one updates the editor.
 */
export async function startBackend(preferred: BackendName | null): Promise<void> {
  const request = ++latestRequest;
  const store = editorStore.getState();
  store.setBackendStarting();
  renderer ??= detectWebglRenderer();

  let choice;
  try {
    choice = await activateBackend(preferred, { wasmPaths, webglRenderer: renderer });
  } catch (error) {
    store.addNotice({ key: 'notice.backendFailed', params: { message: error instanceof Error ? error.message : String(error) } });
    choice = await activateBackend('cpu', { webglRenderer: renderer });
  }
  if (request === latestRequest) editorStore.getState().setBackendReady(choice, renderer);
}

/** Switches to a backend the user picked and remembers the choice in localStorage. */
export function switchBackend(name: BackendName): Promise<void> {
  writeSetting(localStorage, storageKeys.backend, name);
  return startBackend(name);
}
