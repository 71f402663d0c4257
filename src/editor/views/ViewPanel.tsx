import { useState, type ComponentType } from 'react';
import { findPreset } from '../../presets';
import { useT } from '../i18n/use-t';
import { useEditor } from '../store/use-editor';
import { BumpView } from './BumpView';
import { HingeSoftmaxView } from './HingeSoftmaxView';
import { KnnView } from './KnnView';
import { PolarView } from './PolarView';
import { RaceView } from './RaceView';
import { WarpView } from './WarpView';
import './views.css';

/** The plots and controls of each lecture view, by preset id. */
const VIEWS: Readonly<Record<string, ComponentType>> = {
  knn: KnnView,
  'polar-features': PolarView,
  'space-warping': WarpView,
  bump: BumpView,
  'optimizer-race': RaceView,
  'hinge-vs-softmax': HingeSoftmaxView,
};

/**
 * Shows the loaded lecture view's plots above the canvas, in a panel that
 * collapses to its title bar. Renders nothing for other presets and documents.
 */
export function ViewPanel() {
  const t = useT();
  const presetId = useEditor((state) => state.presetId);
  const language = useEditor((state) => state.language);
  const [open, setOpen] = useState(true);
  const View = presetId ? VIEWS[presetId] : undefined;
  const preset = presetId ? findPreset(presetId) : undefined;
  if (!View || !preset) return null;

  return (
    <section className={`view-panel${open ? '' : ' collapsed'}`} data-testid="view-panel" aria-label={t('view.heading')}>
      <button type="button" className="view-toggle" data-testid="view-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'} {t('view.heading')}: {preset.title[language]}
      </button>
      {open && (
        <div className="view-body">
          <View />
        </div>
      )}
    </section>
  );
}
