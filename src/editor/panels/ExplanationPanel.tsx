import { findPreset } from '../../presets';
import { useT } from '../i18n/use-t';
import { useQuizOpen } from '../quiz/quiz-view';
import { editorStore, useEditor } from '../store/use-editor';

/** Shows the loaded preset's explanation in the current language, in a collapsible panel. */
export function ExplanationPanel() {
  const t = useT();
  const presetId = useEditor((state) => state.presetId);
  const language = useEditor((state) => state.language);
  const open = useEditor((state) => state.explanationOpen);
  // A preset's explanation states its values and gradients, so it stays hidden until every quiz answer shows.
  const quizOpen = useQuizOpen();
  const preset = presetId ? findPreset(presetId) : undefined;
  if (!preset) return null;

  const toggleLabel = open ? t('explanation.hide') : t('explanation.show');
  return (
    <section className={`explanation${open ? ' open' : ''}`}>
      <button
        type="button"
        className="explanation-toggle"
        data-testid="explanation-toggle"
        aria-expanded={open}
        onClick={() => editorStore.getState().setExplanationOpen(!open)}
      >
        {open ? '▾' : '▸'} {preset.title[language]} <span className="muted">({toggleLabel})</span>
      </button>
      {open && !quizOpen && <p data-testid="explanation">{preset.explanation[language]}</p>}
      {open && quizOpen && <p className="hint" data-testid="explanation-quiz-hidden">{t('explanation.quizHidden')}</p>}
    </section>
  );
}
