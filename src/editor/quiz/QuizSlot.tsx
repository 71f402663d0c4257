import { useState, type FormEvent } from 'react';
import { markAnswer, toggleHidden, type AnswerProblem, type QuizQuestion } from '../../engine/quiz';
import type { Translate } from '../i18n/translate';
import { useT } from '../i18n/use-t';
import { editorStore } from '../store/use-editor';
import { expectedAnswer, toleranceOf, type SlotMode } from './quiz-view';
import { submitAnswer, useQuiz } from './quiz-store';
import './quiz.css';

interface QuizSlotProps {
  mode: Exclude<SlotMode, 'plain'>;
  questionKey: string;
  question: Pick<QuizQuestion, 'target' | 'part'>;
  /** The formatted number the slot stands for, shown once revealed and in quiz editing. */
  text: string;
  /** Prefix of the test ids, such as "edge-grad-x.out->q.a". */
  testId: string;
}

/**
 * Shows one quiz-aware value or gradient: a "?" while hidden, an answer field while
 * asked, the right value with the mark once answered, and a hide/show button
 * in quiz editing.
 */
export function QuizSlot({ mode, questionKey, question, text, testId }: QuizSlotProps) {
  const t = useT();
  if (mode === 'edit-shown' || mode === 'edit-hidden') {
    const hidden = mode === 'edit-hidden';
    return (
      <button
        type="button"
        className={hidden ? 'quiz-toggle hidden nodrag nopan' : 'quiz-toggle nodrag nopan'}
        data-testid={`${testId}-quiz-toggle`}
        aria-pressed={hidden}
        title={hidden ? t('quiz.showTitle') : t('quiz.hideTitle')}
        onClick={() => toggleQuestion(question)}
      >
        {text}
      </button>
    );
  }
  if (mode === 'hidden') return <span className="quiz-hidden" data-testid={`${testId}-quiz-hidden`} title={t('quiz.hiddenTitle')}>?</span>;
  return <QuizAnswerField answered={mode === 'answered'} questionKey={questionKey} question={question} text={text} testId={testId} />;
}

function toggleQuestion(question: Pick<QuizQuestion, 'target' | 'part'>): void {
  const state = editorStore.getState();
  const quiz = toggleHidden(state.document.quiz, question.target, question.part);
  const { quiz: _old, ...rest } = state.document;
  state.dispatch({ type: 'replaceDocument', document: quiz ? { ...rest, quiz } : rest });
}

function QuizAnswerField({ answered, questionKey, question, text, testId }: Omit<QuizSlotProps, 'mode'> & { answered: boolean }) {
  const t = useT();
  const answer = useQuiz((state) => state.answers[questionKey]);
  const [draft, setDraft] = useState(answer?.text ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const state = editorStore.getState();
    const expected = expectedAnswer(state, question);
    if (!expected) return;
    const mark = markAnswer(draft, expected, toleranceOf(state.document));
    if (mark.ok) submitAnswer(questionKey, draft, mark.correct, null);
    else submitAnswer(questionKey, draft, null, mark);
  };

  const correct = answered && answer?.correct === true;
  return (
    <span className="quiz-slot nodrag nopan" data-testid={`${testId}-quiz`}>
      {answered && <span className="quiz-right" data-testid={`${testId}-quiz-right`}>{text}</span>}
      {answered && <Mark correct={answer?.correct ?? null} />}
      {!correct && (
        <form className="quiz-form" onSubmit={submit}>
          <input
            className="quiz-input"
            data-testid={`${testId}-quiz-input`}
            value={draft}
            size={6}
            placeholder="?"
            aria-label={t(question.part === 'value' ? 'quiz.predictValue' : 'quiz.predictGradient')}
            onChange={(event) => setDraft(event.target.value)}
          />
        </form>
      )}
      {answer?.problem && <span className="quiz-problem" role="alert" data-testid={`${testId}-quiz-problem`}>{describeProblem(t, answer.problem)}</span>}
    </span>
  );
}

/** Shows the mark of an answered question: ✓ correct, ✗ wrong, or "revealed" without a readable answer. */
function Mark({ correct }: { correct: boolean | null }) {
  const t = useT();
  if (correct === null) return <span className="quiz-mark revealed" data-testid="quiz-mark">{t('quiz.revealed')}</span>;
  return (
    <span className={correct ? 'quiz-mark correct' : 'quiz-mark wrong'} data-testid="quiz-mark" aria-label={correct ? t('quiz.correct') : t('quiz.wrong')}>
      {correct ? '✓' : '✗'}
    </span>
  );
}

export function describeProblem(t: Translate, problem: AnswerProblem): string {
  switch (problem.code) {
    case 'empty':
      return t('quiz.problem.empty');
    case 'not-a-number':
      return t('quiz.problem.notANumber', { token: problem.token });
    case 'count':
      return t('quiz.problem.count', { expected: problem.expected, found: problem.found });
  }
}
