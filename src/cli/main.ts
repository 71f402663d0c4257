import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../engine/backend';
import { activateNodeBackend } from '../engine/node-backend';
import { presets } from '../presets';
import { checkGradients } from './gradcheck-command';
import { readGraph, UsageError } from './input';
import { runLinkCommand } from './link-command';
import { runGraph } from './run-command';
import { trainGraph } from './train-command';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  presets                          list the built-in presets
  run <preset-id | file.json>      run forward and backward; print every node's value and gradient
  train <preset-id | file.json>    train the graph's parameters; print a line per epoch and final metrics
  gradcheck <preset-id | file.json>
                                   compare backward with central differences for every input and
                                   parameter element; exit code 1 when an element is wrong
  link encode <preset-id | file.json>
                                   print the share-link fragment of a graph (the part after "#")
  link decode <link | ->           print the graph document of a link fragment or whole URL, read
                                   from standard input for "-"; exit code 2 when the link is rejected

Options:
  --json                           print {"values": {...}, "grads": {...}} keyed by node id;
                                   link decode: print {"document", "view", "lecture"}
  --backend wasm|cpu               tfjs backend (default: wasm)
  --dataset NAME                   train: spiral, circles, xor, blobs or mnist
  --epochs N                       train: number of passes over the training set, at most 100000
  --batch N                        train: examples per minibatch, at most 1000000
  --optimizer NAME                 train: sgd, momentum, nesterov, adagrad, rmsprop or adam
  --lr X                           train: learning rate
  --seed N                         train: seed of the shuffle and the split, from 0 to 4294967295
  --max-elements N                 gradcheck: maximum elements checked per node (default: all)
  --url BASE                       link encode: print BASE#<fragment>, such as http://127.0.0.1:5173/#graph=…
  --help                           show this text`;

async function main(argv: string[]): Promise<number> {
  const { values: options, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      backend: { type: 'string' },
      help: { type: 'boolean', default: false },
      dataset: { type: 'string' },
      epochs: { type: 'string' },
      batch: { type: 'string' },
      optimizer: { type: 'string' },
      lr: { type: 'string' },
      seed: { type: 'string' },
      'max-elements': { type: 'string' },
      url: { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (options.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return options.help ? 0 : 2;
  }

  switch (command) {
    case 'presets':
      for (const preset of presets) process.stdout.write(`${preset.id.padEnd(16)} ${preset.title.en}\n`);
      return 0;
    case 'run': {
      if (rest.length !== 1) throw new UsageError('run takes one argument: a preset id or a .json file.');
      await startBackend(options.backend);
      const output = runGraph(await readGraph(rest[0]), options.json);
      process.stdout.write(`${output.text}\n`);
      for (const problem of output.problems) process.stderr.write(`${problem}\n`);
      return output.failed ? 1 : 0;
    }
    case 'train': {
      if (rest.length !== 1) throw new UsageError('train takes one argument: a preset id or a .json file.');
      await startBackend(options.backend);
      return trainGraph(rest[0], options, (line) => process.stdout.write(`${line}\n`));
    }
    case 'gradcheck': {
      if (rest.length !== 1) throw new UsageError('gradcheck takes one argument: a preset id or a .json file.');
      await startBackend(options.backend);
      const maxElementsPerNode = options['max-elements'] === undefined ? undefined : positiveWholeNumber('--max-elements', options['max-elements']);
      const output = checkGradients(await readGraph(rest[0]), { json: options.json, maxElementsPerNode });
      process.stdout.write(`${output.text}\n`);
      for (const problem of output.problems) process.stderr.write(`${problem}\n`);
      return output.exitCode;
    }
    case 'link': {
      const output = await runLinkCommand(rest, { url: options.url, json: options.json }, readStandardInput);
      process.stdout.write(output.stdout);
      process.stderr.write(output.stderr);
      return output.exitCode;
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

async function startBackend(requested: string | undefined): Promise<void> {
  if (requested !== undefined && requested !== 'wasm' && requested !== 'cpu') {
    throw new UsageError(`--backend: expected wasm or cpu, found "${requested}".`);
  }
  tf.enableProdMode();
  await activateNodeBackend((requested as BackendName | undefined) ?? 'wasm');
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function positiveWholeNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag}: expected a whole number of at least 1, found "${text}".`);
  return value;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`error: ${(error as Error).message}\n`);
    if (!usage) process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = usage ? 2 : 1;
  },
);
