import { formatNumber, type NonFiniteExplanation } from '../../engine/health/non-finite';
import type { MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/translate';
import { useT } from '../i18n/use-t';
import { editorStore } from '../store/use-editor';
import { useHealth } from './use-health';

/** Translates an explanation from its cause and fields, in the editor's language. */
export function explanationText(t: Translate, explanation: NonFiniteExplanation): string {
  const where = t(explanation.phase === 'forward' ? 'health.nanForward' : 'health.nanBackward', { node: explanation.nodeId, kind: explanation.kind });
  const key: MessageKey = `health.cause.${explanation.cause}`;
  const cause = t(key, {
    port: explanation.port ?? '',
    value: explanation.value === null ? '' : formatNumber(explanation.value),
    largest: formatNumber(explanation.largestInput),
  });
  const { largestWeight, training } = explanation;
  if (!explanation.learningRateSuspected || largestWeight === null || !training) return `${where} ${cause}`;
  const params = { weights: formatNumber(largestWeight), lr: training.learningRate, optimizer: training.optimizer };
  const blame = t(Number.isFinite(largestWeight) ? 'health.blameGrew' : 'health.blameNonFinite', params);
  return `${where} ${cause} ${blame}`;
}

/** Shows the plain explanation of the first NaN or infinity on the canvas, with a button that selects its node. */
export function NonFiniteNotice() {
  const t = useT();
  const explanation = useHealth((state) => state.explanation);
  if (!explanation) return null;
  return (
    <div className="health-nan" role="alert" data-testid="health-nan">
      <strong>{t('health.nanTitle')}</strong>
      <p data-testid="health-nan-text">{explanationText(t, explanation)}</p>
      <button type="button" data-testid="health-nan-select" onClick={() => editorStore.getState().setSelection({ nodes: [explanation.nodeId], edges: [] })}>
        {t('health.selectNode', { node: explanation.nodeId })}
      </button>
    </div>
  );
}
