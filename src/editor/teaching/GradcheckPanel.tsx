import { gradientCheck, type GradientCheckEntry } from '../../engine/gradcheck';
import { registry } from '../../nodes';
import type { MessageKey } from '../i18n/en';
import { useT } from '../i18n/use-t';
import { useQuiz } from '../quiz/quiz-store';
import { questionKeysOf } from '../quiz/quiz-view';
import { editorStore, useEditor } from '../store/use-editor';
import { closeTeachingPanel, teachingStore, useTeaching } from './teaching-store';

/**
 * Maximum number of elements checked per node in the editor. Each element
 * costs two runs of the graph on the page's thread, so a large weight matrix
 * is sampled at evenly spread elements instead of checked in full.
 */
export const EDITOR_ELEMENTS_PER_NODE = 12;

/** Runs the gradient check on the current document and opens the panel with its result. */
export function runGradientCheck(): void {
  const { document } = editorStore.getState();
  try {
    const result = gradientCheck(document, registry, { maxElementsPerNode: EDITOR_ELEMENTS_PER_NODE });
    teachingStore.setState({ panel: 'gradcheck', gradcheck: result, checkedDocument: document, gradcheckError: null });
  } catch (error) {
    teachingStore.setState({ panel: 'gradcheck', gradcheck: null, checkedDocument: document, gradcheckError: error instanceof Error ? error.message : String(error) });
  }
}

/** Shows the "Gradient check" toolbar button, which runs the check and opens the panel. */
export function GradcheckButton() {
  const t = useT();
  const ready = useEditor((state) => state.backend.status === 'ready');
  const questions = useEditor((state) => questionKeysOf(state.document));
  // The table lists every gradient of the graph, so it waits until the quiz's answers show, except for the lecturer editing the quiz.
  const quizOpen = useQuiz((state) => !state.editing && questions.some((key) => !state.revealed.has(key)));
  return (
    <button
      type="button"
      data-testid="gradcheck"
      title={quizOpen ? t('quiz.gradcheckBlocked') : t('teaching.gradcheckTitle')}
      disabled={!ready || quizOpen}
      onClick={runGradientCheck}
    >
      {t('teaching.gradcheck')}
    </button>
  );
}

/** Shows the result table: one row per checked element, wrong rows highlighted and kink rows explained. */
export function GradcheckPanel() {
  const t = useT();
  const open = useTeaching((state) => state.panel === 'gradcheck');
  const result = useTeaching((state) => state.gradcheck);
  const error = useTeaching((state) => state.gradcheckError);
  const document = useEditor((state) => state.document);
  const checkedDocument = useTeaching((state) => state.checkedDocument);
  const stale = result !== null && document !== checkedDocument;
  if (!open) return null;

  const count = (verdict: GradientCheckEntry['verdict']) => result?.entries.filter((entry) => entry.verdict === verdict).length ?? 0;
  return (
    <section className="teaching-panel" role="dialog" aria-labelledby="gradcheck-title" data-testid="gradcheck-panel">
      <header className="teaching-panel-header">
        <h2 id="gradcheck-title">{t('teaching.gradcheckHeading')}</h2>
        <button type="button" data-testid="gradcheck-rerun" onClick={runGradientCheck}>{t('teaching.rerun')}</button>
        <button type="button" data-testid="gradcheck-close" onClick={closeTeachingPanel}>{t('teaching.close')}</button>
      </header>
      {stale && <p className="problem warning" data-testid="gradcheck-stale">{t('teaching.gradcheckStale')}</p>}
      {error && <p className="problem error">{t('teaching.gradcheckFailed', { message: error })}</p>}
      {result && result.entries.length === 0 && <p className="hint">{t('teaching.nothingToCheck')}</p>}
      {result && result.entries.length > 0 && (
        <>
          <p data-testid="gradcheck-summary" className={result.ok ? 'gradcheck-ok' : 'gradcheck-wrong'}>
            {t('teaching.summary', { count: result.entries.length, ok: count('ok'), kink: count('kink'), wrong: count('wrong') })}
          </p>
          <EntriesTable entries={result.entries} />
          <p className="hint">{t('teaching.limitNote', { count: EDITOR_ELEMENTS_PER_NODE })}</p>
        </>
      )}
    </section>
  );
}

function EntriesTable({ entries }: { entries: readonly GradientCheckEntry[] }) {
  const t = useT();
  return (
    <table className="gradcheck-table" data-testid="gradcheck-table">
      <thead>
        <tr>
          <th>{t('teaching.columnNode')}</th>
          <th>{t('teaching.columnIndex')}</th>
          <th>{t('teaching.columnAnalytic')}</th>
          <th>{t('teaching.columnNumeric')}</th>
          <th>{t('teaching.columnRelativeError')}</th>
          <th>{t('teaching.columnVerdict')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={`${entry.nodeId}[${entry.index}]`} className={`verdict-${entry.verdict}`} data-testid={`gradcheck-row-${entry.nodeId}-${entry.index}`}>
            <td>{entry.nodeId}</td>
            <td>{entry.index}</td>
            <td>{formatNumber(entry.analytic)}</td>
            <td>{formatNumber(entry.numeric)}</td>
            <td>{entry.relativeError.toExponential(1)}</td>
            <td>
              {t(`teaching.verdict.${entry.verdict}` as MessageKey)}
              {entry.verdict === 'kink' && <div className="verdict-note">{t('teaching.kinkExplanation')}</div>}
              {entry.verdict === 'wrong' && <div className="verdict-note">{t('teaching.wrongExplanation')}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function formatNumber(value: number): string {
  return Number(value.toPrecision(5)).toString().replace('-', '\u2212');
}
