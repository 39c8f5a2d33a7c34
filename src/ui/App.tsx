// The explorer: the presets (visible on opening at 1280×800) and the scenario on the left; on the
// right an open preset's view, the diagram editor and the spacetime grid, the catalogue just below
// them (so entries drag onto the grid), then the plots and the theory. Each panel has its own
// error boundary, and the page one more, so a failure never blanks it.
import { useEffect } from 'react';
import { startLinkSync } from '../app/hooks/linkSync';
import { startPredictionSync } from '../app/hooks/predictionSync';
import { RESETS } from '../app/state/resets';
import { startRunSync } from '../app/hooks/runSync';
import { useAppStore } from '../app/state/store';
import { Catalogue } from './Catalogue';
import { DiagramEditor } from './DiagramEditor';
import { ErrorBoundary, RESET_ALL } from './ErrorBoundary';
import { GpuStatus } from './GpuStatus';
import { Legend } from './Legend';
import { CopyLink, LinkNotice } from './LinkBar';
import { Plots } from './Plots';
import { Presets, PresetsJump } from './Presets';
import { PresetView } from './PresetView';
import { ScenarioPanel } from './ScenarioPanel';
import { SpacetimeGrid } from './SpacetimeGrid';
import { TheoryPanel } from './TheoryPanel';

export function App() {
  return (
    <ErrorBoundary name="The explorer" reset={RESET_ALL}>
      <Explorer />
    </ErrorBoundary>
  );
}

function Explorer() {
  const probeGpu = useAppStore((s) => s.probeGpu);
  useEffect(() => {
    void probeGpu();
  }, [probeGpu]);
  useEffect(() => {
    const stopLink = startLinkSync();
    const stopRun = startRunSync();
    const stopPredictions = startPredictionSync();
    return () => {
      stopLink();
      stopRun();
      stopPredictions();
    };
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>sgd-diagrams</h1>
          <p className="tagline">the diagram expansion of stochastic gradient descent</p>
        </div>
        <CopyLink />
        <PresetsJump />
        <GpuStatus />
      </header>
      <LinkNotice />
      <div className="layout">
        <aside className="sidebar">
          <ErrorBoundary name="The presets" reset={RESETS.preset}>
            <Presets />
          </ErrorBoundary>
          <ErrorBoundary name="The scenario panel" reset={RESETS.scenario}>
            <ScenarioPanel />
          </ErrorBoundary>
          <Legend />
        </aside>
        <main className="content">
          <ErrorBoundary name="The preset view" reset={RESETS.preset}>
            <PresetView />
          </ErrorBoundary>
          <div className="row-2">
            <ErrorBoundary name="The diagram editor" reset={RESETS.editor}>
              <DiagramEditor />
            </ErrorBoundary>
            <ErrorBoundary name="The spacetime grid" reset={RESETS.grid}>
              <SpacetimeGrid />
            </ErrorBoundary>
          </div>
          <ErrorBoundary name="The catalogue" reset={RESETS.filters}>
            <Catalogue />
          </ErrorBoundary>
          <div className="row-2 plots-row">
            <ErrorBoundary name="The plots" reset={RESETS.plot}>
              <Plots />
            </ErrorBoundary>
            <ErrorBoundary name="The theory panel" reset={RESETS.scenario}>
              <TheoryPanel />
            </ErrorBoundary>
          </div>
        </main>
      </div>
    </div>
  );
}
