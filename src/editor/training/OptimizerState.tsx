import { useMemo } from 'react';
import type { OptimizerName } from '../../engine/optimizers';
import { formatNumber, formatTensor } from '../format';
import { useT } from '../i18n/use-t';
import { useEditor } from '../store/use-editor';
import { OPTIMIZER_LABELS, rootMeanSquare, slotKey } from './messages';
import { trainingController, useTraining } from './use-training';

/**
 * Shows the optimizer's state for a selected parameter node while a trainer exists:
 * velocity, moments or accumulated squares, each as a short preview and its
 * root mean square. It refreshes after every step while paused and after each
 * epoch while training runs, so reading the tensors does not slow training.
 */
export function OptimizerState({ nodeId }: { nodeId: string }) {
  const t = useT();
  const optimizer = useEditor((state) => state.document.training?.optimizer.name);
  const refresh = useTraining((snapshot) => (snapshot.phase === 'running' ? `epoch ${snapshot.revision}` : `step ${snapshot.revision} ${snapshot.steps}`));
  const state = useMemo(() => trainingController.optimizerState(nodeId), [nodeId, refresh]);
  if (!state || !optimizer) return null;

  const entries = Object.entries(state);
  const label = OPTIMIZER_LABELS[optimizer as OptimizerName];
  return (
    <section className="optimizer-state" data-testid="optimizer-state">
      <h3>{t('training.optimizerState')} <span className="muted">({label})</span></h3>
      {entries.length === 0 && <p className="muted">{optimizer === 'sgd' ? t('training.noState', { optimizer: label }) : t('training.stateNotYet', { optimizer: label })}</p>}
      <dl>
        {entries.map(([slot, value]) => {
          const key = slotKey(optimizer as OptimizerName, slot);
          return (
            <div key={slot} data-testid={`optimizer-slot-${slot}`}>
              <dt>{key ? `${t(key)} (${slot})` : slot}</dt>
              <dd>
                <span className="value-text">{formatTensor(value)}</span>{' '}
                <span className="muted">{t('training.rms', { value: formatNumber(rootMeanSquare(value.data)) })}</span>
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
