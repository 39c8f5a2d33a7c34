// The plots, one tab each: observable against t, drift against η, the observable at T against η,
// optimizers side by side, and the per-diagram breakdown.
import { useDeferredValue, useMemo, type KeyboardEvent } from 'react';
import { PLOT_TABS, type PlotTab } from '../app/linkFields';
import { contributionPlot, driftPlot, lossPlot, optimizerPlot, trajectoryPlot, type PlotSpec } from '../app/plotData';
import { useAppStore } from '../app/store';
import { useAllowance } from '../app/useAllowance';
import { useContext } from '../app/useDerived';
import { Plot } from './Plot';

const TAB_LABEL: Record<PlotTab, string> = {
  trajectory: 'Against t',
  drift: 'Drift vs η',
  'test-loss': 'At T vs η',
  optimizers: 'Optimizers',
  diagrams: 'Diagrams',
};

export function useObservableLabel(): string {
  const obs = useAppStore((s) => s.observable);
  const w = useAppStore((s) => s.weight);
  return obs === 'weight' ? w : obs === 'test-loss' ? 'test loss' : 'train loss';
}

export function Plots() {
  const tab = useAppStore((s) => s.plot);
  const setPlot = useAppStore((s) => s.setPlot);
  const run = useAppStore((s) => s.run);
  const eta = useAppStore((s) => s.eta);
  const liveCtx = useContext();
  const ctx = useDeferredValue(liveCtx);
  const label = useObservableLabel();
  const allowView = useAllowance();
  // the allowance belongs to the live scenario; the plots may still show the deferred one
  const allowance = allowView?.status === 'ok' && ctx === liveCtx ? allowView.report : null;
  const spec = useMemo((): PlotSpec | string => {
    if (!ctx) return 'No prediction: the scenario is not valid.';
    try {
      switch (tab) {
        case 'trajectory':
          return trajectoryPlot(ctx, eta, run, label, allowance);
        case 'drift':
          return driftPlot(ctx, eta, run, label, allowance);
        case 'test-loss':
          return lossPlot(ctx, eta, run, label, allowance);
        case 'optimizers':
          return optimizerPlot(ctx, eta, run, label);
        case 'diagrams':
          return contributionPlot(ctx, eta);
      }
    } catch (e) {
      return (e as Error).message;
    }
  }, [ctx, eta, run, tab, label, allowance]);

  const onKey = (e: KeyboardEvent) => {
    const i = PLOT_TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? (i + 1) % PLOT_TABS.length : e.key === 'ArrowLeft' ? (i + PLOT_TABS.length - 1) % PLOT_TABS.length : -1;
    if (next < 0) return;
    e.preventDefault();
    setPlot(PLOT_TABS[next]);
    (document.getElementById(`tab-${PLOT_TABS[next]}`) as HTMLElement | null)?.focus();
  };

  return (
    <section className="panel plots" aria-labelledby="plots-heading">
      <h2 id="plots-heading" className="panel-title">Plots</h2>
      <div role="tablist" aria-label="Plots" onKeyDown={onKey} className="tabs">
        {PLOT_TABS.map((t) => (
          <button key={t} id={`tab-${t}`} role="tab" type="button" aria-selected={t === tab} aria-controls="plot-panel" tabIndex={t === tab ? 0 : -1} onClick={() => setPlot(t)}>
            {TAB_LABEL[t]}
          </button>
        ))}
      </div>
      <div id="plot-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} className={ctx !== liveCtx ? 'stale' : ''}>
        {typeof spec === 'string' ? <p className="hint">{spec}</p> : <Plot spec={spec} />}
      </div>
    </section>
  );
}
