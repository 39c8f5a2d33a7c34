// The explorer: the presets (visible on opening at 1280×800) and the scenario on the left; on the right an open preset's view,
// the diagram editor and the spacetime grid, the catalogue just below them (so entries drag onto
// the grid), then the plots and the theory.
import { useEffect } from 'react';
import { startLinkSync } from '../app/linkSync';
import { startRunSync } from '../app/runSync';
import { useAppStore } from '../app/store';
import { Catalogue } from './Catalogue';
import { DiagramEditor } from './DiagramEditor';
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
  const probeGpu = useAppStore((s) => s.probeGpu);
  useEffect(() => {
    void probeGpu();
  }, [probeGpu]);
  useEffect(() => {
    const stopLink = startLinkSync();
    const stopRun = startRunSync();
    return () => {
      stopLink();
      stopRun();
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
          <Presets />
          <ScenarioPanel />
          <Legend />
        </aside>
        <main className="content">
          <PresetView />
          <div className="row-2">
            <DiagramEditor />
            <SpacetimeGrid />
          </div>
          <Catalogue />
          <div className="row-2 plots-row">
            <Plots />
            <TheoryPanel />
          </div>
        </main>
      </div>
    </div>
  );
}
