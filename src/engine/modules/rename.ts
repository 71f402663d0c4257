import type { GraphDocument, GraphNode } from '../document';
import { MODULE_KIND, moduleNameOf } from './types';

export type RenameResult = { ok: true; document: GraphDocument } | { ok: false; error: string };

/** Renames a module definition and every module node that refers to it, in the document and inside other modules. */
export function renameModule(document: GraphDocument, from: string, to: string): RenameResult {
  const modules = document.modules ?? {};
  if (!Object.hasOwn(modules, from)) return { ok: false, error: `Module "${from}" is not defined.` };
  if (to === from) return { ok: true, document };
  if (to.trim() === '' || to.length > 100 || to === '__proto__') return { ok: false, error: `"${to}" is not a valid module name; use 1 to 100 characters.` };
  if (Object.hasOwn(modules, to)) return { ok: false, error: `A module named "${to}" already exists; choose another name.` };

  const retarget = (nodes: readonly GraphNode[]) =>
    nodes.map((node) => (node.kind === MODULE_KIND && moduleNameOf(node) === from ? { ...node, params: { ...node.params, module: to } } : node));
  const renamed = Object.fromEntries(
    Object.entries(modules).map(([name, definition]) => [name === from ? to : name, { ...definition, nodes: retarget(definition.nodes) }]),
  );
  return { ok: true, document: { ...document, nodes: retarget(document.nodes), modules: renamed } };
}
