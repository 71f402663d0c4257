import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the production build served by `vite preview`, without a trailing slash. */
    baseUrl: string;
  }
}

interface PreviewServer {
  child: ChildProcess;
  /** Everything the server printed, shown when it fails to start. */
  output: string;
}

const HOST = '127.0.0.1';
const STARTUP_TIMEOUT_MS = 30_000;
const SHUTDOWN_TIMEOUT_MS = 5_000;

/**
 * Vitest global setup for the browser project: serves the production build in
 * dist/ with `vite preview` on a free port and stops it after the run. It builds
 * nothing, so `npm run build` must run first (the `test` script does).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = project.config.root;
  if (!existsSync(path.join(root, 'dist', 'index.html'))) {
    throw new Error(`Production build not found in ${path.join(root, 'dist')}; run "npm run build" before the browser tests.`);
  }

  const port = await findFreePort();
  const baseUrl = `http://${HOST}:${port}`;
  const server = startPreview(root, port);
  try {
    await waitUntilAnswering(baseUrl, server);
  } catch (error) {
    await stopServer(server);
    throw error;
  }

  project.provide('baseUrl', baseUrl);
  return () => stopServer(server);
}

/** Asks the operating system for a free TCP port on the loopback interface. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `vite preview` with node directly, not through npx: an npx wrapper
 * leaves its node child running when the wrapper is killed.
 */
function startPreview(root: string, port: number): PreviewServer {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const args = [vite, 'preview', '--host', HOST, '--port', String(port), '--strictPort'];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const server: PreviewServer = { child, output: '' };
  const collect = (chunk: Buffer) => (server.output += chunk.toString());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return server;
}

async function waitUntilAnswering(baseUrl: string, server: PreviewServer): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`vite preview exited with code ${server.child.exitCode} before responding at ${baseUrl}:\n${server.output}`);
    }
    try {
      const response = await fetch(baseUrl);
      if (response.ok) return;
    } catch {
      // Not listening yet; try again below.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Timed out after ${STARTUP_TIMEOUT_MS / 1000} s waiting for vite preview at ${baseUrl}:\n${server.output}`);
}

/** Stops the server by its PID: SIGTERM first, SIGKILL if it has not exited after a few seconds. */
async function stopServer({ child }: PreviewServer): Promise<void> {
  const pid = child.pid;
  const running = () => child.exitCode === null && child.signalCode === null;
  if (pid === undefined || !running()) return;

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (running()) process.kill(pid, 'SIGKILL');
  }, SHUTDOWN_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
