import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const HOST = '127.0.0.1';
const STARTUP_TIMEOUT_MS = 30_000;
const SHUTDOWN_TIMEOUT_MS = 5_000;

/** A running `vite preview` process and the URL it serves, without a trailing slash. */
export interface PreviewServer {
  baseUrl: string;
  child: ChildProcess;
  /** Everything the server printed, shown when it fails. */
  output(): string;
}

export interface PreviewOptions {
  /** The project folder whose node_modules contains vite; the current directory by default. */
  root?: string;
  configFile?: string;
}

/**
 * Serves the built folder `outDir` with `vite preview` on a free loopback port
 * and waits until it responds. The server runs through node directly, because
 * an npx wrapper would leave its node child running when killed. Throws, with
 * the server stopped, when it does not respond within STARTUP_TIMEOUT_MS.
 */
export async function startPreviewServer(outDir: string, options: PreviewOptions = {}): Promise<PreviewServer> {
  const config = options.configFile ? ['--config', options.configFile] : [];
  return startVite(['preview', ...config, '--outDir', outDir], options.root);
}

/**
 * Starts the development server that `npm start` runs (React in development
 * mode, so StrictMode mounts every component twice) on a free loopback port and
 * waits until it responds, as startPreviewServer does.
 */
export async function startDevServer(root = process.cwd()): Promise<PreviewServer> {
  return startVite(['serve'], root);
}

async function startVite(command: string[], root = process.cwd()): Promise<PreviewServer> {
  const port = await findFreePort();
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  // Vite 8 rejects a second server for the same project unless --bypass-lock is given.
  // This one has its own port, so a developer's `npm start` or `npm run preview` may keep running.
  const args = [vite, ...command, '--host', HOST, '--port', String(port), '--strictPort', '--bypass-lock'];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const server: PreviewServer = { baseUrl: `http://${HOST}:${port}`, child, output: () => output };
  try {
    await waitUntilAnswering(server, `vite ${command[0]}`);
  } catch (error) {
    await stopPreviewServer(server);
    throw error;
  }
  return server;
}

/** Stops the server by its PID: SIGTERM first, SIGKILL if it has not exited after SHUTDOWN_TIMEOUT_MS. */
export async function stopPreviewServer({ child }: PreviewServer): Promise<void> {
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

async function waitUntilAnswering(server: PreviewServer, name: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`${name} exited with code ${server.child.exitCode} before responding at ${server.baseUrl}:\n${server.output()}`);
    }
    try {
      if ((await fetch(server.baseUrl)).ok) return;
    } catch {
      // Not listening yet; try again below.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Timed out after ${STARTUP_TIMEOUT_MS / 1000} s waiting for ${name} at ${server.baseUrl}:\n${server.output()}`);
}
