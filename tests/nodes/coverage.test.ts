import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { builtinKinds } from '../../src/nodes';

/**
 * A kind counts as tested when some test file in this folder names it in
 * quotes, as the table-driven files and graph builders do.
 */
test('every built-in kind has node tests', () => {
  const folder = import.meta.dirname;
  const sources = readdirSync(folder)
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => readFileSync(path.join(folder, name), 'utf8'));
  const untested = builtinKinds
    .map((kind) => kind.kind)
    .filter((kind) => !sources.some((source) => source.includes(`'${kind}'`)));

  expect(untested).toEqual([]);
});
