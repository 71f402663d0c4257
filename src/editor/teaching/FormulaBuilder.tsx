import { useState, type FormEvent } from 'react';
import type { FormulaProblem } from '../../engine/expression';
import { useT } from '../i18n/use-t';
import { editorStore } from '../store/use-editor';
import { closeTeachingPanel, teachingStore, useTeaching } from './teaching-store';
import { describeFormulaProblem } from './formula-messages';
import { useFormulaTools } from './use-formula-tools';

/** Shows the "Formula" toolbar button, which opens the formula builder. */
export function FormulaButton() {
  const t = useT();
  return (
    <button type="button" data-testid="formula-open" title={t('teaching.formulaTitle')} onClick={() => teachingStore.setState({ panel: 'formula' })}>
      {t('teaching.formula')}
    </button>
  );
}

/** Shows a text field that turns a formula such as (x + y) * z into a new graph, which replaces the current one as one undo step. */
export function FormulaBuilder() {
  const t = useT();
  const open = useTeaching((state) => state.panel === 'formula');
  const tools = useFormulaTools();
  const [text, setText] = useState('');
  // The problem, not its text, so the message follows a language switch.
  const [error, setError] = useState<FormulaProblem | null>(null);
  if (!open) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!tools) return;
    const result = tools.buildGraphFromFormula(text);
    if (!result.ok) {
      setError(result.problem);
      return;
    }
    setError(null);
    editorStore.getState().loadDocument(result.document, null);
    closeTeachingPanel();
  };

  return (
    <section className="teaching-panel" role="dialog" aria-labelledby="formula-title" data-testid="formula-panel">
      <header className="teaching-panel-header">
        <h2 id="formula-title">{t('teaching.formula')}</h2>
        <button type="button" onClick={closeTeachingPanel}>{t('teaching.close')}</button>
      </header>
      <form onSubmit={submit} className="formula-form">
        <input
          data-testid="formula-input"
          value={text}
          placeholder="1 / (1 + exp(-(w0*x0 + w1*x1 + w2)))"
          aria-label={t('teaching.formula')}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" data-testid="formula-build" disabled={!tools || text.trim() === ''}>{t('teaching.formulaBuild')}</button>
      </form>
      {error && <p className="problem error" data-testid="formula-error">{describeFormulaProblem(t, error)}</p>}
      <p className="hint">{t('teaching.formulaHelp')}</p>
    </section>
  );
}
