import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
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
  const dist = path.join(root, 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`Production build not found in ${dist}; run "npm run build" before the browser tests.`);
  }

  // The server reads a copy, so a build started during the run cannot swap files under the tests.
  const served = await mkdtemp(path.join(os.tmpdir(), 'backprop-studio-dist-'));
  await cp(dist, served, { recursive: true });
  const port = await findFreePort();
  const baseUrl = `http://${HOST}:${port}`;
  const server = startPreview(root, served, port);
  const teardown = async () => {
    await stopServer(server);
    await rm(served, { recursive: true, force: true });
  };
  try {
    await waitUntilAnswering(baseUrl, server);
  } catch (error) {
    await teardown();
    throw error;
  }

  project.provide('baseUrl', baseUrl);
  return teardown;
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
function startPreview(root: string, outDir: string, port: number): PreviewServer {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  // Vite 8 refuses a second preview server for the same project unless --bypass-lock
  // is given; this one has its own port, so a developer's `npm run preview` may keep running.
  const args = [vite, 'preview', '--host', HOST, '--port', String(port), '--strictPort', '--bypass-lock', '--outDir', outDir];
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
