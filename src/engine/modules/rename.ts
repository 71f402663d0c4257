import type { GraphDocument, GraphNode } from '../document';
import { isValidModuleName } from './collapse';
import { moduleFailure, type ModuleFailure } from './problem';
import { MODULE_KIND, moduleNameOf } from './types';

export type RenameResult = { ok: true; document: GraphDocument } | ModuleFailure;

/** Renames a module definition and every module node that refers to it, in the document and inside other modules. */
export function renameModule(document: GraphDocument, from: string, to: string): RenameResult {
  const modules = document.modules ?? {};
  if (!Object.hasOwn(modules, from)) return moduleFailure(`Module "${from}" is not defined.`, 'unknown-module', { name: from });
  if (to === from) return { ok: true, document };
  if (!isValidModuleName(to)) return moduleFailure(`"${to}" is not a valid module name; use 1 to 100 characters.`, 'invalid-name', { name: to });
  if (Object.hasOwn(modules, to)) return moduleFailure(`A module named "${to}" already exists; choose another name.`, 'name-taken', { name: to });

  const retarget = (nodes: readonly GraphNode[]) =>
    nodes.map((node) => (node.kind === MODULE_KIND && moduleNameOf(node) === from ? { ...node, params: { ...node.params, module: to } } : node));
  const renamed = Object.fromEntries(
    Object.entries(modules).map(([name, definition]) => [name === from ? to : name, { ...definition, nodes: retarget(definition.nodes) }]),
  );
  return { ok: true, document: { ...document, nodes: retarget(document.nodes), modules: renamed } };
}
