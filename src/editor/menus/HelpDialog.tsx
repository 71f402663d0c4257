import { commands } from '../commands/commands';
import { formatKey, isMacPlatform } from '../commands/keys';
import { uiStore, useUi } from '../commands/ui-store';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/use-t';
import { ModalDialog } from './ModalDialog';

const mac = typeof navigator !== 'undefined' && isMacPlatform(navigator.platform);
const mouseHelp: readonly MessageKey[] = ['help.doubleClick', 'help.dropWire', 'help.boxSelect', 'help.multiSelect', 'help.contextMenu', 'help.cancelDrag'];
const close = () => uiStore.setState({ dialog: null });

/** Lists every command with its keys, read from the command list, and the mouse gestures. */
export function HelpDialog() {
  const open = useUi((state) => state.dialog === 'help');
  return open ? <HelpContent /> : null;
}

function HelpContent() {
  const t = useT();
  return (
    <ModalDialog name="help" title={t('command.help')} closeLabel={t('help.close')} onClose={close} focusClose>
      <table>
        <thead>
          <tr><th scope="col">{t('help.keys')}</th><th scope="col">{t('help.action')}</th></tr>
        </thead>
        <tbody>
          {commands.map((command) => (
            <tr key={command.id} data-testid={`help-${command.id}`}>
              <td>{command.keys.map((spec, index) => <kbd key={index}>{formatKey(spec, mac)}</kbd>)}</td>
              <td>{t(command.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('help.typingNote')}</p>
      <h3>{t('help.mouse')}</h3>
      <ul>
        {mouseHelp.map((key) => <li key={key}>{t(key)}</li>)}
      </ul>
      <h3>{t('help.zoomedOut')}</h3>
      <p data-testid="help-zoomed-out">{t('help.zoomedOutKeys')}</p>
    </ModalDialog>
  );
}
