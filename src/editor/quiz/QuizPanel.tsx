import { useEffect } from 'react';
import { DEFAULT_TOLERANCE, type QuizTolerance } from '../../engine/quiz';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';
import { questionKeysOf } from './quiz-view';
import { resetAnswers, revealAll, setQuizEditing, useQuiz } from './quiz-store';
import './quiz.css';

/**
 * Shows the quiz's panel over the canvas: the score, the tolerance, "reveal all"
 * and "start again" for the student, and while quiz editing the count of
 * hidden numbers and the tolerance fields for the lecturer.
 */
export function QuizPanel() {
  const t = useT();
  const keys = useEditor((state) => questionKeysOf(state.document));
  const tolerance = useEditor((state) => state.document.quiz?.tolerance ?? DEFAULT_TOLERANCE);
  const loadCount = useEditor((state) => state.loadCount);
  const editing = useQuiz((state) => state.editing);
  const answers = useQuiz((state) => state.answers);
  const revealed = useQuiz((state) => state.revealed);

  // Predictions belong to the document they were made for.
  useEffect(() => resetAnswers(), [loadCount]);

  if (!editing && keys.length === 0) return null;
  const correct = keys.filter((key) => answers[key]?.scored).length;
  const open = keys.filter((key) => !revealed.has(key)).length;
  const toleranceText = t('quiz.tolerance', { absolute: tolerance.absolute, relative: Number((tolerance.relative * 100).toPrecision(4)) });

  return (
    <section className="quiz-panel" data-testid="quiz-panel" aria-label={t('quiz.heading')}>
      <h2>{t('quiz.heading')}</h2>
      {editing ? (
        <>
          <p data-testid="quiz-edit-hint">{t('quiz.editHint', { count: keys.length })}</p>
          <ToleranceFields tolerance={tolerance} />
          <p className="hint">{t('quiz.notEncrypted')}</p>
          <div className="quiz-actions">
            <button type="button" data-testid="quiz-edit-done" onClick={() => setQuizEditing(false)}>{t('quiz.done')}</button>
          </div>
        </>
      ) : (
        <>
          <p className="quiz-score" data-testid="quiz-score">{t('quiz.score', { correct, total: keys.length })}</p>
          {open > 0 && <p data-testid="quiz-open">{t('quiz.open', { open })}</p>}
          <p className="hint">{open > 0 ? t('quiz.help') : t('quiz.scoreNote')}</p>
          <p className="hint" data-testid="quiz-tolerance">{toleranceText}</p>
          <div className="quiz-actions">
            <button type="button" data-testid="quiz-reveal-all" disabled={open === 0} onClick={() => revealAll(keys)}>{t('quiz.revealAll')}</button>
            <button type="button" data-testid="quiz-start-again" onClick={resetAnswers}>{t('quiz.startAgain')}</button>
          </div>
        </>
      )}
    </section>
  );
}

/** Fields for the lecturer's tolerance; each valid change is one undo step of the document. */
function ToleranceFields({ tolerance }: { tolerance: QuizTolerance }) {
  const t = useT();
  const update = (change: Partial<QuizTolerance>) => {
    const state = editorStore.getState();
    const next = { ...tolerance, ...change };
    if (!(next.relative >= 0 && next.relative <= 1 && next.absolute >= 0 && Number.isFinite(next.absolute))) return;
    state.dispatch({ type: 'replaceDocument', document: { ...state.document, quiz: { hidden: state.document.quiz?.hidden ?? [], tolerance: next } } });
  };
  return (
    <p>
      <label>
        {t('quiz.absolute')}
        <input type="number" min={0} step={0.001} data-testid="quiz-absolute" value={tolerance.absolute} onChange={(event) => update({ absolute: event.target.valueAsNumber })} />
      </label>
      <label>
        {t('quiz.relative')}
        <input type="number" min={0} max={100} step={0.1} data-testid="quiz-relative" value={Number((tolerance.relative * 100).toPrecision(4))} onChange={(event) => update({ relative: event.target.valueAsNumber / 100 })} />
      </label>
    </p>
  );
}
