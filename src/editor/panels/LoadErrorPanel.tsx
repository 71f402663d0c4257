import { loadErrorLines, loadErrorName } from '../i18n/load-problem-text';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';

/**
 * Lists why the last file failed to load, in the current language. A line
 * without a code shows the engine's English sentence. The graph on the canvas
 * is still the one from before.
 */
export function LoadErrorPanel() {
  const t = useT();
  const language = useEditor((state) => state.language);
  const loadError = useEditor((state) => state.loadError);
  if (!loadError) return null;
  return (
    <div className="load-error" role="alert" data-testid="load-error">
      <strong>{t('loadError.title', { file: loadErrorName(language, loadError) })}</strong>
      <ul>
        {loadErrorLines(language, loadError).map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
      <button type="button" data-testid="load-error-dismiss" onClick={() => editorStore.getState().setLoadError(null)}>
        {t('loadError.dismiss')}
      </button>
    </div>
  );
}
