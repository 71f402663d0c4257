import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AnswerProblem } from '../../engine/quiz';

/** A student's latest prediction for one question and how it was marked. */
export interface QuizAnswer {
  text: string;
  /** Null while the text could not be read as numbers; see `problem`. */
  correct: boolean | null;
  problem: AnswerProblem | null;
  /** True when the first readable prediction was correct, before the right value showed: only these count in the score. */
  scored: boolean;
}

/**
 * The student's side of a quiz: predictions, marks and revealed questions.
 * Kept apart from the document, so predictions never enter undo, autosave or links.
 */
export interface QuizState {
  /** True while the lecturer picks what to hide: every value shows and a click hides or shows it. */
  editing: boolean;
  answers: Readonly<Record<string, QuizAnswer>>;
  /** Keys of the questions whose right value shows: answered ones and those revealed by "reveal all". */
  revealed: ReadonlySet<string>;
}

const initialQuiz: QuizState = { editing: false, answers: {}, revealed: new Set() };

export const quizStore = createStore<QuizState>()(() => initialQuiz);

export function useQuiz<T>(select: (state: QuizState) => T): T {
  return useStore(quizStore, select);
}

/** Records a prediction: a readable one reveals the question, and the first readable one decides the score. */
export function submitAnswer(key: string, text: string, correct: boolean | null, problem: AnswerProblem | null): void {
  const state = quizStore.getState();
  const earlier = state.answers[key];
  const firstReadable = correct !== null && !state.revealed.has(key);
  const scored = firstReadable ? correct === true : (earlier?.scored ?? false);
  const revealed = correct === null ? state.revealed : new Set([...state.revealed, key]);
  quizStore.setState({ answers: { ...state.answers, [key]: { text, correct, problem, scored } }, revealed });
}

export function revealAll(keys: readonly string[]): void {
  quizStore.setState({ revealed: new Set([...quizStore.getState().revealed, ...keys]) });
}

/** Clears every prediction and hides the right values again, for a fresh attempt or a new document. */
export function resetAnswers(): void {
  quizStore.setState({ answers: {}, revealed: new Set() });
}

export function setQuizEditing(editing: boolean): void {
  quizStore.setState({ editing });
}
