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
import { ErrorBoundary } from './panels/ErrorBoundary';
import { ExplanationPanel } from './panels/ExplanationPanel';
import { Inspector } from './panels/Inspector';
import { LoadErrorPanel } from './panels/LoadErrorPanel';
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

/** The lecture views' plots, loaded when a view preset first opens. */
const ViewPanel = lazy(() => import('./views/ViewPanel').then((module) => ({ default: module.ViewPanel })));

/**
 * Layout: toolbar on top, palette left, canvas centre, inspector right, timeline
 * and status bar at the bottom. A lecture link may hide the palette, the
 * inspector and the side panels.
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

  useEffect(() => {
    window.document.documentElement.lang = language;
    window.document.title = t('app.title');
  }, [language, t]);

  // The stylesheets size the columns for the full layout; a lecture link that hides panels drops their columns.
  const hidesColumns = lecture.hidePalette || lecture.hideInspector;
  const columns = [!lecture.hidePalette && '240px', 'minmax(0, 1fr)', trainingShown && 'auto', !lecture.hideInspector && '340px'].filter(Boolean).join(' ');

  return (
    <ReactFlowProvider>
      <ProjectorFollow />
      <div className="app">
        <ErrorBoundary name="toolbar">
          <Toolbar />
        </ErrorBoundary>
        <div className={trainingShown ? 'workspace with-training' : 'workspace'} style={hidesColumns ? { gridTemplateColumns: columns } : undefined}>
          {!lecture.hidePalette && (
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
          </main>
          <ErrorBoundary name="training">
            <TrainingPanel />
          </ErrorBoundary>
          {!lecture.hideInspector && (
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
