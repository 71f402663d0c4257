import { useReactFlow } from '@xyflow/react';
import { useCallback, type DragEvent } from 'react';
import type { KindCategory, NodeKind } from '../../engine/types';
import { builtinKinds } from '../../nodes';
import { PALETTE_DRAG_TYPE } from '../canvas/Canvas';
import { addNodeCentredAt } from '../canvas/new-node-place';
import type { MessageKey } from '../i18n/en';
import { kindGloss } from '../i18n/translate';
import { useT } from '../i18n/use-t';
import { useEditor } from '../store/use-editor';

const categories: readonly KindCategory[] = ['inputs', 'gates', 'math', 'activations', 'losses'];

/** Lists every built-in kind by category; drag an item onto the canvas, or click it to add it at the viewport centre. */
export function Palette() {
  const t = useT();
  const language = useEditor((state) => state.language);
  const { screenToFlowPosition } = useReactFlow();

  const addAtCentre = useCallback(
    (kind: string) => {
      const canvas = window.document.getElementById('canvas')?.getBoundingClientRect();
      if (!canvas) return;
      // In the narrow layout the palette covers the canvas's left part, so the node goes to the middle of the rest.
      const drawer = window.document.getElementById('drawer-palette')?.getBoundingClientRect();
      const left = drawer ? Math.min(Math.max(canvas.left, drawer.right), canvas.right) : canvas.left;
      const centre = screenToFlowPosition({ x: (left + canvas.right) / 2, y: canvas.top + canvas.height / 2 });
      addNodeCentredAt(kind, centre);
    },
    [screenToFlowPosition],
  );

  return (
    <nav className="palette" data-testid="palette" aria-label={t('palette.heading')}>
      <h2>{t('palette.heading')}</h2>
      <p className="hint">{t('palette.hint')}</p>
      {categories.map((category) => {
        const kinds = builtinKinds.filter((kind) => kind.category === category);
        if (kinds.length === 0) return null;
        return (
          <section key={category} className="palette-group">
            <h3>{t(`category.${category}` as MessageKey)}</h3>
            <ul>
              {kinds.map((kind) => (
                <PaletteItem key={kind.kind} kind={kind} gloss={kindGloss(language, kind.kind)} title={t('palette.addTitle', { kind: kind.kind })} onAdd={addAtCentre} />
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}

interface PaletteItemProps {
  kind: NodeKind;
  gloss: string | undefined;
  title: string;
  onAdd(kind: string): void;
}

function PaletteItem({ kind, gloss, title, onAdd }: PaletteItemProps) {
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(PALETTE_DRAG_TYPE, kind.kind);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <li>
      <button
        type="button"
        className="palette-item"
        draggable
        onDragStart={onDragStart}
        onClick={() => onAdd(kind.kind)}
        title={title}
        data-testid={`palette-${kind.kind}`}
      >
        <span className="palette-symbol">{kind.symbol}</span>
        <span className="palette-text">
          <span className="palette-name">{kind.kind}</span>
          {gloss && <span className="palette-gloss">{gloss}</span>}
        </span>
      </button>
    </li>
  );
}
