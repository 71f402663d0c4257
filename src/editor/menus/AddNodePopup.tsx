import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { builtinKinds, registry } from '../../nodes';
import { searchKinds, wirePortType } from '../commands/kind-search';
import { useUi, uiStore, type AddNodeRequest } from '../commands/ui-store';
import { kindGloss } from '../i18n/translate';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';
import { addChosenNode } from './add-node';
import { useInsideWindow } from './keep-in-window';
import './menus.css';

const close = () => uiStore.setState({ addNode: null });

/** The searchable list of node kinds that double-click, "/" or a wire dropped on empty canvas opens. */
export function AddNodePopup() {
  const request = useUi((state) => state.addNode);
  if (!request) return null;
  // A new key remounts the popup with an empty query for every opening.
  return <AddNodeList key={`${request.screen.x},${request.screen.y},${request.wire?.nodeId ?? ''}`} request={request} />;
}

function AddNodeList({ request }: { request: AddNodeRequest }) {
  const t = useT();
  const language = useEditor((state) => state.language);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const popup = useRef<HTMLDivElement>(null);
  const placement = useInsideWindow(popup, request.screen);

  const choices = useMemo(() => {
    const wire = request.wire;
    const type = wire ? wirePortType(editorStore.getState().document, registry, wire) : null;
    return searchKinds(query, builtinKinds, wire && type ? { handleType: wire.handleType, type } : undefined);
  }, [query, request]);
  const highlighted = Math.min(active, Math.max(choices.length - 1, 0));

  const choose = (index: number) => {
    const choice = choices[index];
    if (!choice) return;
    addChosenNode(editorStore, request, choice);
    close();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Escape') close();
    else if (event.key === 'Enter') choose(highlighted);
    else if (event.key === 'ArrowDown') setActive(Math.min(highlighted + 1, choices.length - 1));
    else if (event.key === 'ArrowUp') setActive(Math.max(highlighted - 1, 0));
    else return;
    event.preventDefault();
  };

  return (
    <div className="overlay-backdrop" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <div ref={popup} className="add-node-popup" data-testid="add-node-popup" style={placement} role="dialog" aria-label={t('command.addNode')}>
        <input
          autoFocus
          type="search"
          data-testid="add-node-search"
          placeholder={t('addNode.search')}
          aria-label={t('addNode.search')}
          aria-controls="add-node-choices"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id="add-node-choices" role="listbox" aria-label={t('command.addNode')}>
          {choices.map((choice, index) => (
            <li
              key={choice.kind.kind}
              role="option"
              aria-selected={index === highlighted}
              className={index === highlighted ? 'active' : undefined}
              data-testid={`add-node-choice-${choice.kind.kind}`}
              onMouseEnter={() => setActive(index)}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(index)}
            >
              <span className="palette-symbol">{choice.kind.symbol}</span>
              <span>{choice.kind.kind}</span>
              <span className="palette-gloss">{kindGloss(language, choice.kind.kind)}</span>
            </li>
          ))}
        </ul>
        {choices.length === 0 ? <p className="hint">{t('addNode.none', { query })}</p> : <p className="hint">{t('addNode.hint')}</p>}
      </div>
    </div>
  );
}
