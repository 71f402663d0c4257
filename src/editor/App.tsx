import { ReactFlowProvider } from '@xyflow/react';
import { lazy, Suspense, useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { appEnvironment } from './commands/environment';
import { useCommandShortcuts } from './commands/shortcuts';
import { HealthDock } from './health/HealthDock';
import { useT } from './i18n/use-t';
import { AddNodePopup } from './menus/AddNodePopup';
import { ContextMenu } from './menus/ContextMenu';
import { HelpDialog } from './menus/HelpDialog';
import { DrawerPanel, DrawerStrip } from './panels/Drawers';
import { ErrorBoundary } from './panels/ErrorBoundary';
import { ExplanationPanel } from './panels/ExplanationPanel';
import { Inspector } from './panels/Inspector';
import { LoadErrorPanel } from './panels/LoadErrorPanel';
import { useNarrowLayout } from './panels/narrow-layout';
import { Palette } from './panels/Palette';
import { ProjectorFollow } from './projector/ProjectorFollow';
import { QuizPanel } from './quiz/QuizPanel';
import { StatusBar } from './panels/StatusBar';
import { Timeline } from './panels/Timeline';
import { Toolbar } from './panels/Toolbar';
import { ShareDialog } from './share/ShareDialog';
import { useLinkHash } from './share/use-link-hash';
import { useEditor } from './store/use-editor';
import { TrainingPanel, useTrainingPanelShown } from './training/TrainingPanel';
import { VIEW_PRESET_IDS } from '../presets/views/presets';
import './panels/narrow-layout.css';

/** The lecture views' plots, loaded when a view preset first opens. */
const ViewPanel = lazy(() => import('./views/ViewPanel').then((module) => ({ default: module.ViewPanel })));

/**
 * Layout: toolbar on top, palette left, canvas centre, inspector right, timeline
 * and status bar at the bottom. A lecture link may hide the palette, the
 * inspector and the side panels. In a narrow window the palette and the
 * inspector become strips at the edges whose buttons open them over the canvas.
 */
export function App() {
  useCommandShortcuts(appEnvironment);
  useLinkHash();
  const t = useT();
  const language = useEditor((state) => state.language);
  const starting = useEditor((state) => state.backend.status === 'starting');
  const trainingShown = useTrainingPanelShown();
  const lecture = useEditor((state) => state.lecture);
  const viewShown = useEditor((state) => state.presetId !== null && VIEW_PRESET_IDS.has(state.presetId) && !state.lecture.hideSidePanels);
  const narrow = useNarrowLayout(trainingShown);

  useEffect(() => {
    window.document.documentElement.lang = language;
    window.document.title = t('app.title');
  }, [language, t]);

  // The stylesheets size the columns for the full layout. A lecture link that hides panels drops their columns,
  // and the narrow layout gives the palette and the inspector a strip each.
  const paletteShown = !lecture.hidePalette;
  const inspectorShown = !lecture.hideInspector;
  const sideWidths = narrow ? { palette: 'auto', inspector: 'auto' } : { palette: '240px', inspector: '340px' };
  const columns = [paletteShown && sideWidths.palette, 'minmax(0, 1fr)', trainingShown && 'auto', inspectorShown && sideWidths.inspector].filter(Boolean).join(' ');
  const setsColumns = narrow || !paletteShown || !inspectorShown;
  const workspaceClass = ['workspace', trainingShown && 'with-training', narrow && 'narrow'].filter(Boolean).join(' ');

  return (
    <ReactFlowProvider>
      <ProjectorFollow />
      <div className={narrow ? 'app narrow' : 'app'}>
        <ErrorBoundary name="toolbar">
          <Toolbar />
        </ErrorBoundary>
        <div className={workspaceClass} style={setsColumns ? { gridTemplateColumns: columns } : undefined}>
          {paletteShown && narrow && <DrawerStrip drawer="palette" side="left" />}
          {paletteShown && !narrow && (
            <ErrorBoundary name="palette">
              <Palette />
            </ErrorBoundary>
          )}
          <main className="centre">
            <ErrorBoundary name="explanation">
              {!lecture.hideSidePanels && <ExplanationPanel />}
              <LoadErrorPanel />
            </ErrorBoundary>
            {viewShown && (
              <ErrorBoundary name="lecture view">
                <Suspense fallback={null}>
                  <ViewPanel />
                </Suspense>
              </ErrorBoundary>
            )}
            <ErrorBoundary name="canvas">
              <Canvas />
            </ErrorBoundary>
            <ErrorBoundary name="quiz">
              <QuizPanel />
            </ErrorBoundary>
            <ErrorBoundary name="health">
              <HealthDock />
            </ErrorBoundary>
            {starting && <div className="starting" data-testid="starting">{t('app.starting')}</div>}
            {paletteShown && narrow && (
              <DrawerPanel drawer="palette" side="left">
                <ErrorBoundary name="palette">
                  <Palette />
                </ErrorBoundary>
              </DrawerPanel>
            )}
            {inspectorShown && narrow && (
              <DrawerPanel drawer="inspector" side="right">
                <ErrorBoundary name="inspector">
                  <Inspector />
                </ErrorBoundary>
              </DrawerPanel>
            )}
          </main>
          <ErrorBoundary name="training">
            <TrainingPanel />
          </ErrorBoundary>
          {inspectorShown && narrow && <DrawerStrip drawer="inspector" side="right" />}
          {inspectorShown && !narrow && (
            <ErrorBoundary name="inspector">
              <Inspector />
            </ErrorBoundary>
          )}
        </div>
        <ErrorBoundary name="timeline">
          <Timeline />
        </ErrorBoundary>
        <ErrorBoundary name="status bar">
          <StatusBar />
        </ErrorBoundary>
        <ErrorBoundary name="menus">
          <AddNodePopup />
          <ContextMenu />
          <HelpDialog />
          <ShareDialog />
        </ErrorBoundary>
      </div>
    </ReactFlowProvider>
  );
}
