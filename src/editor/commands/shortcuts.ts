import { useEffect } from 'react';
import { commands } from './commands';
import { isTextEntryKey, matchesKey, targetWithin, type KeyInput } from './keys';
import type { Command, CommandEnvironment } from './types';

/**
 * Returns the enabled command a key press runs, or null. Keys typed into a
 * field or an IME composition never run a command, nor do keys pressed while
 * a dialog is open, because the dialog handles its own keys.
 */
export function commandForKey(event: KeyInput & { repeat?: boolean }, env: CommandEnvironment, list: readonly Command[] = commands): Command | null {
  if (isTextEntryKey(event) || env.ui.getState().dialog !== null) return null;
  const command = list.find((candidate) => candidate.keys.some((spec) => matchesKey(spec, event)));
  if (!command) return null;
  if (event.repeat && !command.repeats) return null;
  if (command.ownKeysSelector && targetWithin(event.target, command.ownKeysSelector)) return null;
  return command.enabled(env) ? command : null;
}

/**
 * Runs commands from the keyboard anywhere on the page while mounted. A field
 * that loses focus ends its group of edits, so typing into it again later is
 * a new undo step.
 */
export function useCommandShortcuts(env: CommandEnvironment): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandForKey(event, env);
      if (!command) return;
      event.preventDefault();
      void command.perform(env);
    };
    const onFocusOut = () => env.editor.getState().endEditGroup();
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('focusout', onFocusOut);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('focusout', onFocusOut);
    };
  }, [env]);
}
