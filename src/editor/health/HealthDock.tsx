import { useEffect, useState } from 'react';
import { ComparePanel } from '../compare/ComparePanel';
import { compareController } from '../compare/use-compare';
import { useT } from '../i18n/use-t';
import { editorStore, useEditor } from '../store/use-editor';
import { trainingController } from '../training/use-training';
import { HealthBadges } from './HealthBadges';
import { HealthPanel } from './HealthPanel';
import './health.css';
import { healthMonitor } from './use-health';

type DockPanel = 'health' | 'compare' | null;

/**
 * Buttons over the canvas that open the health panel or the run comparison
 * as an overlay, and the health badges drawn on the nodes. Attaches the
 * health monitor while mounted; a lecture link that hides side panels hides the dock.
 */
export function HealthDock() {
  const t = useT();
  const [open, setOpen] = useState<DockPanel>(null);
  const hidden = useEditor((state) => state.lecture.hideSidePanels);
  const trains = useEditor((state) => state.document.training !== undefined);

  useEffect(() => healthMonitor.attach(editorStore, trainingController), []);
  useEffect(() => {
    const detach = compareController.attach(editorStore);
    return () => {
      detach();
      compareController.dispose();
    };
  }, []);

  if (hidden) return null;
  const toggle = (panel: Exclude<DockPanel, null>) => setOpen(open === panel ? null : panel);
  const buttons = (
    <div className={open ? 'health-dock open' : 'health-dock'}>
      <button type="button" data-testid="open-health" aria-pressed={open === 'health'} onClick={() => toggle('health')}>{t('health.open')}</button>
      {trains && <button type="button" data-testid="open-compare" aria-pressed={open === 'compare'} onClick={() => toggle('compare')}>{t('compare.open')}</button>}
    </div>
  );
  return (
    <>
      <HealthBadges />
      {open ? (
        <div className="health-overlay" data-testid={`${open}-overlay`}>
          <div className="health-overlay-header">
            <h2>{t(open === 'health' ? 'health.heading' : 'compare.heading')}</h2>
            <button type="button" data-testid="health-overlay-close" onClick={() => setOpen(null)} aria-label={t('health.close')}>×</button>
          </div>
          {open === 'health' ? <HealthPanel /> : <ComparePanel />}
          {buttons}
        </div>
      ) : buttons}
    </>
  );
}
