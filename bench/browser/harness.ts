import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Path of Debian's Chromium, because Playwright's browser downloads do not work on the benchmark machines. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless flags for a machine without a GPU: SwiftShader renders WebGL and
 * the page in software. `--no-sandbox` is needed when running as root.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

const HOST = '127.0.0.1';
const STARTUP_TIMEOUT_MS = 30_000;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Creates a temporary folder, passes it to `body` and removes it afterwards. */
export async function withTemporaryFolder<T>(prefix: string, body: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(path.join(os.tmpdir(), prefix));
  try {
    return await body(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

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

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with code ${child.exitCode} before responding at ${url}:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${STARTUP_TIMEOUT_MS / 1000} s waiting for vite preview at ${url}:\n${output()}`);
}

/**
 * Serves a built folder with `vite preview` on a free loopback port while
 * `body` runs, then stops the server by its PID. The server runs through node
 * directly, because an npx wrapper would leave its child running when killed.
 */
export async function withPreviewServer<T>(outDir: string, body: (baseUrl: string) => Promise<T>, configFile?: string): Promise<T> {
  const port = await findFreePort();
  const vite = path.resolve('node_modules/vite/bin/vite.js');
  const config = configFile ? ['--config', configFile] : [];
  const args = [vite, 'preview', ...config, '--host', HOST, '--port', String(port), '--strictPort', '--bypass-lock', '--outDir', outDir];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://${HOST}:${port}`;
  try {
    await waitUntilAnswering(baseUrl, child, () => output);
    return await body(baseUrl);
  } finally {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
    await exited;
  }
}
