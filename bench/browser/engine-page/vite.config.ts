import path from 'node:path';
import { defineConfig } from 'vite';

/**
 * Builds the page that runs the engine benchmark in the browser. The root is
 * this folder, so the build contains this page only and leaves the app's dist/ alone.
 */
export default defineConfig({
  root: path.dirname(new URL(import.meta.url).pathname),
  logLevel: 'silent',
  build: { target: 'es2022', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
