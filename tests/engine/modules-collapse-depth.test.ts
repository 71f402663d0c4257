import { describe, expect, test } from 'vitest';
import { loadDocumentValue } from '../../src/engine/load';
import { collapseToModule } from '../../src/engine/modules';
import { registry } from '../../src/nodes';
import { nestedGroups } from '../helpers/nested-groups';

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
