import { useMemo, useRef } from 'react';
import type { EpochRecord } from '../../engine/training/trainer';
import { useT } from '../i18n/use-t';
import { EpochChart, type ChartSeries } from '../training/EpochChart';
import { useCompare } from './use-compare';

/** Run A in the editor's value blue, run B in orange; validation dashed. */
const COLOURS = ['#1f4e9c', '#d9711c'] as const;
const ACCURACY_RANGE: [number, number] = [0, 1];

/**
 * Overlays the two runs' curves per epoch: total training loss, and train
 * and validation accuracy. Loaded with uPlot when the compare panel first shows them.
 */
export function CompareCharts({ labels }: { labels: readonly [string, string] }) {
  const t = useT();
  const histories = useCompare((snapshot) => snapshot.histories);
  // The series read the newest histories through a ref, so the charts are not rebuilt on every update.
  const latest = useRef(histories);
  latest.current = histories;
  const longer = histories[0].length >= histories[1].length ? histories[0] : histories[1];

  const recordOf = (run: 0 | 1, record: EpochRecord): EpochRecord | undefined => latest.current[run][record.epoch - 1];
  const lossSeries = useMemo<ChartSeries[]>(() => ([0, 1] as const).map((run) => ({
    label: `${run === 0 ? 'A' : 'B'}: ${labels[run]}`,
    colour: COLOURS[run],
    value: (record: EpochRecord) => {
      const own = recordOf(run, record);
      return own ? own.dataLoss + own.regularizationLoss : Number.NaN;
    },
  })), [labels]);
  const accuracySeries = useMemo<ChartSeries[]>(() => ([0, 1] as const).flatMap((run) => [
    { label: `${run === 0 ? 'A' : 'B'}: ${t('compare.train')}`, colour: COLOURS[run], value: (record: EpochRecord) => recordOf(run, record)?.trainAccuracy ?? Number.NaN },
    { label: `${run === 0 ? 'A' : 'B'}: ${t('compare.validation')}`, colour: COLOURS[run], dash: [6, 4], value: (record: EpochRecord) => recordOf(run, record)?.validationAccuracy ?? Number.NaN },
  ]), [t, labels]);

  return (
    <div className="compare-charts">
      <EpochChart testId="compare-loss-chart" title={t('compare.lossChart')} xLabel={t('training.axis.epoch')} series={lossSeries} history={longer} />
      <EpochChart testId="compare-accuracy-chart" title={t('compare.accuracyChart')} xLabel={t('training.axis.epoch')} series={accuracySeries} history={longer} yRange={ACCURACY_RANGE} />
    </div>
  );
}
