import type { Diagnostic } from '../diagnostics';
import type { ModuleInstance } from './expand';

/**
 * Moves diagnostics of nodes inside a module onto the module node of the
 * document that contains them, because the editor shows only that node. The
 * message still names the inner node, such as node "sig/e" (exp), and
 * `details.innerNode` keeps its id.
 */
export function attributeToModules(diagnostics: Diagnostic[], instances: readonly ModuleInstance[]): Diagnostic[] {
  const outermost = instances.filter((instance) => instance.depth === 0);
  if (outermost.length === 0) return diagnostics;
  return diagnostics.map((diagnostic) => {
    const owner = outermost.find((instance) => instance.innerIds.has(diagnostic.nodeId));
    if (!owner) return diagnostic;
    return { ...diagnostic, nodeId: owner.id, port: undefined, details: { ...diagnostic.details, innerNode: diagnostic.nodeId } };
  });
}
