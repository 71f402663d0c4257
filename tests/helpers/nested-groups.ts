import type { GraphDocument } from '../../src/engine/document';
import { collapseToModule } from '../../src/engine/modules';
import { registry } from '../../src/nodes';
import { findPreset } from '../../src/presets';

/**
 * Groups node q of add-mul into module g1, then the module node into g2, and
 * so on up to g`levels`, as a person pressing "Group as module" on the one
 * module node would. Returns the document and the id of the last module node.
 */
export function nestedGroups(levels: number): { document: GraphDocument; nodeId: string } {
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
