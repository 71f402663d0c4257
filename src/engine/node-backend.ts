import { createRequire } from 'node:module';
import path from 'node:path';
import { activateBackend, type BackendChoice, type BackendName } from './backend';

/** Activates a backend in Node, pointing the WASM backend at its installed binaries. */
export function activateNodeBackend(preferred: BackendName | null = null): Promise<BackendChoice> {
  const require = createRequire(import.meta.url);
  const wasmFolder = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  return activateBackend(preferred, { wasmPaths: wasmFolder + path.sep });
}
