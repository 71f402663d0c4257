import { lazy, Suspense } from 'react';
import { SIGMOID_SATURATION, TANH_SATURATION } from '../../engine/health/metrics';
import { useT } from '../i18n/use-t';
import { ActivationSwitch } from './ActivationSwitch';
import { HEALTH_EXAMPLES, SAMPLE_EVERY_CHOICES } from './health-monitor';
import { formatFraction, formatNorm } from './layer-labels';
import { useQuizOpen } from '../quiz/quiz-view';
import { NonFiniteNotice } from './NonFiniteNotice';
import { healthMonitor, useHealth } from './use-health';

/** The charts over training steps, loaded with uPlot when the panel first shows them. */
const HealthCharts = lazy(() => import('./HealthCharts').then((module) => ({ default: module.HealthCharts })));

/** Per-layer gradient norms, dead ReLUs and saturated sigmoids and tanhs: the activation switch, the NaN notice, charts and a table. */
export function HealthPanel() {
  const t = useT();
  const sampleEvery = useHealth((state) => state.sampleEvery);
  const quizOpen = useQuizOpen();

  return (
    <section className="health-panel" data-testid="health-panel" aria-label={t('health.heading')}>
      <ActivationSwitch />
      <NonFiniteNotice />
      {/* Gradient norms and dead shares reveal hidden values and gradients, so a quiz keeps them off. */}
      {quizOpen ? (
        <p className="hint" data-testid="health-quiz-hidden">{t('health.quizHidden')}</p>
      ) : (
        <>
          <Suspense fallback={null}>
            <HealthCharts />
          </Suspense>
          <LayerTable />
        </>
      )}
      <label className="health-field">
        <span>{t('health.sampleEvery')}</span>
        <select data-testid="health-sample-every" value={sampleEvery} onChange={(event) => healthMonitor.setSampleEvery(Number(event.target.value))}>
          {SAMPLE_EVERY_CHOICES.map((steps) => <option key={steps} value={steps}>{steps}</option>)}
        </select>
      </label>
      <p className="hint">
        {t('health.thresholds', { examples: HEALTH_EXAMPLES, low: SIGMOID_SATURATION.low, high: SIGMOID_SATURATION.high, tanh: TANH_SATURATION })}
      </p>
    </section>
  );
}

/** Lists the newest health of every layer, input side first. */
function LayerTable() {
  const t = useT();
  const current = useHealth((state) => state.current);
  if (current.length === 0) return <p className="hint">{t('health.noLayers')}</p>;

  return (
    <table className="health-table" data-testid="health-table">
      <thead>
        <tr>
          <th>{t('health.column.node')}</th>
          <th>{t('health.column.gradient')}</th>
          <th>{t('health.column.dead')}</th>
          <th>{t('health.column.saturated')}</th>
        </tr>
      </thead>
      <tbody>
        {current.map((entry) => (
          <tr key={entry.layer.nodeId} data-testid={`health-row-${entry.layer.nodeId}`} className={entry.nonFinite ? 'non-finite' : undefined}>
            <td>{entry.layer.nodeId} <span className="hint">{entry.layer.kind}</span></td>
            <td>{formatNorm(entry.gradientNorm)}</td>
            <td>{formatFraction(entry.deadFraction)}</td>
            <td>{formatFraction(entry.saturatedFraction)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
