import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';

/** Lists why the last file failed to load. The graph on the canvas is still the one from before. */
export function LoadErrorPanel() {
  const t = useT();
  const loadError = useEditor((state) => state.loadError);
  if (!loadError) return null;
  return (
    <div className="load-error" role="alert" data-testid="load-error">
      <strong>{t('loadError.title', { file: loadError.fileName })}</strong>
      <ul>
        {loadError.messages.map((message, index) => (
          <li key={index}>{message}</li>
        ))}
      </ul>
      <button type="button" data-testid="load-error-dismiss" onClick={() => editorStore.getState().setLoadError(null)}>
        {t('loadError.dismiss')}
      </button>
    </div>
  );
}
