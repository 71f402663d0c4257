import type { GraphNode } from '../../engine/document';
import { MODULE_KIND, moduleNameOf, type ModuleDefinition, type ModuleLibrary } from '../../engine/modules';

/** Maximum length of a module name in the document schema. */
const MAX_MODULE_NAME_LENGTH = 100;

/**
 * Returns the definitions that `nodes` need: the module of each module node,
 * and the modules those definitions contain, recursively. Names without a
 * definition in `library` are left out, because there is nothing to copy.
 */
export function modulesUsedBy(nodes: readonly GraphNode[], library: ModuleLibrary | undefined): Record<string, ModuleDefinition> {
  const used: Record<string, ModuleDefinition> = {};
  const pending = [...nodes];
  while (pending.length > 0) {
    const name = moduleNameOf(pending.pop()!);
    if (name === null || Object.hasOwn(used, name) || !library || !Object.hasOwn(library, name)) continue;
    used[name] = library[name];
    pending.push(...library[name].nodes.filter((node) => node.kind === MODULE_KIND));
  }
  return used;
}

/** The carried modules a paste adds to the document, and the new names of those that clash. */
export interface ModuleMerge {
  added: Record<string, ModuleDefinition>;
  /** Carried name → name in the document, for every carried module that was renamed. */
  renamed: ReadonlyMap<string, string>;
}

/**
 * Merges carried module definitions into a document's library. A carried
 * module equal to the document's module of the same name reuses it. One that
 * differs is kept under a free name such as "layer 2", and module nodes in
 * the other carried definitions follow the rename. Names are compared after
 * the modules a definition contains were renamed, so nesting is handled.
 */
export function mergeModules(library: ModuleLibrary | undefined, carried: Readonly<Record<string, ModuleDefinition>>): ModuleMerge {
  const existing = library ?? {};
  const added: Record<string, ModuleDefinition> = {};
  const renamed = new Map<string, string>();
  const isTaken = (name: string) => Object.hasOwn(existing, name) || Object.hasOwn(added, name);

  for (const name of dependenciesFirst(carried)) {
    const definition = { ...carried[name], nodes: retargetModuleNodes(carried[name].nodes, renamed) };
    if (Object.hasOwn(existing, name) && sameValue(existing[name], definition)) continue;

    const target = isTaken(name) ? freeModuleName(name, isTaken) : name;
    if (target !== name) renamed.set(name, target);
    added[target] = definition;
  }
  return { added, renamed };
}

/** Points module nodes at their module's new name; returns `nodes` itself when nothing was renamed. */
export function retargetModuleNodes(nodes: GraphNode[], renamed: ReadonlyMap<string, string>): GraphNode[] {
  if (renamed.size === 0) return nodes;
  return nodes.map((node) => {
    const name = moduleNameOf(node);
    const target = node.kind === MODULE_KIND && name !== null ? renamed.get(name) : undefined;
    if (target === undefined) return node;
    // A label that showed the old module name shows the new one, so the two modules look different.
    const label = node.label === name ? target : node.label;
    return { ...node, params: { ...node.params, module: target }, ...(label === undefined ? {} : { label }) };
  });
}

/** Orders module names so that each comes after the modules its definition contains. */
function dependenciesFirst(library: Readonly<Record<string, ModuleDefinition>>): string[] {
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    // A loaded clipboard has no recursive modules; `visiting` only guards against looping on one anyway.
    if (ordered.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const node of library[name].nodes) {
      const inner = moduleNameOf(node);
      if (node.kind === MODULE_KIND && inner !== null && Object.hasOwn(library, inner)) visit(inner);
    }
    ordered.push(name);
  };
  Object.keys(library).forEach(visit);
  return ordered;
}

/** Numbers a taken module name: "layer" becomes "layer 2", then "layer 3", kept within the name length limit. */
function freeModuleName(name: string, isTaken: (name: string) => boolean): string {
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const candidate = name.slice(0, MAX_MODULE_NAME_LENGTH - suffix.length) + suffix;
    if (!isTaken(candidate)) return candidate;
  }
}

/** Compares JSON values deeply. Object key order and keys whose value is undefined do not matter. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
