import { ReactFlowProvider } from '@xyflow/react';
import { useEffect } from 'react';
import { Canvas } from './canvas/Canvas';
import { useT } from './i18n/use-t';
import { useTimelineShortcuts } from './keyboard';
import { ErrorBoundary } from './panels/ErrorBoundary';
import { ExplanationPanel } from './panels/ExplanationPanel';
import { Inspector } from './panels/Inspector';
import { LoadErrorPanel } from './panels/LoadErrorPanel';
import { Palette } from './panels/Palette';
import { StatusBar } from './panels/StatusBar';
import { Timeline } from './panels/Timeline';
import { Toolbar } from './panels/Toolbar';
import { useEditor } from './store/use-editor';
import { TrainingPanel, useTrainingPanelShown } from './training/TrainingPanel';

/** Layout: toolbar on top, palette left, canvas centre, inspector right, timeline and status bar at the bottom. */
export function App() {
  useTimelineShortcuts();
  const t = useT();
  const language = useEditor((state) => state.language);
  const starting = useEditor((state) => state.backend.status === 'starting');
  const trainingShown = useTrainingPanelShown();

  useEffect(() => {
    window.document.documentElement.lang = language;
    window.document.title = t('app.title');
  }, [language, t]);

  return (
    <ReactFlowProvider>
      <div className="app">
        <ErrorBoundary name="toolbar">
          <Toolbar />
        </ErrorBoundary>
        <div className={trainingShown ? 'workspace with-training' : 'workspace'}>
          <ErrorBoundary name="palette">
            <Palette />
          </ErrorBoundary>
          <main className="centre">
            <ErrorBoundary name="explanation">
              <ExplanationPanel />
              <LoadErrorPanel />
            </ErrorBoundary>
            <ErrorBoundary name="canvas">
              <Canvas />
            </ErrorBoundary>
            {starting && <div className="starting" data-testid="starting">{t('app.starting')}</div>}
          </main>
          <ErrorBoundary name="training">
            <TrainingPanel />
          </ErrorBoundary>
          <ErrorBoundary name="inspector">
            <Inspector />
          </ErrorBoundary>
        </div>
        <ErrorBoundary name="timeline">
          <Timeline />
        </ErrorBoundary>
        <ErrorBoundary name="status bar">
          <StatusBar />
        </ErrorBoundary>
      </div>
    </ReactFlowProvider>
  );
}
