import type { ModuleProblem } from '../../engine/modules';
import type { MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/translate';

/** Writes a failed module operation's error in the user's language. */
export function describeModuleProblem(t: Translate, problem: ModuleProblem): string {
  // Typed as MessageKey, so a problem code without a message fails to compile.
  const key: MessageKey = `module.error.${problem.code}`;
  return t(key, problem.details);
}
