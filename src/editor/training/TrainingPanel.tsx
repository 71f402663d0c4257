import { lazy, Suspense, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n/use-t';
import { drawerStore, toggleDrawer, useNarrowLayout, useOpenDrawer } from '../panels/narrow-layout';
import { editorStore, useEditor } from '../store/use-editor';
import { BatchTrace } from './BatchTrace';
import { BoundaryPlot } from './BoundaryPlot';
import { RunControls } from './RunControls';
import { SettingsForm } from './SettingsForm';
import { Templates } from './Templates';
import './training.css';
import { trainingController, useTraining } from './use-training';

/** The loss and accuracy charts, loaded with uPlot when a training panel first shows them. */
const Charts = lazy(() => import('./Charts').then((module) => ({ default: module.Charts })));

/** Tells whether the training panel shows: the document has training settings and no lecture link hides side panels. */
export function useTrainingPanelShown(): boolean {
  return useEditor((state) => state.document.training !== undefined && !state.lecture.hideSidePanels);
}

/**
 * Shows the training column beside the canvas: settings, run controls, loss and
 * accuracy curves, and the decision boundary (2-D data) or the weight
 * templates (a linear classifier on MNIST). It attaches the training controller to the editor store
 * while mounted, so the trainer follows the document and is disposed on unmount.
 */
export function TrainingPanel() {
  const t = useT();
  const training = useEditor((state) => state.document.training);
  const shown = useTrainingPanelShown();
  const features = useTraining((snapshot) => snapshot.features);
  // In the narrow layout the panel is one of the drawers that open over the canvas one at a time.
  const narrow = useNarrowLayout(true);
  const drawerOpen = useOpenDrawer() === 'training';
  const [columnOpen, setColumnOpen] = useState(true);
  const open = narrow ? drawerOpen : columnOpen;
  const toggle = () => (narrow ? toggleDrawer('training') : setColumnOpen(!columnOpen));
  const toggleButton = useRef<HTMLButtonElement>(null);

  // As the other drawers do, Escape closes the open drawer and returns the focus to its button.
  // A field that handles Escape itself, such as a number field restoring its value, marks the event as handled.
  const closeOnEscape = (event: KeyboardEvent) => {
    if (!narrow || !drawerOpen || event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    drawerStore.setState({ open: null });
    toggleButton.current?.focus();
  };

  useEffect(() => trainingController.attach(editorStore), []);

  if (!training || !shown) return null;
  return (
    <aside className={`training-panel${open ? '' : ' collapsed'}`} data-testid="training-panel" aria-label={t('training.heading')} onKeyDown={closeOnEscape}>
      <button
        ref={toggleButton}
        type="button"
        className="training-toggle"
        data-testid="training-toggle"
        aria-expanded={open}
        title={open ? t('training.collapse') : t('training.expand')}
        onClick={toggle}
      >
        {open ? '▸' : '◂'} <span className="training-toggle-label">{t('training.heading')}</span>
      </button>
      {/* The settings stay mounted while the panel is collapsed, so text typed into a field is kept. */}
      <div className="training-body" hidden={!open}>
        <SettingsForm training={training} />
        {open && (
          <>
            <RunControls />
            <Suspense fallback={null}>
              <Charts />
            </Suspense>
            {features === 2 && <BoundaryPlot />}
            {features > 0 && features !== 2 && <p className="hint" data-testid="no-boundary">{t('training.noBoundary', { features })}</p>}
            {features > 2 && <Templates />}
            <BatchTrace />
          </>
        )}
      </div>
    </aside>
  );
}
