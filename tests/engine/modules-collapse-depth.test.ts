import { describe, expect, test } from 'vitest';
import type { GraphDocument } from '../../src/engine/document';
import { loadDocumentValue } from '../../src/engine/load';
import { collapseToModule } from '../../src/engine/modules';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';

/**
 * Groups node q of add-mul into module g1, then the module node into g2, and
 * so on up to g`levels`, as a person pressing "Group as module" on the one
 * module node would. Returns the document and the id of the last module node.
 */
function nestedGroups(levels: number): { document: GraphDocument; nodeId: string } {
  let document = findPreset('add-mul')!.build();
  let nodeId = 'q';
  for (let level = 1; level <= levels; level++) {
    const result = collapseToModule(document, [nodeId], `g${level}`, registry);
    if (!result.ok) throw new Error(`grouping level ${level} failed: ${result.error}`);
    document = result.document;
    nodeId = result.moduleNodeId;
  }
  return { document, nodeId };
}

describe('collapse nesting limit', () => {
  test('eight nested groups still load', () => {
    const { document } = nestedGroups(8);

    const loaded = loadDocumentValue(JSON.parse(JSON.stringify(document)), registry);

    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
  });

  test('ninth nested group is rejected', () => {
    const { document, nodeId } = nestedGroups(8);

    const result = collapseToModule(document, [nodeId], 'g9', registry);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toEqual({
      code: 'too-deep',
      details: { name: 'g9', depth: '9', max: '8', path: 'g9 → g8 → g7 → g6 → g5 → g4 → g3 → g2 → g1' },
    });
    expect(result.error).toBe(
      'Module "g9" would nest modules 9 deep (g9 → g8 → g7 → g6 → g5 → g4 → g3 → g2 → g1); the limit is 8. Expand a module inside the selection first.',
    );
  });
});
