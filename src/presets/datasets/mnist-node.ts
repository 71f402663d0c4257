import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Dataset } from './dataset';
import { loadMnist } from './mnist';

/** Loads MNIST in Node from the installed `mnist` package's digit files. */
export function loadMnistFromDisk(onProgress?: (fraction: number) => void): Promise<Dataset> {
  const require = createRequire(import.meta.url);
  return loadMnist(async (digit) => {
    const text = await readFile(require.resolve(`mnist/src/digits/${digit}.json`), 'utf8');
    return (JSON.parse(text) as { data: number[] }).data;
  }, onProgress);
}
