import { useStore } from 'zustand';
import { findCommand } from '../commands/commands';
import { appEnvironment } from '../commands/environment';
import { formatKey, isMacPlatform } from '../commands/keys';
import type { CommandId } from '../commands/types';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';

const mac = typeof navigator !== 'undefined' && isMacPlatform(navigator.platform);

/** Toolbar buttons for undo, redo and the shortcut help, run through the command list. */
export function EditButtons() {
  const canUndo = useStore(editorStore.temporal, (history) => history.pastStates.length > 0);
  const canRedo = useStore(editorStore.temporal, (history) => history.futureStates.length > 0);
  const locked = useEditor((state) => state.lecture.lockEditing);
  return (
    <span className="edit-buttons">
      <CommandButton id="undo" text="↶" enabled={canUndo && !locked} />
      <CommandButton id="redo" text="↷" enabled={canRedo && !locked} />
      <CommandButton id="help" text="?" enabled />
    </span>
  );
}

function CommandButton({ id, text, enabled }: { id: CommandId; text: string; enabled: boolean }) {
  const t = useT();
  const command = findCommand(id);
  const label = `${t(command.label)} (${formatKey(command.keys[0], mac)})`;
  return (
    <button type="button" className="icon-button" data-testid={id} title={label} aria-label={label} disabled={!enabled} onClick={() => void command.perform(appEnvironment)}>
      {text}
    </button>
  );
}
