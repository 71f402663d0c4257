import { useT } from '../i18n/use-t';
import { CANVAS_BATCH_EXAMPLES } from './controller';
import { NumberSetting } from './NumberSetting';
import { trainingController, useTraining } from './use-training';

/** Shows the current batch's values and gradients on the canvas on request, or every N steps. */
export function BatchTrace() {
  const t = useT();
  const canShow = useTraining((snapshot) => snapshot.phase === 'ready' || snapshot.phase === 'running');
  const traceEvery = useTraining((snapshot) => snapshot.traceEvery);

  return (
    <div className="training-batch-trace">
      <button
        type="button"
        data-testid="show-batch"
        disabled={!canShow}
        title={t('training.showBatchTitle', { count: CANVAS_BATCH_EXAMPLES })}
        onClick={() => trainingController.showBatch()}
      >
        {t('training.showBatch')}
      </button>
      <NumberSetting
        testId="trace-every"
        label={t('training.traceEvery')}
        value={traceEvery}
        validate={(value) => (Number.isInteger(value) && value >= 0 ? null : t('training.invalidWhole', { min: 0 }))}
        onCommit={(value) => trainingController.setTraceEvery(value)}
      />
    </div>
  );
}
