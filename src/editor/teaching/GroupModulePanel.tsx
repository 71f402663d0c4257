import { useState, type FormEvent } from 'react';
import type { GraphDocument } from '../../engine/document';
import { BUILTIN_MODULES, collapseToModule, MODULE_KIND, type ModuleProblem } from '../../engine/modules';
import { registry } from '../../nodes';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';
import { describeModuleProblem } from './module-messages';
import { closeTeachingPanel, teachingStore, useTeaching } from './teaching-store';

/** Returns "module1", "module2", … : the first such name no module of the document uses. */
function freshModuleName(): string {
  const modules = editorStore.getState().document.modules ?? {};
  let count = 1;
  while (Object.hasOwn(modules, `module${count}`)) count += 1;
  return `module${count}`;
}

/**
 * Returns the document with a module node of a built-in module placed right of
 * the graph, adding the definition unless the document already has one by
 * that name, and the new node's id.
 */
export function withBuiltinModule(document: GraphDocument, name: string): { document: GraphDocument; nodeId: string } {
  const usedIds = new Set(document.nodes.map((node) => node.id));
  let nodeId = name;
  for (let count = 2; usedIds.has(nodeId); count++) nodeId = `${name}${count}`;
  const right = Math.max(0, ...document.nodes.map((node) => node.position.x)) + 260;
  const middle = document.nodes.length === 0 ? 0 : document.nodes.reduce((total, node) => total + node.position.y, 0) / document.nodes.length;
  const modules = document.modules && Object.hasOwn(document.modules, name) ? document.modules : { ...document.modules, [name]: BUILTIN_MODULES[name]() };
  const node = { id: nodeId, kind: MODULE_KIND, params: { module: name }, position: { x: right, y: middle }, label: name };
  return { document: { ...document, nodes: [...document.nodes, node], modules }, nodeId };
}

/** Shows the "Group as module" toolbar button, which opens the module panel. */
export function GroupModuleButton() {
  const t = useT();
  return (
    <button type="button" data-testid="group-module" title={t('teaching.groupModuleTitle')} onClick={() => teachingStore.setState({ panel: 'module' })}>
      {t('teaching.groupModule')}
    </button>
  );
}

/** Shows a name field that replaces the selected nodes by one module node, as one undo step. */
export function GroupModulePanel() {
  const t = useT();
  const open = useTeaching((state) => state.panel === 'module');
  if (!open) return null;
  return <GroupModuleForm key="open" defaultName={freshModuleName()} label={t('teaching.groupModule')} />;
}

function GroupModuleForm({ defaultName, label }: { defaultName: string; label: string }) {
  const t = useT();
  const [name, setName] = useState(defaultName);
  const [problem, setProblem] = useState<ModuleProblem | null>(null);
  const selected = useEditor((state) => state.selection.nodes.length);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const state = editorStore.getState();
    const result = collapseToModule(state.document, state.selection.nodes, name.trim(), registry);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    state.dispatch({ type: 'replaceDocument', document: result.document });
    state.setSelection({ nodes: [result.moduleNodeId], edges: [] });
    closeTeachingPanel();
  };

  return (
    <section className="teaching-panel" role="dialog" aria-labelledby="module-title" data-testid="module-panel">
      <header className="teaching-panel-header">
        <h2 id="module-title">{label}</h2>
        <button type="button" onClick={closeTeachingPanel}>{t('teaching.close')}</button>
      </header>
      <form onSubmit={submit} className="formula-form">
        <input data-testid="module-name" value={name} aria-label={t('teaching.moduleName')} onChange={(event) => setName(event.target.value)} />
        <button type="submit" data-testid="module-group-confirm" disabled={name.trim() === '' || selected === 0}>{t('teaching.groupModuleConfirm')}</button>
      </form>
      {problem && <p className="problem error" data-testid="module-error">{describeModuleProblem(t, problem)}</p>}
      <p className="hint">{selected === 0 ? t('teaching.groupModuleNoSelection') : t('teaching.groupModuleHelp')}</p>
      <BuiltinModuleForm />
    </section>
  );
}

/** Shows a menu of the built-in modules and inserts the chosen one as a module node. */
function BuiltinModuleForm() {
  const t = useT();
  const [choice, setChoice] = useState(Object.keys(BUILTIN_MODULES)[0]);

  const insert = (event: FormEvent) => {
    event.preventDefault();
    const state = editorStore.getState();
    const result = withBuiltinModule(state.document, choice);
    state.dispatch({ type: 'replaceDocument', document: result.document });
    state.setSelection({ nodes: [result.nodeId], edges: [] });
    closeTeachingPanel();
  };

  return (
    <form onSubmit={insert} className="formula-form">
      <label>
        {t('teaching.builtinModule')}{' '}
        <select data-testid="builtin-module" value={choice} onChange={(event) => setChoice(event.target.value)}>
          {Object.keys(BUILTIN_MODULES).map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
      </label>
      <button type="submit" data-testid="builtin-module-insert">{t('teaching.builtinModuleInsert')}</button>
    </form>
  );
}
