import { useState } from 'react';
import { parseCsvDataset, type CsvProblem } from '../../presets/datasets';
import { useT } from '../i18n/use-t';
import { csvProblemText } from './messages';
import { editorStore } from '../store/use-editor';
import { withDataset } from './settings';

/** A few rows in the expected form, shown until the user pastes their own. */
const CSV_PLACEHOLDER = 'x1, x2, x3, label\n0.5, 0.2, 1.0, 0\n-0.3, 0.8, 0.1, 1\n…';

/**
 * Edits pasted "feature, …, feature, label" rows. Apply parses them and
 * switches the document to the pasted dataset only when they are valid. A
 * preset graph is rebuilt for the CSV's features and classes. A parse error
 * names the line and column and leaves the graph untouched.
 */
export function CsvInput({ initialText, presetId }: { initialText: string; presetId: string | null }) {
  const t = useT();
  const [text, setText] = useState(initialText);
  const [problem, setProblem] = useState<CsvProblem | null>(null);

  const apply = () => {
    const parsed = parseCsvDataset(text);
    if (!parsed.ok) {
      setProblem(parsed.problem);
      return;
    }
    setProblem(null);
    const state = editorStore.getState();
    const dataset = { name: 'csv' as const, csv: text, classes: parsed.dataset.classes };
    state.dispatch({ type: 'replaceDocument', document: withDataset(state.document, presetId, dataset) });
  };

  return (
    <div className="training-csv">
      <label>
        <span>{t('training.csvLabel')}</span>
        <textarea data-testid="csv-input" rows={5} spellCheck={false} placeholder={CSV_PLACEHOLDER} value={text} onChange={(event) => setText(event.target.value)} />
      </label>
      <button type="button" data-testid="csv-apply" onClick={apply}>{t('training.csvApply')}</button>
      {problem && <p className="training-error" role="alert" data-testid="csv-error">{t('training.csvError', { message: csvProblemText(t, problem) })}</p>}
    </div>
  );
}
