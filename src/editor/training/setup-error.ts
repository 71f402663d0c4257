import type { TrainerFailure } from '../../engine/training/trainer';
import { diagnosticMessage, type Message, type Translate } from '../i18n/translate';

/** The reason a session could not open: English text from the engine, or a message translated where it is shown. */
export type SessionError = string | Message;

/** The reason training cannot start, and whether the dataset or the graph is the cause. */
export interface SetupError {
  stage: 'dataset' | 'graph';
  reason: SessionError;
}

/** Returns a session error's text in the language of `t`. */
export function sessionErrorText(t: Translate, error: SessionError): string {
  return typeof error === 'string' ? error : t(error.key, error.params);
}

/** Returns the message that explains a trainer failure: its diagnostic's, or its training problem's. */
export function failureMessage(failure: TrainerFailure): SessionError {
  const { problem } = failure;
  if ('severity' in problem) return diagnosticMessage(problem);
  if (problem.code === 'label-range') {
    const part = problem.details.part;
    // A split without a message of its own keeps the engine's English text.
    return part === 'train' || part === 'validation' || part === 'test' ? { key: `training.problem.label-range.${part}`, params: problem.details } : failure.error;
  }
  return { key: `training.problem.${problem.code}`, params: problem.details };
}
