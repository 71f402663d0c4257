/// <reference lib="webworker" />
import { loadMnist, MNIST_PIXELS } from '../../presets/datasets';

/** The page's request: the absolute URL of each digit's file, digit 0 first. */
export interface MnistRequest {
  urls: string[];
}

/** The worker's messages: progress after each file, then the dataset or the reason it failed. */
export type MnistReply =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; features: number; classes: number; x: Float32Array; y: Int32Array }
  | { type: 'error'; message: string };

/**
 * Fetches, parses and packs the MNIST digits off the page's thread: parsing
 * 20 MB of JSON and copying 7.8 million pixels would otherwise hold the page
 * for about a second. The pixel arrays move to the page without a copy.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

async function readDigit(urls: string[], digit: number): Promise<ArrayLike<number>> {
  const url = urls[digit];
  const failed = (reason: string) => new Error(`Loading MNIST digit ${digit} from ${url} failed: ${reason}`);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw failed(`the request did not complete (${describe(error)}). Check the connection and choose MNIST again.`);
  }
  if (!response.ok) throw failed(`HTTP ${response.status} ${response.statusText}.`);
  let body: { data?: unknown };
  try {
    body = (await response.json()) as { data?: unknown };
  } catch (error) {
    throw failed(`the file is not complete JSON (${describe(error)}).`);
  }
  if (!Array.isArray(body.data) || body.data.length % MNIST_PIXELS !== 0) {
    throw new Error(`MNIST digit file ${url} is invalid: expected {"data": [...]} with a multiple of ${MNIST_PIXELS} pixels.`);
  }
  return body.data as number[];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

scope.onmessage = async (event: MessageEvent<MnistRequest>) => {
  const post = (reply: MnistReply, transfer: Transferable[] = []) => scope.postMessage(reply, transfer);
  try {
    const dataset = await loadMnist((digit) => readDigit(event.data.urls, digit), (fraction) => post({ type: 'progress', fraction }));
    post({ type: 'done', features: dataset.features, classes: dataset.classes, x: dataset.x, y: dataset.y }, [dataset.x.buffer, dataset.y.buffer]);
  } catch (error) {
    post({ type: 'error', message: describe(error) });
  }
};
