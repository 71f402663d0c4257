/// <reference lib="webworker" />
import { loadMnist, MNIST_PIXELS } from '../../presets/datasets';

/** The page's request: the absolute URL of each digit's file, digit 0 first. */
export interface MnistRequest {
  urls: string[];
}

/**
 * Why loading failed: a digit file with no response, an HTTP error, cut-off
 * JSON or JSON without whole images, or an unexpected error in the worker.
 */
export type MnistFailure = 'network' | 'http' | 'json' | 'shape' | 'unexpected';

/** The worker's messages: progress after each file, then the dataset or the file that failed and why. */
export type MnistReply =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; features: number; classes: number; x: Float32Array; y: Int32Array }
  | { type: 'error'; failure: MnistFailure; digit: number; url: string; detail: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** A digit file that could not be read, with what the page needs to explain it. */
class DigitFailure extends Error {
  constructor(
    readonly failure: MnistFailure,
    readonly digit: number,
    readonly url: string,
    readonly detail: string,
  ) {
    super(`MNIST digit ${digit} from ${url}: ${failure} ${detail}`);
  }
}

async function readDigit(urls: string[], digit: number): Promise<ArrayLike<number>> {
  const url = urls[digit];
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new DigitFailure('network', digit, url, describe(error));
  }
  if (!response.ok) throw new DigitFailure('http', digit, url, `${response.status} ${response.statusText}`.trim());
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new DigitFailure('json', digit, url, describe(error));
  }
  const data = typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
  if (!Array.isArray(data) || data.length % MNIST_PIXELS !== 0) throw new DigitFailure('shape', digit, url, String(MNIST_PIXELS));
  return data as number[];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Fetches, parses and packs the MNIST digits off the page's thread, where
 * parsing 20 MB of JSON took 0.5–0.8 s of CPU time in Chromium on a 2-core
 * machine. The pixel arrays move to the page without a copy.
 */
scope.onmessage = async (event: MessageEvent<MnistRequest>) => {
  const post = (reply: MnistReply, transfer: Transferable[] = []) => scope.postMessage(reply, transfer);
  try {
    const dataset = await loadMnist((digit) => readDigit(event.data.urls, digit), (fraction) => post({ type: 'progress', fraction }));
    post({ type: 'done', features: dataset.features, classes: dataset.classes, x: dataset.x, y: dataset.y }, [dataset.x.buffer, dataset.y.buffer]);
  } catch (error) {
    const failure = error instanceof DigitFailure ? error : new DigitFailure('unexpected', -1, '', describe(error));
    console.warn(`MNIST loader failed: ${failure.message}`);
    post({ type: 'error', failure: failure.failure, digit: failure.digit, url: failure.url, detail: failure.detail });
  }
};
