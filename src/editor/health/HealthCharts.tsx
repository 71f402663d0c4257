import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { LayerHealth } from '../../engine/health/metrics';
import { useT } from '../i18n/use-t';
import type { HealthSample } from './health-monitor';
import { activationLayers, layerColour, weightLayers } from './layer-labels';
import { StepChart, type StepSeries } from './StepChart';
import { useHealth } from './use-health';

/**
 * Charts over training steps: the gradient norm of each weight (log scale),
 * and each activation's dead (ReLU) or saturated (sigmoid, tanh) fraction.
 * Loaded with uPlot when the health panel first shows them.
 */
export function HealthCharts() {
  const t = useT();
  const samples = useHealth((state) => state.samples);
  const newest = samples.at(-1)?.layers ?? [];
  const weightIds = weightLayers(newest).map((entry) => entry.layer.nodeId).join(' ');
  const activationIds = activationLayers(newest).map((entry) => entry.layer.nodeId).join(' ');

  const weightSeries = useMemo(() => seriesFor(weightIds), [weightIds]);
  const activationSeries = useMemo(() => seriesFor(activationIds), [activationIds]);
  const weightData = useMemo(() => columns(samples, weightSeries, (entry) => positive(entry.gradientNorm)), [samples, weightSeries]);
  const activationData = useMemo(() => columns(samples, activationSeries, (entry) => entry.deadFraction ?? entry.saturatedFraction), [samples, activationSeries]);

  if (samples.length === 0) return <p className="hint" data-testid="health-no-samples">{t('health.noSamples')}</p>;
  return (
    <div className="health-charts">
      <StepChart testId="health-gradient-chart" title={t('health.gradientChart')} xLabel={t('health.axis.step')} series={weightSeries} data={weightData} logScale />
      {activationSeries.length > 0 && (
        <StepChart testId="health-activation-chart" title={t('health.activationChart')} xLabel={t('health.axis.step')} series={activationSeries} data={activationData} logScale={false} />
      )}
    </div>
  );
}

function seriesFor(ids: string): StepSeries[] {
  return ids === '' ? [] : ids.split(' ').map((label, index) => ({ label, colour: layerColour(index) }));
}

/** Turns 0 and non-finite norms into gaps, because a log axis cannot show them. */
function positive(value: number | null): number | null {
  return value !== null && Number.isFinite(value) && value > 0 ? value : null;
}

function columns(samples: readonly HealthSample[], series: readonly StepSeries[], value: (entry: LayerHealth) => number | null): uPlot.AlignedData {
  const steps = samples.map((sample) => sample.step);
  const perSeries = series.map(({ label }) => samples.map((sample) => {
    const entry = sample.layers.find((layer) => layer.layer.nodeId === label);
    return entry ? value(entry) : null;
  }));
  return [steps, ...perSeries];
}
