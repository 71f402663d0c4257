import { useMemo } from 'react';
import { useT } from '../i18n/use-t';
import { EpochChart, type ChartSeries } from './EpochChart';
import { useTraining } from './use-training';

/** Series colours: the editor's value blue, an orange far from it, and ink for the total. */
const BLUE = '#1f4e9c';
const ORANGE = '#d9711c';
const INK = '#1d2330';
const ACCURACY_RANGE: [number, number] = [0, 1];

/** Data loss, regularization and their total per epoch, and train and validation accuracy per epoch. */
export function Charts() {
  const t = useT();
  const history = useTraining((snapshot) => snapshot.history);

  const lossSeries = useMemo<ChartSeries[]>(() => [
    { label: t('training.series.dataLoss'), colour: BLUE, value: (record) => record.dataLoss },
    { label: t('training.series.regularization'), colour: ORANGE, value: (record) => record.regularizationLoss },
    { label: t('training.series.total'), colour: INK, dash: [6, 4], value: (record) => record.dataLoss + record.regularizationLoss },
  ], [t]);
  const accuracySeries = useMemo<ChartSeries[]>(() => [
    { label: t('training.series.train'), colour: BLUE, value: (record) => record.trainAccuracy },
    { label: t('training.series.validation'), colour: ORANGE, value: (record) => record.validationAccuracy },
  ], [t]);

  return (
    <div className="training-charts">
      <EpochChart testId="loss-chart" title={t('training.lossChart')} xLabel={t('training.axis.epoch')} series={lossSeries} history={history} />
      <EpochChart testId="accuracy-chart" title={t('training.accuracyChart')} xLabel={t('training.axis.epoch')} series={accuracySeries} history={history} yRange={ACCURACY_RANGE} />
    </div>
  );
}
