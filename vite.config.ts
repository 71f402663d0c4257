import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const tfjsPackages = ['tfjs-core', 'tfjs-backend-cpu', 'tfjs-backend-wasm', 'tfjs-backend-webgl'];

// In Vitest, tfjs resolves to its ESM build once; without this it loads twice and starts slowly.
const tfjsAliases = tfjsPackages.map((name) => ({
  find: new RegExp(`^@tensorflow/${name}$`),
  replacement: path.resolve(`node_modules/@tensorflow/${name}/dist/index.js`),
}));

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  test: {
    projects: [
      {
        resolve: { alias: tfjsAliases },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/{engine,nodes,presets,cli,editor}/**/*.test.ts'],
          setupFiles: ['tests/setup.ts'],
          deps: { optimizer: { ssr: { enabled: true, include: tfjsPackages.map((name) => `@tensorflow/${name}`) } } },
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/server.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
