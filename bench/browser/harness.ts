import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startPreviewServer, stopPreviewServer } from '../../tests/helpers/preview-server';

export { launchChromium } from '../../tests/helpers/chromium';

/** Creates a temporary folder, passes it to `body` and removes it afterwards. */
export async function withTemporaryFolder<T>(prefix: string, body: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(path.join(os.tmpdir(), prefix));
  try {
    return await body(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Serves a built folder with `vite preview` on a free loopback port while `body` runs, then stops the server by its PID. */
export async function withPreviewServer<T>(outDir: string, body: (baseUrl: string) => Promise<T>, configFile?: string): Promise<T> {
  const server = await startPreviewServer(outDir, { configFile });
  try {
    return await body(server.baseUrl);
  } finally {
    await stopPreviewServer(server);
  }
}
