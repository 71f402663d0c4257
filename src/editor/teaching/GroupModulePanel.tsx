import { useState, type FormEvent } from 'react';
import { collapseToModule } from '../../engine/modules';
import { registry } from '../../nodes';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';
import { closeTeachingPanel, teachingStore, useTeaching } from './teaching-store';

/** Returns "module1", "module2", … : the first such name no module of the document uses. */
function freshModuleName(): string {
  const modules = editorStore.getState().document.modules ?? {};
  let count = 1;
  while (Object.hasOwn(modules, `module${count}`)) count += 1;
  return `module${count}`;
}

/** Shows the "Group as module" toolbar button, enabled while nodes are selected. */
export function GroupModuleButton() {
  const t = useT();
  const selected = useEditor((state) => state.selection.nodes.length);
  return (
    <button type="button" data-testid="group-module" title={t('teaching.groupModuleTitle')} disabled={selected === 0} onClick={() => teachingStore.setState({ panel: 'module' })}>
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
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const state = editorStore.getState();
    const result = collapseToModule(state.document, state.selection.nodes, name.trim(), registry);
    if (!result.ok) {
      setError(result.error);
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
        <button type="submit" data-testid="module-group-confirm" disabled={name.trim() === ''}>{t('teaching.groupModuleConfirm')}</button>
      </form>
      {error && <p className="problem error" data-testid="module-error">{error}</p>}
      <p className="hint">{t('teaching.groupModuleHelp')}</p>
    </section>
  );
}
