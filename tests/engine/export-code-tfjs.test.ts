import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import { TFJS_IMPORT, tfjsCode } from '../../src/editor/export/tfjs';
import { findPreset } from '../../src/presets';
import { classifierDocument, compileAndRun, everyKindDocument, expectTensor, expectValues, runScript } from './export-code-helpers';

/*
 * The exported module imports the umbrella package @tensorflow/tfjs, which
 * this project does not install. The test runs it in a separate Node process
 * with tfjs-core, its registered gradients and the CPU backend instead.
 * tfjs-core's ESM build imports files without extensions and calls require(),
 * which plain Node ESM rejects, so a resolve hook adds the extensions and a
 * global require stands in. The generated code itself runs unchanged apart
 * from its import line.
 */
const project = process.cwd();
const hookFolder = mkdtempSync(path.join(os.tmpdir(), 'backprop-tfjs-hooks-'));
const coreEntry = path.join(project, 'node_modules/@tensorflow/tfjs-core/dist/index.js');

writeFileSync(
  path.join(hookFolder, 'hooks.mjs'),
  `import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
const project = ${JSON.stringify(pathToFileURL(project + '/').href)};
export async function resolve(specifier, context, next) {
  if (specifier === '@tensorflow/tfjs-core') return { url: ${JSON.stringify(pathToFileURL(coreEntry).href)}, format: 'module', shortCircuit: true };
  if (specifier.startsWith('@tensorflow/')) return next(specifier, { ...context, parentURL: project });
  const relative = specifier.startsWith('./') || specifier.startsWith('../');
  if (relative && context.parentURL?.includes('/@tensorflow/') && !/\\.m?js$/.test(specifier)) {
    const base = new URL(specifier, context.parentURL).href;
    for (const candidate of [base + '.js', base + '/index.js']) {
      if (existsSync(fileURLToPath(candidate))) return { url: candidate, format: 'module', shortCircuit: true };
    }
  }
  return next(specifier, context);
}
`,
);
writeFileSync(
  path.join(hookFolder, 'register.mjs'),
  `import { createRequire, register } from 'node:module';
globalThis.require = createRequire(${JSON.stringify(pathToFileURL(project + '/').href)});
register('./hooks.mjs', import.meta.url);
`,
);

const TEST_IMPORTS = `import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-backend-cpu';
tf.enableProdMode();
await tf.setBackend('cpu');`;

afterAll(() => rmSync(hookFolder, { recursive: true, force: true }));

/** Runs the exported module in Node and compares values, and the gradients of the sources, with the engine. */
function checkTfjs(document: GraphDocument): void {
  const { program, trace } = compileAndRun(document);
  const generated = tfjsCode(program, trace);
  if (!generated.ok) throw new Error(generated.message);
  expect(generated.code).toContain(TFJS_IMPORT);

  const code = generated.code.replace(TFJS_IMPORT, TEST_IMPORTS);
  const result = runScript(process.execPath, ['--import', pathToFileURL(path.join(hookFolder, 'register.mjs')).href], 'graph.mjs', code);

  expectValues(result, trace);
  let checked = 0;
  for (const [id, gradients] of Object.entries(result.gradients)) {
    if (gradients === null) continue;
    const engine = trace.nodes[id].upstream;
    expect(engine, `engine gradient of source ${id}`).not.toBeNull();
    gradients.forEach((gradient, k) => expectTensor(gradient, engine![k], `gradient of source ${id} output ${k}`));
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
}

describe('TensorFlow.js export', () => {
  test.each(['add-mul', 'sigmoid-neuron', 'gate-patterns', 'matmul-example', 'softmax-table', 'svm-table'])('preset %s matches the engine', (id) => {
    checkTfjs(findPreset(id)!.build());
  });

  test('every kind matches the engine', () => {
    checkTfjs(everyKindDocument());
  });

  test('batch classifier matches the engine', () => {
    checkTfjs(classifierDocument());
  });
});
