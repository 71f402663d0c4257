import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

type Chunk = Rolldown.OutputChunk;

/** Number of packages and source folders listed with their share of the initial JavaScript. */
const LISTED_PARTS = 12;

function gzipBytes(text: string | Uint8Array): number {
  return gzipSync(text, { level: 9 }).length;
}

/** Builds the app into a temporary folder, so the dist/ that the browser tests serve stays untouched. */
export async function buildApp(outDir: string): Promise<Chunk[]> {
  // The benchmark runner's Vite server set NODE_ENV to development, which would
  // select React's development build, so the build runs as `vite build` does.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  let result;
  try {
    result = await build({ mode: 'production', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const outputs = Array.isArray(result) ? result : [result];
  return outputs.flatMap((output) => ('output' in output ? output.output : [])).filter((item): item is Chunk => item.type === 'chunk');
}

/** Collects the entry chunk and every chunk it imports statically, which all load before the first dynamic import. */
function initialChunks(chunks: Chunk[]): Chunk[] {
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const entry = chunks.find((chunk) => chunk.isEntry);
  if (!entry) throw new Error(`the build has no entry chunk; chunks: ${[...byName.keys()].join(', ')}`);
  const initial = new Set([entry]);
  for (const chunk of initial) for (const name of chunk.imports) initial.add(byName.get(name)!);
  return [...initial];
}

/** Names a module by its npm package, or by its first two source folders such as "src/editor/training". */
function partOf(moduleId: string): string {
  const packagePath = moduleId.split('node_modules/').at(-1)!;
  if (packagePath !== moduleId) return packagePath.split('/').slice(0, packagePath.startsWith('@') ? 2 : 1).join('/');
  return path.relative(process.cwd(), moduleId).split(path.sep).slice(0, 3).join('/');
}

/**
 * Computes the shares of the initial chunks by package, from the rendered length of each
 * module before minification, so they are proportions rather than bytes shipped.
 */
function largestParts(chunks: Chunk[]): Record<string, number> {
  const lengths = new Map<string, number>();
  for (const chunk of chunks) {
    for (const [id, module] of Object.entries(chunk.modules)) lengths.set(partOf(id), (lengths.get(partOf(id)) ?? 0) + module.renderedLength);
  }
  const total = [...lengths.values()].reduce((sum, length) => sum + length, 0);
  const sorted = [...lengths].sort((a, b) => b[1] - a[1]).slice(0, LISTED_PARTS);
  return Object.fromEntries(sorted.map(([part, length]) => [part, Number((length / total).toFixed(3))]));
}

/** Reads the stylesheets index.html links, which also load before the app starts. */
async function initialCss(outDir: string): Promise<{ bytes: number; gzipBytes: number }> {
  const html = await readFile(path.join(outDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<link rel="stylesheet"[^>]*href="\/([^"]+)"/g)].map((match) => match[1]);
  const texts = await Promise.all(files.map((file) => readFile(path.join(outDir, file))));
  return { bytes: texts.reduce((sum, text) => sum + text.length, 0), gzipBytes: texts.reduce((sum, text) => sum + gzipBytes(text), 0) };
}

/**
 * Builds the production bundle and reports the JavaScript index.html loads
 * before any dynamic import, minified and gzipped (zlib level 9), the chunks
 * loaded later, and which packages make up the initial JavaScript.
 */
export async function benchBundle(): Promise<Record<string, unknown>> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'backprop-studio-bundle-'));
  try {
    const chunks = await buildApp(outDir);
    const initial = initialChunks(chunks);
    const lazy = chunks.filter((chunk) => !initial.includes(chunk));
    const sizeOf = (list: Chunk[]) => list.reduce((sum, chunk) => sum + Buffer.byteLength(chunk.code), 0);
    const gzipOf = (list: Chunk[]) => list.reduce((sum, chunk) => sum + gzipBytes(chunk.code), 0);
    return {
      bench: 'bundle',
      initialJsBytes: sizeOf(initial),
      initialJsGzipBytes: gzipOf(initial),
      initialCss: await initialCss(outDir),
      initialChunks: initial.map((chunk) => chunk.fileName),
      lazyJsGzipBytes: gzipOf(lazy),
      lazyChunks: Object.fromEntries(lazy.map((chunk) => [chunk.fileName, gzipBytes(chunk.code)])),
      initialShares: largestParts(initial),
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
