import { applyVariant } from '../../engine/compare/variants';
import { WATCHED_ACTIVATIONS, type WatchedActivation } from '../../engine/health/layers';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';

/**
 * Switches every ReLU, sigmoid and tanh node of the graph to one kind, as one
 * undo step, for the lecture's comparison of the same network with sigmoid
 * and with ReLU. The trainer restarts with the same seed on the changed graph.
 */
export function ActivationSwitch() {
  const t = useT();
  const kinds = useEditor((state) => activationKinds(state.document.nodes));
  if (kinds === '') return null;
  const current = kinds.includes(' ') ? null : (kinds as WatchedActivation);

  const choose = (activation: WatchedActivation) => {
    const state = editorStore.getState();
    state.dispatch({ type: 'replaceDocument', document: applyVariant(state.document, { activation }) });
  };

  return (
    <fieldset className="health-switch" data-testid="activation-switch">
      <legend>{t('health.activations')}</legend>
      {WATCHED_ACTIVATIONS.map((activation) => (
        <label key={activation}>
          <input type="radio" name="health-activation" value={activation} checked={current === activation} onChange={() => choose(activation)} data-testid={`activation-${activation}`} />
          {activation === 'relu' ? 'ReLU' : activation}
        </label>
      ))}
      {current === null && <span className="hint">{t('health.mixedActivations')}</span>}
    </fieldset>
  );
}

/** The activation kinds the graph uses, sorted and joined by spaces, so the selector returns a stable string. */
function activationKinds(nodes: readonly { kind: string }[]): string {
  const kinds = new Set(nodes.map((node) => node.kind).filter((kind) => (WATCHED_ACTIVATIONS as readonly string[]).includes(kind)));
  return [...kinds].sort().join(' ');
}
