import { createRequire } from 'node:module';
import path from 'node:path';
import { createServer } from 'vite';

// Loads a benchmark through Vite's SSR module loader so that tfjs-core resolves to
// its ES module build, the one whose register_all_gradients import works, once.
const tfjsPackages = ['tfjs-core', 'tfjs-backend-cpu', 'tfjs-backend-wasm'];

// tfjs-core's Node platform calls a global require, which ES modules lack.
(globalThis as { require?: NodeJS.Require }).require ??= createRequire(import.meta.url);

const server = await createServer({
  configFile: false,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false },
  optimizeDeps: { noDiscovery: true, include: [] },
  resolve: {
    alias: tfjsPackages.map((name) => ({
      find: new RegExp(`^@tensorflow/${name}$`),
      replacement: path.resolve(`node_modules/@tensorflow/${name}/dist/index.js`),
    })),
  },
  ssr: {
    noExternal: [/@tensorflow\//],
    optimizeDeps: { include: [...tfjsPackages.map((name) => `@tensorflow/${name}`), '@tensorflow/tfjs-core/dist/register_all_gradients'] },
  },
});

try {
  const module = (await server.ssrLoadModule('/bench/main.ts')) as { main(argv: string[]): Promise<number> };
  process.exitCode = await module.main(process.argv.slice(2));
} finally {
  await server.close();
}
