// The explorer's first page: header with the GPU status, controls beside the catalogue.
import { useEffect } from 'react';
import { useAppStore } from '../app/store';
import { Catalogue } from './Catalogue';
import { Controls } from './Controls';
import { GpuStatus } from './GpuStatus';
import { Legend } from './Legend';

export function App() {
  const probeGpu = useAppStore((s) => s.probeGpu);
  useEffect(() => {
    void probeGpu();
  }, [probeGpu]);

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <h1>sgd-diagrams</h1>
          <p className="tagline">the diagram expansion of stochastic gradient descent</p>
        </div>
        <GpuStatus />
      </header>
      <div className="layout">
        <aside className="sidebar">
          <Controls />
          <Legend />
        </aside>
        <main className="content">
          <Catalogue />
        </main>
      </div>
    </div>
  );
}
