import { UNSUPPORTED_SYNTAX_CODES, type FormulaProblem } from '../../engine/expression/problem';
import type { MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/translate';

/** Writes a formula tool's error in the user's language, with the list of supported syntax where it applies. */
export function describeFormulaProblem(t: Translate, problem: FormulaProblem): string {
  // Typed as MessageKey, so a problem code without a message fails to compile.
  const key: MessageKey = `formula.error.${problem.code}`;
  const available = UNSUPPORTED_SYNTAX_CODES.has(problem.code) ? t('formula.available') : '';
  return t(key, { ...problem.details, available }).trim();
}
