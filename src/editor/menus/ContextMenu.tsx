import { useEffect, useRef, type KeyboardEvent } from 'react';
import { findCommand } from '../commands/commands';
import { appEnvironment } from '../commands/environment';
import { formatKey, isMacPlatform } from '../commands/keys';
import { uiStore, useUi, type ContextMenuRequest } from '../commands/ui-store';
import { useT } from '../i18n/use-t';
import { useInsideWindow } from './keep-in-window';
import { menuItems } from './menu-items';
import './menus.css';

const close = () => uiStore.setState({ contextMenu: null });
const mac = typeof navigator !== 'undefined' && isMacPlatform(navigator.platform);

/** The right-click menu of a node, a wire or the empty canvas. */
export function ContextMenu() {
  const request = useUi((state) => state.contextMenu);
  if (!request) return null;
  return <Menu key={`${request.screen.x},${request.screen.y}`} request={request} />;
}

function Menu({ request }: { request: ContextMenuRequest }) {
  const t = useT();
  const list = useRef<HTMLUListElement>(null);
  const placement = useInsideWindow(list, request.screen);
  const items = menuItems(request.target).map((item) => ({ ...item, command: findCommand(item.command) }));

  useEffect(() => {
    list.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, []);

  const run = (index: number) => {
    const { command } = items[index];
    close();
    void command.perform(appEnvironment, { at: request.flow, screen: request.screen });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
    const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') close();
    else if (event.key === 'ArrowDown') buttons[(current + 1) % buttons.length]?.focus();
    else if (event.key === 'ArrowUp') buttons[(current - 1 + buttons.length) % buttons.length]?.focus();
    else return;
    event.preventDefault();
  };

  return (
    <div className="overlay-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()} onContextMenu={(event) => {
      event.preventDefault();
      close();
    }}>
      <ul
        ref={list}
        className="context-menu"
        role="menu"
        aria-label={t('menu.label')}
        data-testid={`context-menu-${request.target.type}`}
        style={placement}
        onKeyDown={onKeyDown}
      >
        {items.map((item, index) => (
          <li key={item.command.id} role="none">
            <button type="button" role="menuitem" data-testid={`menu-${item.command.id}`} disabled={!item.command.enabled(appEnvironment)} onClick={() => run(index)}>
              <span>{t(item.label ?? item.command.label)}</span>
              <kbd>{formatKey(item.command.keys[0], mac)}</kbd>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
