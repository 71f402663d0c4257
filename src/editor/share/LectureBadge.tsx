import { useT } from '../i18n/use-t';
import { normalMode } from '../store/store';
import { editorStore, useEditor } from '../store/use-editor';
import './share.css';

/** Shows that a lecture link hid panels or locked editing, with a button back to the normal editor. */
export function LectureBadge() {
  const t = useT();
  const lecture = useEditor((state) => state.lecture);
  const active = lecture.hidePalette || lecture.hideInspector || lecture.hideSidePanels || lecture.lockEditing;
  if (!active) return null;
  return (
    <span className="lecture-badge" data-testid="lecture-badge">
      {lecture.lockEditing ? (
        <span className="locked-badge" data-testid="locked-badge" title={t('lecture.lockedTitle')}>{t('lecture.locked')}</span>
      ) : (
        <span className="muted">{t('lecture.badge')}</span>
      )}
      <button type="button" data-testid="exit-lecture" onClick={() => editorStore.getState().setLecture(normalMode)}>{t('lecture.exit')}</button>
    </span>
  );
}
