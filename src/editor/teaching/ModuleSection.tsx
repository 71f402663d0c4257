import { useState } from 'react';
import type { GraphDocument } from '../../engine/document';
import { collapseToModule, expandModule, MODULE_KIND, moduleNameOf, renameModule, type ModuleFailure, type ModuleProblem } from '../../engine/modules';
import { registry } from '../../nodes';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';
import { describeModuleProblem } from './module-messages';

/** Replaces the document as one undo step, or returns the problem of a failed module operation. */
function apply(result: { ok: true; document: GraphDocument } | ModuleFailure): ModuleProblem | null {
  if (!result.ok) return result.problem;
  editorStore.getState().dispatch({ type: 'replaceDocument', document: result.document });
  return null;
}

/**
 * Expands a module node and tags its inner nodes with the module's name as
 * their group, so the inspector can collapse them again.
 */
function expandWithGroup(document: GraphDocument, nodeId: string, name: string): ModuleProblem | null {
  const result = expandModule(document, nodeId);
  if (!result.ok) return result.problem;
  const inserted = new Set(result.nodeIds);
  const nodes = result.document.nodes.map((node) => (inserted.has(node.id) ? { ...node, group: name } : node));
  return apply({ ok: true, document: { ...result.document, nodes } });
}

/** Collapses every node of a group into a module of the group's name, and clears their group tags. */
function collapseGroup(document: GraphDocument, group: string): ModuleProblem | null {
  const ids = document.nodes.filter((node) => node.group === group).map((node) => node.id);
  const result = collapseToModule(document, ids, group, registry);
  if (!result.ok) return result.problem;
  const definition = result.document.modules![group];
  const nodes = definition.nodes.map(({ group: _group, ...node }) => node);
  return apply({ ok: true, document: { ...result.document, modules: { ...result.document.modules, [group]: { ...definition, nodes } } } });
}

/**
 * Shows in the inspector, for a module node, its name (editable) and an Expand
 * button, and for a node of an expanded module, a Collapse button.
 */
export function ModuleSection({ nodeId }: { nodeId: string }) {
  const t = useT();
  const node = useEditor((state) => state.document.nodes.find((candidate) => candidate.id === nodeId));
  const [problem, setProblem] = useState<ModuleProblem | null>(null);
  if (!node) return null;
  const error = problem && describeModuleProblem(t, problem);
  const document = () => editorStore.getState().document;

  if (node.kind === MODULE_KIND) {
    const name = moduleNameOf(node) ?? '';
    const rename = (to: string) => setProblem(to === name ? null : apply(renameModule(document(), name, to)));
    return (
      <section className="module-section" data-testid="module-section">
        <h3>{t('teaching.moduleHeading')}</h3>
        <label className="module-name">
          {t('teaching.moduleName')}
          <input
            key={name}
            data-testid="module-rename"
            defaultValue={name}
            onBlur={(event) => rename(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') rename(event.currentTarget.value);
            }}
          />
        </label>
        <button type="button" data-testid="expand-module" onClick={() => setProblem(expandWithGroup(document(), nodeId, name))}>
          {t('teaching.expandModule')}
        </button>
        {error && <p className="problem error" data-testid="module-error">{error}</p>}
      </section>
    );
  }
  if (!node.group) return null;
  const group = node.group;
  return (
    <section className="module-section" data-testid="module-section">
      <h3>{t('teaching.moduleHeading')}</h3>
      <button type="button" data-testid="collapse-module" onClick={() => setProblem(collapseGroup(document(), group))}>
        {t('teaching.collapseModule', { name: group })}
      </button>
      {error && <p className="problem error" data-testid="module-error">{error}</p>}
    </section>
  );
}
