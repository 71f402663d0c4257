import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startPreviewServer, stopPreviewServer } from '../helpers/preview-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the production build served by `vite preview`, without a trailing slash. */
    baseUrl: string;
  }
}

/**
 * Vitest global setup for the browser project: serves the production build in
 * dist/ with `vite preview` on a free port and stops it after the run. It builds
 * nothing, so `npm run build` must run first (the `test` script does).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = project.config.root;
  const dist = path.join(root, 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`Production build not found in ${dist}; run "npm run build" before the browser tests.`);
  }

  // The server reads a copy, so a build started during the run cannot swap files under the tests.
  const served = await mkdtemp(path.join(os.tmpdir(), 'backprop-studio-dist-'));
  await cp(dist, served, { recursive: true });
  const server = await startPreviewServer(served, { root }).catch(async (error: unknown) => {
    await rm(served, { recursive: true, force: true });
    throw error;
  });

  project.provide('baseUrl', server.baseUrl);
  return async () => {
    await stopPreviewServer(server);
    await rm(served, { recursive: true, force: true });
  };
}
