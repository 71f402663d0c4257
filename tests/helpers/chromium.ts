import { chromium, type Browser } from 'playwright-core';

/** Where Debian's chromium package installs the browser; the tests and benchmarks never use Playwright's browser downloads. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless flags for a machine without a GPU. SwiftShader renders WebGL and
 * the page in software (`--use-gl=swiftshader` would disable WebGL instead).
 * `--no-sandbox` is needed when running as root.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Starts headless Debian Chromium with CHROMIUM_ARGS. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}
