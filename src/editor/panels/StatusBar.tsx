import type { MessageKey } from '../i18n/en';
import { translate, translateDiagnostic, type Language } from '../i18n/translate';
import { useT } from '../i18n/use-t';
import type { BackendStatus } from '../store/store';
import { editorStore, useEditor } from '../store/use-editor';

/** Backend in use and why, then every diagnostic of the graph, notices and a failed run. */
export function StatusBar() {
  const t = useT();
  const language = useEditor((state) => state.language);
  const backend = useEditor((state) => state.backend);
  const diagnostics = useEditor((state) => state.trace?.diagnostics ?? state.program?.diagnostics);
  const notices = useEditor((state) => state.notices);
  const runError = useEditor((state) => state.runError);
  const { dismissNotice, setSelection } = editorStore.getState();

  const problems = diagnostics ?? [];
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label={t('status.label')}>
      <span className="backend" data-testid="backend" title={describeBackend(language, backend)}>
        {describeBackend(language, backend)}
      </span>
      <ul className="problems">
        {runError && <li className="problem error" data-testid="run-error">{t('notice.runFailed', { message: runError })}</li>}
        {problems.map((diagnostic, index) => (
          <li key={index} className={`problem ${diagnostic.severity}`} data-testid="diagnostic">
            <button type="button" className="link-button" onClick={() => setSelection({ nodes: [diagnostic.nodeId], edges: [] })}>
              {translateDiagnostic(language, diagnostic)}
            </button>
          </li>
        ))}
        {notices.map((notice, index) => (
          <li key={`notice-${index}`} className="problem notice" data-testid="notice">
            {t(notice.key, notice.params)}
            <button type="button" className="link-button" onClick={() => dismissNotice(index)}>{t('status.dismiss')}</button>
          </li>
        ))}
        {!runError && problems.length === 0 && notices.length === 0 && backend.status === 'ready' && (
          <li className="muted">{t('status.noProblems')}</li>
        )}
      </ul>
    </footer>
  );
}

/** Names the backend and why it was chosen; English shows the engine's reason, other languages translate it by code. */
function describeBackend(language: Language, backend: BackendStatus): string {
  if (backend.status === 'starting') return translate(language, 'app.starting');
  const { choice, renderer } = backend;
  const reason = language === 'en'
    ? choice.reason
    : translate(language, `backendReason.${choice.reasonCode}` as MessageKey, { name: choice.name, renderer: renderer ?? '' });
  return translate(language, 'status.backend', { name: choice.name, reason });
}
