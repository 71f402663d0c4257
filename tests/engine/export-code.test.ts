import { describe, expect, test } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import { numpyCode } from '../../src/editor/export/numpy';
import { findPreset, presets } from '../../src/presets';
import { classifierDocument, compileAndRun, everyKindDocument, expectTensor, expectValues, numpyAvailable, runScript } from './export-code-helpers';

const hasNumpy = numpyAvailable();

/** Generates the NumPy script of a document, runs it with python3 and compares everything it prints with the engine. */
function checkNumpy(document: GraphDocument): void {
  const { program, trace } = compileAndRun(document);
  const generated = numpyCode(program, trace);
  if (!generated.ok) throw new Error(generated.message);

  const result = runScript('python3', [], 'graph.py', generated.code);

  expectValues(result, trace);
  for (const [id, record] of Object.entries(trace.nodes)) {
    if (record.upstream === null) {
      expect(result.gradients[id], `gradient of node ${id}`).toBeNull();
      continue;
    }
    record.upstream.forEach((gradient, k) => expectTensor(result.gradients[id]![k], gradient, `gradient of node ${id} output ${k}`));
  }
}

describe.runIf(hasNumpy)('NumPy export', () => {
  test.each(presets.map((preset) => preset.id))('preset %s matches the engine', (id) => {
    checkNumpy(findPreset(id)!.build());
  });

  test('every kind matches the engine', () => {
    checkNumpy(everyKindDocument());
  });

  test('batch classifier matches the engine', () => {
    checkNumpy(classifierDocument());
  });

  test('skipped node is left out', () => {
    const { program, trace } = compileAndRun(everyKindDocument());
    const generated = numpyCode(program, trace);

    expect(generated.ok && generated.code).toMatch(/1 node\(s\) that cannot run/);
    expect(generated.ok && generated.code).not.toMatch(/"half"/);
  });

  test('hostile id stays inside its string', () => {
    const document = findPreset('add-mul')!.build();
    const hostile = 'x"\n__import__("os").system("echo pwned")\n#\u2028';
    document.nodes.find((node) => node.id === 'x')!.id = hostile;
    for (const edge of document.edges) if (edge.source === 'x') edge.source = hostile;
    const { program, trace } = compileAndRun(document);
    const generated = numpyCode(program, trace);

    expect(generated.ok && generated.code).not.toContain('\n__import__');
    const result = runScript('python3', [], 'graph.py', generated.ok ? generated.code : '');
    expect(result.values[hostile]).toEqual([-2]);
  });
});
