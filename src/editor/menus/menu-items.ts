import type { MessageKey } from '../i18n/en';
import type { CommandId } from '../commands/types';
import type { MenuTarget } from '../commands/ui-store';

/** An entry of a context menu: a command, shown with its own label unless another fits the menu better. */
export interface MenuItem {
  command: CommandId;
  label?: MessageKey;
}

/** Lists the context menu items of a target, taken from the command list. */
export function menuItems(target: MenuTarget): MenuItem[] {
  switch (target.type) {
    case 'node':
      return [{ command: 'copy' }, { command: 'cut' }, { command: 'duplicate' }, { command: 'delete' }];
    case 'edge':
      return [{ command: 'delete' }];
    case 'pane':
      return [
        { command: 'paste', label: 'command.pasteHere' },
        { command: 'addNode', label: 'command.addNodeHere' },
        { command: 'selectAll' },
        { command: 'tidyLayout' },
        { command: 'fitView' },
      ];
  }
}
