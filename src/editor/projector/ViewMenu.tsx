import { useState } from 'react';
import { useT } from '../i18n/use-t';
import { PALETTE_NAMES } from '../palette/palette';
import { setQuizEditing, useQuiz } from '../quiz/quiz-store';
import { useEditor } from '../store/use-editor';
import { useViewSettings, viewSettingsStore } from './view-settings';
import '../menus/menus.css';
import '../palette/palette.css';
import './projector.css';

/** Shows the toolbar's View menu: projector mode, the colour palette, and quiz editing for the lecturer. */
export function ViewMenu() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const projector = useViewSettings((state) => state.projector);
  const palette = useViewSettings((state) => state.palette);
  const editing = useQuiz((state) => state.editing);
  const locked = useEditor((state) => state.lecture.lockEditing);

  return (
    // On the wrapper, so Escape also closes a menu opened with the mouse while its button keeps the focus.
    <span className="export-menu" onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
      <button type="button" data-testid="view-menu" aria-haspopup="true" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('viewMenu.heading')}
      </button>
      {open && <div className="overlay-backdrop" onMouseDown={() => setOpen(false)} />}
      {open && (
        <div className="context-menu export-list view-menu-list">
          <label title={t('viewMenu.projectorTitle')}>
            <input
              type="checkbox"
              data-testid="projector-toggle"
              checked={projector}
              onChange={(event) => viewSettingsStore.setState({ projector: event.target.checked })}
            />
            {t('viewMenu.projector')}
          </label>
          <label title={t('quiz.editTitle')}>
            <input type="checkbox" data-testid="quiz-edit-toggle" checked={editing} disabled={locked} onChange={(event) => setQuizEditing(event.target.checked)} />
            {t('quiz.edit')}
          </label>
          <fieldset>
            <legend>{t('viewMenu.palette')}</legend>
            {PALETTE_NAMES.map((name) => (
              <label key={name}>
                <input
                  type="radio"
                  name="palette"
                  data-testid={`palette-${name}`}
                  checked={palette === name}
                  onChange={() => viewSettingsStore.setState({ palette: name })}
                />
                {t(`viewMenu.palette.${name}`)}
              </label>
            ))}
          </fieldset>
        </div>
      )}
    </span>
  );
}
