import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { test as base, inject } from 'vitest';
import { CHROMIUM_PATH, launchChromium } from '../helpers/chromium';

/** Chromium prints this console message on every software-WebGL machine, whatever the flags. */
const KNOWN_CONSOLE_MESSAGES = [/Automatic fallback to software WebGL has been deprecated/];

export const SCREENSHOT_DIR = path.resolve('test-results', 'screenshots');

const MISSING_BROWSER = `Chromium not found at ${CHROMIUM_PATH}; install it with "apt-get install chromium".`;
const SKIP_MESSAGE = `${MISSING_BROWSER} Skipping the browser tests (under CI=true they fail instead).`;

/** URL of the production build, e.g. `appUrl('#preset=add-mul')`. */
export function appUrl(suffix = ''): string {
  return `${inject('baseUrl')}/${suffix}`;
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

interface BrowserFixtures {
  /** A fresh page in its own browser context (empty localStorage), closed after the test. */
  page: Page;
}

interface FileFixtures {
  /** One Chromium per test file, or null when it is not installed outside CI. */
  browser: Browser | null;
}

/**
 * `test` with a Chromium `page`. Without Debian's chromium the tests fail under
 * CI=true and are skipped with a note otherwise. A test fails when its page
 * threw an uncaught error or logged a console error.
 */
export const test = base.extend<BrowserFixtures & FileFixtures>({
  browser: [
    async ({}, use) => {
      if (!existsSync(CHROMIUM_PATH)) {
        if (process.env.CI === 'true') throw new Error(`${MISSING_BROWSER} CI=true, so the browser tests fail instead of skipping.`);
        // The reporter does not print skip notes, so the reason goes to stderr once per file.
        process.stderr.write(`${SKIP_MESSAGE}\n`);
        await use(null);
        return;
      }
      const browser = await launchChromium();
      await use(browser);
      await browser.close();
    },
    { scope: 'file' },
  ],

  page: async ({ browser, skip, task }, use) => {
    if (!browser) skip(SKIP_MESSAGE);
    // A fixed locale, because the app picks its first language from the browser's.
    const context = await browser!.newContext({ acceptDownloads: true, locale: 'en-US', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const problems = collectPageProblems(page);

    await use(page);

    if (task.result?.state === 'fail') await saveScreenshot(page, `failed-${fileSafe(task.name)}`).catch(() => {});
    await context.close();
    if (problems.length > 0) throw new Error(`The page reported ${problems.length} error(s):\n${problems.join('\n')}`);
  },
});

/** Records uncaught page errors and console errors, except the known SwiftShader message. */
function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught ${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (KNOWN_CONSOLE_MESSAGES.some((pattern) => pattern.test(text))) return;
    const source = message.location().url;
    problems.push(`console error: ${text}${source ? ` (${source})` : ''}`);
  });
  return problems;
}

function fileSafe(name: string): string {
  return name.replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}
